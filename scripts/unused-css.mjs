// A PostCSS plugin that drops NHS.UK frontend rules for classes Signpost never writes, so the
// stylesheet every page blocks on carries only what the portal uses (issue 10: <= 30 kB compressed).
//
// Like Tailwind's content scan: every word in the portal's sources (site/, src/) counts as a class
// in use, and a template such as `nhsuk-${kind}__item` keeps every class it could make. Only
// `.nhsuk-*` classes are judged: Signpost's own `sp-*` rules and Leaflet's (whose classes are added
// by Leaflet's own script) are never touched. A rule goes only when each of its selectors names a
// class no source could produce (classes inside `:not()`, `:is()` or `:has()` are not judged).
// The scan runs each time the stylesheet is processed: in `astro dev`, a class newly written in a
// component gets its NHS.UK style once the sheet is processed again (restart, or touch main.scss).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['site', 'src'];
const SOURCE_FILE = /\.(astro|ts|mts|mjs|js|json)$/;
// Classes set by NHS.UK frontend's own markup conventions or browsers, kept whatever the scan says.
const ALWAYS = ['nhsuk-frontend-supported'];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(name) ? [path] : [];
  });
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words and class templates found in the portal's sources. */
export function scanSources(dirs = SOURCE_DIRS.map((dir) => join(root, dir))) {
  const text = dirs.flatMap((dir) => sourceFiles(dir).map((file) => readFileSync(file, 'utf8'))).join('\n');
  const words = new Set(text.match(/[a-z][a-z0-9_-]*/gi) ?? []);
  for (const word of ALWAYS) words.add(word);
  // `nhsuk-${kind}__item` -> /^nhsuk-[a-z0-9]+__item$/: a placeholder stands for one word (radios,
  // m, 10), never a whole class, so `nhsuk-${kind}` cannot keep every rule.
  const templates = [];
  for (const match of text.matchAll(/nhsuk-[a-z0-9_-]*(?:\$\{[^}]*\}[a-z0-9_-]*)+/gi)) {
    const parts = match[0].split(/\$\{[^}]*\}/).map(escape);
    templates.push(new RegExp(`^${parts.join('[a-z0-9]+')}$`));
  }
  return { words, templates };
}

/**
 * The selector without what is inside brackets: a class in `:not(.x)` must be absent, and one in
 * `:is(.x, .y)` or `:has(.x)` need not be present, so neither says the rule is unused.
 */
function outsideParentheses(selector) {
  let depth = 0;
  let out = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (depth === 0) out += ch;
    if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

/** The plugin; `sources` defaults to a fresh scan of site/ and src/ at each build. */
export default function unusedCss(sources) {
  return {
    postcssPlugin: 'signpost-unused-nhsuk-css',
    Once(css) {
      // Sheets that name no NHS.UK class (Leaflet's, say) are left as they are.
      if (!/\.nhsuk-/.test(css.toString())) return;
      const { words, templates } = sources ?? scanSources();
      const inUse = (name) => words.has(name) || templates.some((template) => template.test(name));
      css.walkRules((rule) => {
        if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
        const kept = rule.selectors.filter((selector) =>
          (outsideParentheses(selector).match(/\.nhsuk-[a-z0-9_-]*/gi) ?? []).every((name) => inUse(name.slice(1))),
        );
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      // At-rules left empty (a media query whose rules all went) go too, innermost first.
      let removed;
      do {
        removed = false;
        css.walkAtRules((atRule) => {
          if (atRule.nodes && atRule.nodes.length === 0) {
            atRule.remove();
            removed = true;
          }
        });
      } while (removed);
    },
  };
}
unusedCss.postcss = true;
