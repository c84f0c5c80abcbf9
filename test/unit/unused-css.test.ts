/** The build's pruning of NHS.UK frontend CSS (scripts/unused-css.mjs), on small made-up sheets. */
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import unusedCss, { scanSources } from '../../scripts/unused-css.mjs';

const sources = {
  words: new Set(['nhsuk-button', 'nhsuk-label', 'nhsuk-hint', 'sp-map']),
  templates: [/^nhsuk-[a-z0-9]+__item$/],
};
const prune = async (css: string) => (await postcss([unusedCss(sources)]).process(css, { from: undefined })).css;

describe('the unused NHS.UK CSS pruner', () => {
  it('drops a rule for an NHS.UK class no source writes and keeps one for a class in use', async () => {
    const out = await prune('.nhsuk-button{color:red}.nhsuk-card{color:blue}');
    expect(out).toContain('.nhsuk-button');
    expect(out).not.toContain('.nhsuk-card');
  });

  it('keeps only the selectors of a list that can still match', async () => {
    expect(await prune('.nhsuk-card,.nhsuk-button{margin:0}')).toBe('.nhsuk-button{margin:0}');
  });

  it('does not judge classes inside :not(), so a rule about their absence stays', async () => {
    const rule = '.nhsuk-label:not(.nhsuk-label--m)+.nhsuk-hint{margin-top:-4px}';
    expect(await prune(rule)).toBe(rule);
  });

  it('keeps classes a template in the sources can make', async () => {
    const out = await prune('.nhsuk-radios__item{float:left}.nhsuk-radios__divider{float:none}');
    expect(out).toContain('.nhsuk-radios__item');
    expect(out).not.toContain('divider');
  });

  it('leaves Signpost and Leaflet rules alone, and removes at-rules left empty', async () => {
    const out = await prune(
      '.sp-unheard{color:red}.leaflet-tile{visibility:hidden}@media print{.nhsuk-card{display:none}}.nhsuk-hint{x:y}',
    );
    expect(out).toContain('.sp-unheard');
    expect(out).toContain('.leaflet-tile');
    expect(out).not.toContain('@media');
  });

  it('leaves a sheet without NHS.UK classes untouched', async () => {
    const css = '.leaflet-container{overflow:hidden}';
    expect(await prune(css)).toBe(css);
  });

  it('reads the portal sources, finding written classes and class templates', () => {
    const scanned = scanSources();
    expect(scanned.words.has('nhsuk-header__service-name')).toBe(true);
    expect(scanned.templates.some((template) => template.test('nhsuk-checkboxes__input'))).toBe(true);
    expect(scanned.words.has('nhsuk-card--clickable-something-nobody-wrote')).toBe(false);
  });
});
