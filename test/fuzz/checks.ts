/**
 * What the fuzzer checks in each answer: no server error, no hostile input turned into markup in
 * the page as a browser parses it (parse5, the WHATWG HTML parser), no injected header, and an
 * answer within the time limit.
 */
import { parse } from 'parse5';

/** The marker every markup payload carries, as an element name or a `data-` attribute. */
export const MARKER = 'fuzz-x1a2';
/** The slowest answer allowed (issue 10: "none slower than 2 s"). */
export const TIME_LIMIT_MS = 2000;

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
  value?: string;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/** Each element or attribute in `html` that a hostile input could only have put there. */
export function injectedMarkup(html: string): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if (node.tagName) {
      if (node.tagName.toLowerCase().includes(MARKER)) found.push(`<${node.tagName}> element`);
      for (const { name, value } of node.attrs ?? []) {
        const lower = name.toLowerCase();
        if (lower.includes(MARKER)) found.push(`${name} attribute on <${node.tagName}>`);
        else if (lower.startsWith('on') && /alert\(/.test(value)) found.push(`${name}="${value}" on <${node.tagName}>`);
        else if (
          URL_ATTRIBUTES.has(lower) &&
          /^(?:javascript|vbscript|data):/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))
        )
          found.push(`${name}="${value.slice(0, 60)}" on <${node.tagName}>`);
      }
      if (node.tagName === 'script') {
        const text = (node.childNodes ?? []).map((child) => child.value ?? '').join('');
        if (/alert\(1\)/.test(text)) found.push('a <script> holding alert(1)');
      }
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(parse(html) as unknown as Node);
  return found;
}

/** Response headers a hostile input could only have added (CR/LF smuggled into a header). */
export function injectedHeaders(headers: Headers): string[] {
  const found: string[] = [];
  if (headers.has('x-injected')) found.push('an X-Injected header');
  for (const cookie of headers.getSetCookie()) if (/^x=1\b/.test(cookie)) found.push('a Set-Cookie x=1');
  return found;
}
