/**
 * Search: what a query string asks for (`params`), the engine that answers it (`engine`) and
 * the store that keeps an engine ready for the current content (`index-store`). Pages and the
 * JSON API use only what is exported here.
 */
export {
  activeFilters,
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
  type ParamError,
  type ParseResult,
  type SearchParamName,
  type SearchParams,
} from './params';
export {
  createSearchEngine,
  fingerprintOf,
  loadSearchEngine,
  type LoosenSuggestion,
  type Reach,
  type SearchEngine,
  type SearchResponse,
  type SearchResult,
  type SerialisedIndex,
} from './engine';
export { coveredAreasText, describeDistance, isPlaceName, type Place, type PlaceResolver } from './place';
export { createSearchIndex, type RefreshOutcome, type SearchIndex, type SearchIndexOptions } from './index-store';
