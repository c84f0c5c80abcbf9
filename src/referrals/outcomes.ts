/**
 * ONS4 personal wellbeing (the Office for National Statistics' four questions), the pure side:
 * the measures, their questions and which way is better, validation of a set of answers from a
 * form, and the change between a baseline and a follow-up. Reports reuse `ONS4_MEASURES` and
 * `change` to describe aggregate change the same way the referral page does.
 */
export type Ons4Key = 'life_satisfaction' | 'worthwhile' | 'happiness' | 'anxiety';

export interface Ons4Measure {
  key: Ons4Key;
  /** A short name for tables. */
  label: string;
  question: string;
  /** Which way an improvement goes: anxiety is better when it falls. */
  better: 'higher' | 'lower';
}

export const ONS4_MEASURES: readonly Ons4Measure[] = [
  {
    key: 'life_satisfaction',
    label: 'Life satisfaction',
    question: 'Overall, how satisfied are you with your life nowadays?',
    better: 'higher',
  },
  {
    key: 'worthwhile',
    label: 'Worthwhile',
    question: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
    better: 'higher',
  },
  {
    key: 'happiness',
    label: 'Happiness',
    question: 'Overall, how happy did you feel yesterday?',
    better: 'higher',
  },
  {
    key: 'anxiety',
    label: 'Anxiety',
    question:
      "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', overall, how anxious did you feel yesterday?",
    better: 'lower',
  },
];

export const ONS4_MIN = 0;
export const ONS4_MAX = 10;
/** The follow-up is due this many weeks after the referral was made. */
export const FOLLOW_UP_WEEKS = 8;

export type Ons4Scores = Record<Ons4Key, number>;

/** A whole number from 0 to 10, or undefined. */
export function ons4Score(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const score = Number(text);
  return score >= ONS4_MIN && score <= ONS4_MAX ? score : undefined;
}

export type WellbeingForm =
  | { kind: 'none' }
  | { kind: 'answers'; scores: Ons4Scores }
  | { kind: 'invalid'; errors: { field: string; message: string }[] };

/** The form field for a measure, prefixed so it cannot clash with the page's other fields. */
export const wellbeingField = (key: Ons4Key): string => `wellbeing_${key}`;
export const WELLBEING_CONSENT_FIELD = 'wellbeing_consent';

/**
 * Reads the wellbeing fieldset of a form. Nothing answered and no consent: `none` (the questions
 * are optional). Anything answered needs consent and all four answers, each a whole number 0-10.
 */
export function parseWellbeingForm(
  form: { get(name: string): unknown },
  options: { required?: boolean; byResident?: boolean } = {},
): WellbeingForm {
  const raw = Object.fromEntries(
    ONS4_MEASURES.map((m) => {
      const value = form.get(wellbeingField(m.key));
      return [m.key, typeof value === 'string' ? value.trim() : ''];
    }),
  ) as Record<Ons4Key, string>;
  const consent = form.get(WELLBEING_CONSENT_FIELD) === 'yes';
  const answered = ONS4_MEASURES.some((m) => raw[m.key] !== '');
  if (!answered && !consent && !options.required) return { kind: 'none' };
  const errors: { field: string; message: string }[] = [];
  if (!consent) {
    errors.push({
      field: WELLBEING_CONSENT_FIELD,
      message: options.byResident
        ? 'Your answers can be kept only if you agree: tick the box to say you do'
        : answered
          ? 'Answers can be kept only if the resident agreed: tick the box to say they did, or clear the answers'
          : 'Tick the box to say the resident agreed to answer and for their answers to be kept',
    });
  }
  const scores: Partial<Ons4Scores> = {};
  for (const m of ONS4_MEASURES) {
    const score = ons4Score(raw[m.key]);
    if (score === undefined) {
      errors.push({
        field: wellbeingField(m.key),
        message:
          raw[m.key] === ''
            ? `Choose an answer from 0 to 10 for: ${m.question}`
            : `The answer must be a whole number from 0 to 10 for: ${m.question}`,
      });
    } else scores[m.key] = score;
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'answers', scores: scores as Ons4Scores };
}

export interface MeasureChange {
  measure: Ons4Measure;
  baseline: number;
  followUp: number;
  /** followUp - baseline. */
  difference: number;
  direction: 'improved' | 'worse' | 'same';
  /** In words, e.g. "Improved: anxiety fell by 3 (from 7 to 4)". */
  description: string;
}

/** The change in each measure from the baseline to the follow-up (anxiety: a fall is an improvement). */
export function change(baseline: Ons4Scores, followUp: Ons4Scores): MeasureChange[] {
  return ONS4_MEASURES.map((measure) => {
    const from = baseline[measure.key];
    const to = followUp[measure.key];
    const difference = to - from;
    const direction: MeasureChange['direction'] =
      difference === 0 ? 'same' : difference > 0 === (measure.better === 'higher') ? 'improved' : 'worse';
    const name = measure.label.toLowerCase();
    const moved = difference > 0 ? `rose by ${difference}` : `fell by ${-difference}`;
    const description =
      direction === 'same'
        ? `No change: ${name} stayed at ${from}`
        : `${direction === 'improved' ? 'Improved' : 'Worse'}: ${name} ${moved} (from ${from} to ${to})`;
    return { measure, baseline: from, followUp: to, difference, direction, description };
  });
}
