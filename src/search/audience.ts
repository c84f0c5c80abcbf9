/**
 * Who a service is for, as a small fixed vocabulary (the `audience` search parameter), derived at
 * index time from what listings already hold: the age range, the "who it is for" sentence and the
 * tags. Editors write "Women aged 18 and over" or "Unpaid carers of any age", not codes, so the
 * rules below read those words. A service may be for several audiences, or none (most are for
 * any adult).
 *
 * - older-people: open from 50 or older, or says older people, elderly, pensioners, seniors,
 *   retired, "50 and over" / "over 60s" and the like
 * - young-people: an upper age of 25 or under, or says young people/adults, teenagers, youth
 * - women / men: says women, ladies, mums (men, dads, "men's")
 * - carers: says carer(s), or "care for" / "caring for" someone
 * - families: says families, parents, children or kids (or is tagged family)
 */
import type { Audience } from './params';
import { normalise } from './text';

/** The fields the rules read (a search document holds them). */
export type AudienceInput = {
  ageMin?: number | null;
  ageMax?: number | null;
  forWhom?: string | null;
  tags?: readonly string[] | null;
};

const rules: readonly (readonly [Audience, RegExp])[] = [
  [
    'older-people',
    /\b(?:older|elderly|pensioners?|seniors?|retired|(?:50|55|60|65) and over|over (?:50|55|60|65)s?)\b/,
  ],
  ['young-people', /\b(?:young (?:people|person|adults?)|teenagers?|teens|youth)\b/],
  ['women', /\b(?:women|woman|womens|ladies|mums|mothers)\b/],
  ['men', /\b(?:men|mens|dads|fathers)\b/],
  ['carers', /\b(?:carers?|caring for|care for)\b/],
  ['families', /\b(?:families|family|parents|children|kids)\b/],
];

/** The audiences a listing is for, in vocabulary order. */
export function audiencesOf(input: AudienceInput): Audience[] {
  // Sentences and tags are read as one lower-case, accent- and apostrophe-free text ("men's" -> "mens").
  const text = normalise([input.forWhom ?? '', ...(input.tags ?? [])].join(' . ')).replace(/[^a-z0-9]+/g, ' ');
  const found = new Set<Audience>();
  if (typeof input.ageMin === 'number' && input.ageMin >= 50) found.add('older-people');
  if (typeof input.ageMax === 'number' && input.ageMax <= 25) found.add('young-people');
  for (const [audience, pattern] of rules) {
    // "help care for a family member" is a young carer, not a family service.
    if (audience === 'families' && /\b(?:care|caring) for (?:a |their )?family\b/.test(text)) {
      if (!/\b(?:families|parents|children|kids)\b/.test(text)) continue;
    }
    if (pattern.test(text)) found.add(audience);
  }
  return [...found];
}
