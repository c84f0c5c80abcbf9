/**
 * Which documents a GROQ query can read, from its text: groq-js visits every document of the
 * dataset on each `*[...]`, so the embedded store hands it only the types the query asks for.
 *
 * A query is scoped when every `*` in it (outside string literals) opens a filter whose top level
 * starts with `_type == "t"`, `_type in ["t", ...]` or `_id == "id"`, followed by `&&` or the
 * end of the filter, with no `||` beside it at that level. Anything else (a bare `*`, an `||`
 * that could widen the match, arithmetic) reads the whole dataset, as before.
 */

/** The document types (and single ids) a query can read, or undefined for "every document". */
export type QueryScope = { types: string[]; ids: string[] };

const typeEquals = /^_type\s*==\s*"([^"\\]+)"\s*(?:&&|$)/;
const typeIn = /^_type\s+in\s+\[\s*((?:"[^"\\]+"\s*,\s*)*"[^"\\]+")\s*\]\s*(?:&&|$)/;
const idEquals = /^_id\s*==\s*"([^"\\]+)"\s*(?:&&|$)/;

/** The text of the filter opened at `start` (the `[`), and whether it has a top-level `||`. */
function filterAt(query: string, start: number): { text: string; topLevelOr: boolean } | undefined {
  let depth = 0;
  let topLevelOr = false;
  for (let i = start; i < query.length; i += 1) {
    const char = query[i];
    if (char === '"' || char === "'") {
      // Skip the string literal, escapes included.
      for (i += 1; i < query.length && query[i] !== char; i += 1) if (query[i] === '\\') i += 1;
    } else if (char === '[' || char === '(' || char === '{') depth += 1;
    else if (char === ']' || char === ')' || char === '}') {
      depth -= 1;
      if (depth === 0) return { text: query.slice(start + 1, i).trim(), topLevelOr };
    } else if (depth === 1 && char === '|' && query[i + 1] === '|') topLevelOr = true;
  }
  return undefined;
}

/** The scope of a query; undefined when it may read any document. */
export function scopeOf(query: string): QueryScope | undefined {
  const types = new Set<string>();
  const ids = new Set<string>();
  for (let i = 0; i < query.length; i += 1) {
    const char = query[i];
    if (char === '"' || char === "'") {
      for (i += 1; i < query.length && query[i] !== char; i += 1) if (query[i] === '\\') i += 1;
      continue;
    }
    if (char !== '*') continue;
    let open = i + 1;
    while (open < query.length && /\s/.test(query[open] as string)) open += 1;
    if (query[open] !== '[') return undefined;
    const filter = filterAt(query, open);
    if (!filter || filter.topLevelOr) return undefined;
    const equals = typeEquals.exec(filter.text);
    const among = typeIn.exec(filter.text);
    const id = idEquals.exec(filter.text);
    if (equals) types.add(equals[1] as string);
    else if (among) for (const name of (among[1] as string).matchAll(/"([^"]+)"/g)) types.add(name[1] as string);
    else if (id) ids.add(id[1] as string);
    else return undefined;
  }
  return { types: [...types].sort(), ids: [...ids].sort() };
}
