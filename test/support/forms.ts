/**
 * What a form on a page would send back as it stands, as a browser would build it: text inputs
 * and hidden fields, checked radios and checkboxes, each select's chosen option and textareas,
 * in document order and with repeated names kept. Tests then change some fields and post it.
 */
export type FormEntries = [string, string][];

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string) => {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return found === undefined ? undefined : decode(found);
};

/** The fields of the first form on the page whose markup contains `marker`. */
export function formEntries(html: string, marker: string): FormEntries {
  const form = html
    .split('<form')
    .slice(1)
    .map((text) => text.slice(0, text.indexOf('</form>')))
    .find((text) => text.includes(marker));
  if (form === undefined) throw new Error(`No form on the page holds ${marker}`);
  const entries: FormEntries = [];
  // A tag ends at the first `>` outside a quoted attribute value (values may hold `>`).
  const tag = String.raw`(?:[^>"]|"[^"]*")*>`;
  const controls = new RegExp(
    String.raw`<input\b${tag}|<select\b${tag}[\s\S]*?</select>|<textarea\b${tag}[\s\S]*?</textarea>`,
    'g',
  );
  for (const [control] of form.matchAll(controls)) {
    const opening = new RegExp(String.raw`^<${tag}`).exec(control)![0];
    const name = attribute(opening, 'name');
    if (!name) continue;
    if (control.startsWith('<input')) {
      const type = attribute(opening, 'type') ?? 'text';
      if (['submit', 'button', 'image', 'reset'].includes(type)) continue;
      if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(opening.replace(/"[^"]*"/g, '""'))) continue;
      entries.push([name, attribute(opening, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (control.startsWith('<select')) {
      const options = [...control.matchAll(new RegExp(String.raw`<option\b${tag}`, 'g'))].map(([option]) => option);
      const chosen = options.find((option) => /\sselected\b/.test(option)) ?? options[0];
      if (chosen) entries.push([name, attribute(chosen, 'value') ?? '']);
    } else {
      entries.push([name, decode(control.slice(opening.length, -'</textarea>'.length))]);
    }
  }
  return entries;
}

/** `entries` with each named field set to the given value(s) (a list replaces every value of that name). */
export function withValues(entries: FormEntries, values: Record<string, string | string[]>): FormEntries {
  const changed = entries.filter(([name]) => !(name in values));
  for (const [name, value] of Object.entries(values)) {
    for (const each of Array.isArray(value) ? value : [value]) changed.push([name, each]);
  }
  return changed;
}

/** The value of a field in `entries`. */
export const valueOf = (entries: FormEntries, name: string) => entries.find(([field]) => field === name)?.[1];
