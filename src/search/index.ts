/**
 * Search: what a query string asks for (`params`), the engine that answers it (`engine`) and
 * the store that keeps an engine ready for the current content (`index-store`). Pages and the
 * JSON API use only what is exported here.
 */
export {
  activeFilters,
  audiences,
  languageSlug,
  normaliseLocation,
  whenChoices,
  defaultSort,
  hasLocation,
  parseSearchParams,
  PER_PAGE,
  radiusChoices,
  removeFilter,
  searchParams,
  searchParamsSchema,
  timeBands,
  toSearchParams,
  type ActiveFilter,
  type Audience,
  type ParamError,
  type ParseResult,
  type SearchParamName,
  type SearchParams,
  type When,
} from './params';
export {
  createLexicon,
  interpretQuery,
  type Effect,
  type InterpretContext,
  type Interpretation,
  type Interpreted,
  type Lexicon,
} from './interpret';
export {
  createSearchEngine,
  createSearchEngineSteps,
  fingerprintOf,
  loadSearchEngine,
  type LanguageChoice,
  type LoosenSuggestion,
  type Reach,
  type SearchEngine,
  type SearchResponse,
  type SearchResult,
  type SerialisedIndex,
} from './engine';
export { coveredAreasText, describeDistance, isPlaceName, type Place, type PlaceResolver } from './place';
export { atOnce, inTurns, type Steps } from './turns';
export { createSearchIndex, type RefreshOutcome, type SearchIndex, type SearchIndexOptions } from './index-store';
