/**
 * What an editor must check before a change publishes: new text that quotes a phone number (a
 * wrong digit sends someone in crisis to a stranger) or that mentions crisis support (it must
 * agree with the crisis page). Word lists are data: `crisis-words.json`.
 */
import crisisWords from './crisis-words.json' with { type: 'json' };
import type { DiffEntry } from './diff';

export type ChangeFlag = 'phone-number' | 'crisis';

/** A UK phone number as people write it: 11 digits from 0 or +44, or a short helpline (111, 116 123, 999). */
const PHONE = /(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\d){9,10}\b|\b(?:999|111|116\s?\d{3}|85258)\b/;
const CRISIS = new RegExp(`\\b(?:${crisisWords.words.map((word) => word.replace(/\s+/g, '\\s+')).join('|')})\\b`, 'i');

const textsOf = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
};

/** The flags the added or changed text of a diff raises. */
export function flagsFor(entries: DiffEntry[]): ChangeFlag[] {
  const added = entries.filter((entry) => entry.change !== 'removed').flatMap((entry) => textsOf(entry.after));
  const flags: ChangeFlag[] = [];
  if (added.some((text) => PHONE.test(text))) flags.push('phone-number');
  if (added.some((text) => CRISIS.test(text))) flags.push('crisis');
  return flags;
}

export const flagLabels: Record<ChangeFlag, string> = {
  'phone-number': 'Quotes a phone number: check it is right before publishing',
  crisis: 'Mentions crisis support: check it agrees with the urgent help page',
};
