import { describe, expect, it } from 'vitest';
import { injectedHeaders, injectedMarkup } from '../fuzz/checks.ts';

const page = (body: string) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

describe("the fuzzer's injection check", () => {
  it('finds a marker element a hostile input turned into markup', () => {
    expect(injectedMarkup(page('<p>You searched for <fuzz-x1a2></fuzz-x1a2></p>'))).toEqual(['<fuzz-x1a2> element']);
  });

  it('finds a marker attribute that broke out of a quoted value', () => {
    const html = page('<input value=""><img src=x data-fuzz-x1a2 onerror=alert(1)>">');
    expect(injectedMarkup(html)).toContain('data-fuzz-x1a2 attribute on <img>');
  });

  it('finds a script holding the payload, an event handler and a javascript: link', () => {
    const found = injectedMarkup(
      page('<script>alert(1)</script><a href=" javascript:alert(1)">x</a><b onclick="alert(2)">y</b>'),
    );
    expect(found).toHaveLength(3);
  });

  it('finds markup inside a template element', () => {
    expect(injectedMarkup(page('<template><fuzz-x1a2></fuzz-x1a2></template>'))).toEqual(['<fuzz-x1a2> element']);
  });

  it('passes hostile text that was escaped, in text and in attribute values', () => {
    const html = page(
      '<p>&lt;fuzz-x1a2&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p><input value="&quot;&gt;&lt;fuzz-x1a2 data-fuzz-x1a2&gt;"><textarea><fuzz-x1a2></textarea><title>x</title>',
    );
    expect(injectedMarkup(html)).toEqual([]);
  });

  it('finds a header smuggled in through a line break', () => {
    expect(injectedHeaders(new Headers({ 'X-Injected': '1' }))).toEqual(['an X-Injected header']);
    expect(injectedHeaders(new Headers({ 'content-type': 'text/html' }))).toEqual([]);
  });
});
