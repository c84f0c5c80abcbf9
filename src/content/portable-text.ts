/**
 * Portable Text (the Studio's rich text) as a small tree a page can render: paragraphs and
 * headings, lists (nested by `level`) and runs of text with bold, italic and links. Only what the
 * content profile allows (`pageBlock`) is understood; anything else is shown as plain text.
 */
import type { PageBlock } from './profile.ts';

/** A run of text: bold and italic as marked, inside a link when `href` is set. */
export interface TextRun {
  text: string;
  strong: boolean;
  em: boolean;
}

/** Consecutive runs that share one link (or none), so a link is one element however it is styled. */
export interface TextSegment {
  key: string;
  href?: string;
  runs: TextRun[];
}

export interface TextNode {
  kind: 'text';
  key: string;
  style: PageBlock['style'];
  segments: TextSegment[];
}

export interface ListItemNode {
  key: string;
  segments: TextSegment[];
  /** Lists nested under this item (Portable Text's `level` 2 and deeper). */
  lists: ListNode[];
}

export interface ListNode {
  kind: 'list';
  key: string;
  style: NonNullable<PageBlock['listItem']>;
  items: ListItemNode[];
}

export type BodyNode = TextNode | ListNode;

/** A block's spans as segments: runs grouped by the link they are in. */
export function segmentsOf(block: Pick<PageBlock, '_key' | 'markDefs' | 'children'>): TextSegment[] {
  const links = new Map(block.markDefs.map((def) => [def._key, def.href]));
  const segments: TextSegment[] = [];
  for (const span of block.children) {
    if (span.text === '') continue;
    const linkKey = span.marks.find((mark) => links.has(mark));
    const href = linkKey ? links.get(linkKey) : undefined;
    const run = { text: span.text, strong: span.marks.includes('strong'), em: span.marks.includes('em') };
    const last = segments.at(-1);
    if (last && last.href === href) last.runs.push(run);
    else segments.push({ key: span._key, href, runs: [run] });
  }
  return segments;
}

/** The body as paragraphs, headings and (nested) lists, in order. */
export function bodyTree(blocks: readonly PageBlock[]): BodyNode[] {
  const nodes: BodyNode[] = [];
  // The open list at each depth (index 0: the top-level list), while list items keep coming.
  let open: ListNode[] = [];
  for (const block of blocks) {
    if (!block.listItem) {
      open = [];
      nodes.push({ kind: 'text', key: block._key, style: block.style, segments: segmentsOf(block) });
      continue;
    }
    const depth = Math.max(1, Math.min(block.level ?? 1, open.length + 1)) - 1;
    open = open.slice(0, depth + 1);
    let list = open[depth];
    if (!list || list.style !== block.listItem) {
      list = { kind: 'list', key: block._key, style: block.listItem, items: [] };
      const parentItem = depth > 0 ? open[depth - 1]?.items.at(-1) : undefined;
      if (parentItem) parentItem.lists.push(list);
      else nodes.push(list);
      open[depth] = list;
      open = open.slice(0, depth + 1);
    }
    list.items.push({ key: block._key, segments: segmentsOf(block), lists: [] });
  }
  return nodes;
}

/** The body's plain text, for descriptions and tests. */
export function plainText(blocks: readonly PageBlock[]): string {
  return blocks.map((block) => block.children.map((span) => span.text).join('')).join('\n');
}
