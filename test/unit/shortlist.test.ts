import { describe, expect, it } from 'vitest';
import {
  MAX_ITEMS,
  changeList,
  isServiceId,
  listSetCookieHeader,
  normaliseServiceId,
  parseIds,
  parseListCookie,
  safeReturnPath,
  serialiseListCookie,
  shareQuery,
  unavailableMessage,
} from '../../src/shortlist';

const a = '802bab00-af48-594e-8315-7f3be33598c6';
const b = '2f8afd8c-55ef-5340-bb02-1c3f03b0a745';
const c = 'fffdc8d1-485a-5f01-8a48-438232168393';
const many = (count: number) =>
  Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('service ids', () => {
  it('accepts UUIDs only, in lower case after normalising', () => {
    expect(isServiceId(a)).toBe(true);
    expect(isServiceId(a.toUpperCase())).toBe(false);
    expect(normaliseServiceId(` ${a.toUpperCase()} `)).toBe(a);
    for (const bad of [
      '',
      'drafts.' + a,
      a + 'x',
      a.slice(1),
      '<script>',
      'x'.repeat(10_000),
      '../etc',
      null,
      42,
      {},
    ]) {
      expect(isServiceId(bad)).toBe(false);
      expect(normaliseServiceId(bad)).toBeUndefined();
    }
  });
});

describe('parseIds', () => {
  it('reads dots, commas and spaces, drops repeats and counts what it ignores', () => {
    expect(parseIds(`${a},${b}.${a} ${c}`)).toEqual({ ids: [a, b, c], malformed: 0, overflow: 0 });
    expect(parseIds(`${a},nope,,${b},<b>`)).toEqual({ ids: [a, b], malformed: 2, overflow: 0 });
    expect(parseIds(undefined)).toEqual({ ids: [], malformed: 0, overflow: 0 });
    expect(parseIds('')).toEqual({ ids: [], malformed: 0, overflow: 0 });
  });

  it(`keeps at most ${MAX_ITEMS} ids`, () => {
    const parsed = parseIds(many(MAX_ITEMS + 5).join(','));
    expect(parsed.ids).toHaveLength(MAX_ITEMS);
    expect(parsed.overflow).toBe(5);
  });

  it('reads a huge input without error, keeping only valid ids once each', () => {
    const parsed = parseIds(`${a},`.repeat(200_000));
    expect(parsed.ids).toEqual([a]);
    expect(parseIds('x'.repeat(1_000_000)).ids).toEqual([]);
  });
});

describe('the cookie', () => {
  it('round-trips a list', () => {
    const value = serialiseListCookie([a, b]);
    expect(value).toBe(`${a}.${b}`);
    expect(value).not.toMatch(/[,;\s"\\]/); // cookie-octets only
    expect(parseListCookie(value)).toEqual([a, b]);
  });

  it('reads a URL-encoded, garbled or missing cookie without throwing', () => {
    expect(parseListCookie(encodeURIComponent(`${a}.${b}`))).toEqual([a, b]);
    expect(parseListCookie(`%E0%A4%A.${a}`)).toEqual([a]);
    expect(parseListCookie(`${a}.garbage.${b.toUpperCase()}`)).toEqual([a, b]);
    expect(parseListCookie(undefined)).toEqual([]);
    expect(parseListCookie(null)).toEqual([]);
  });

  it('serialises only valid ids, without repeats, at most the maximum', () => {
    expect(serialiseListCookie([a, 'bad', a, b])).toBe(`${a}.${b}`);
    expect(serialiseListCookie(many(80)).split('.')).toHaveLength(MAX_ITEMS);
    expect(serialiseListCookie(many(MAX_ITEMS)).length).toBeLessThan(4000);
  });

  it('writes Path=/, SameSite=Lax, a long life, Secure on https, and expires an empty list', () => {
    const header = listSetCookieHeader([a], true);
    expect(header).toBe(`my-list=${a}; Path=/; SameSite=Lax; Max-Age=31536000; Secure`);
    expect(listSetCookieHeader([], false)).toBe('my-list=; Path=/; SameSite=Lax; Max-Age=0');
  });
});

describe('changeList', () => {
  it('adds to the end once, removes, clears and ignores unknown actions', () => {
    expect(changeList([a], 'add', [b])).toEqual({ ids: [a, b], refused: 0, changed: true });
    expect(changeList([a, b], 'add', [a])).toEqual({ ids: [a, b], refused: 0, changed: false });
    expect(changeList([a, b], 'remove', [a])).toEqual({ ids: [b], refused: 0, changed: true });
    expect(changeList([a], 'remove', [c])).toEqual({ ids: [a], refused: 0, changed: false });
    expect(changeList([a, b], 'clear', [])).toEqual({ ids: [], refused: 0, changed: true });
    expect(changeList([a], 'add-all', [b, c, a])).toEqual({ ids: [a, b, c], refused: 0, changed: true });
    expect(changeList([a], 'explode', [b])).toEqual({ ids: [a], refused: 0, changed: false });
  });

  it('ignores malformed ids and refuses more than the maximum', () => {
    expect(changeList([a], 'add', ['nope', '<script>'])).toEqual({ ids: [a], refused: 0, changed: false });
    const full = many(MAX_ITEMS);
    expect(changeList(full, 'add', [a])).toEqual({ ids: full, refused: 1, changed: false });
  });
});

describe('safeReturnPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeReturnPath('/services/x')).toBe('/services/x');
    expect(safeReturnPath('/search?q=walk&area=haringey#save-1')).toBe('/search?q=walk&area=haringey#save-1');
  });

  it('never sends anyone to another site', () => {
    for (const hostile of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      ' /services/x',
      '/\t/evil.example',
      '/%0a/evil',
      'services/x',
      '',
      '/' + 'a'.repeat(3000),
      null,
      undefined,
      {},
    ]) {
      const path = safeReturnPath(hostile);
      expect(path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')).toBe(true);
      expect(new URL(path, 'https://signpost.example').origin).toBe('https://signpost.example');
    }
    expect(safeReturnPath('//evil.example')).toBe('/my-list');
    expect(safeReturnPath('https://evil.example/', '/')).toBe('/');
  });
});

describe('sharing and messages', () => {
  it('shares ids only, comma separated', () => {
    expect(shareQuery([a, 'bad', b])).toBe(`ids=${a},${b}`);
  });

  it('counts unavailable listings in plain English', () => {
    expect(unavailableMessage(1)).toBe('1 listing is no longer available');
    expect(unavailableMessage(3)).toBe('3 listings are no longer available');
  });
});
