/**
 * The public feedback forms, checked with zod: "Report a problem with this listing", "Suggest a
 * listing", "Is this page useful?" and its "What was wrong?" follow-up, and the editor's
 * "Mark as resolved". Every problem comes back as a sentence for the field it concerns.
 */
import { z } from 'zod';
import { PROBLEM_REASONS, type ProblemReason } from '../people/schema.ts';

export const MAX_MESSAGE_LENGTH = 1000;
export const MAX_NAME_LENGTH = 150;
export const MAX_COMMENT_LENGTH = 500;
export const MAX_NOTE_LENGTH = 1000;
const MAX_PATH_LENGTH = 200;

/** The reasons as the form offers them. */
export const PROBLEM_REASON_LABELS: Record<ProblemReason, string> = {
  'out-of-date': 'Something is out of date',
  closed: 'The service has closed',
  'wrong-details': 'Some details are wrong, like the phone number, address or times',
  other: 'Something else',
};

/** Reasons that need the reporter to say what is wrong. */
const NEEDS_MESSAGE: readonly ProblemReason[] = ['wrong-details', 'other'];

/** A field and what is wrong with it, in the form's order (for the error summary). */
export interface FormProblem {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FormProblem[] };

// Control characters (other than new lines and tabs) never mean anything in a form.
// eslint-disable-next-line no-control-regex
const controlCharacters =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const cleanText = (text: string) => text.normalize('NFC').replace(controlCharacters, '').replace(/\r\n?/g, '\n').trim();

/** A free-text field: cleaned, empty becomes undefined. */
const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((value) => cleanText(value ?? ''))
    .pipe(z.string().max(max, tooLong))
    .transform((value) => (value === '' ? undefined : value));

const contactFields = {
  email: z
    .string()
    .optional()
    .transform((value) => (value ?? '').trim())
    .pipe(
      z.union([
        z.literal(''),
        z.email({ message: 'Enter an email address in the correct format, like name@example.com' }).max(254, {
          message: 'Enter an email address in the correct format, like name@example.com',
        }),
      ]),
    )
    .transform((value) => (value === '' ? undefined : value.toLowerCase())),
  contactAgreed: z
    .string()
    .optional()
    .transform((value) => value === 'yes'),
};

/** An email is kept only with the agreement to be contacted, and agreement needs an email. */
function checkContact(value: { email?: string | undefined; contactAgreed: boolean }, ctx: z.RefinementCtx): void {
  if (value.email && !value.contactAgreed) {
    ctx.addIssue({
      code: 'custom',
      path: ['contactAgreed'],
      message: 'You gave an email address: tick the box if we may contact you about this, or clear the address',
    });
  }
  if (!value.email && value.contactAgreed) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter your email address so we can contact you' });
  }
}

const reportSchema = z
  .object({
    reason: z.enum(PROBLEM_REASONS, { message: 'Choose what is wrong with the listing' }),
    message: text(MAX_MESSAGE_LENGTH, `Tell us in ${MAX_MESSAGE_LENGTH.toLocaleString('en-GB')} characters or fewer`),
    ...contactFields,
  })
  // Checked even when another field is wrong, so every problem shows at once.
  .superRefine(
    (value, ctx) => {
      if (NEEDS_MESSAGE.includes(value.reason) && !value.message) {
        ctx.addIssue({ code: 'custom', path: ['message'], message: 'Tell us what is wrong with the listing' });
      }
      checkContact(value, ctx);
    },
    { when: () => true },
  );

export type ReportRequest = z.output<typeof reportSchema>;

const suggestionSchema = z
  .object({
    listingName: text(MAX_NAME_LENGTH, `The name must be ${MAX_NAME_LENGTH} characters or fewer`).pipe(
      z.string({ message: 'Enter the name of the service, group or activity' }),
    ),
    message: text(
      MAX_MESSAGE_LENGTH,
      `Tell us in ${MAX_MESSAGE_LENGTH.toLocaleString('en-GB')} characters or fewer`,
    ).pipe(z.string({ message: 'Tell us what it offers, who it is for and where it happens' })),
    ...contactFields,
  })
  .superRefine(checkContact, { when: () => true });

export type SuggestionRequest = z.output<typeof suggestionSchema>;

/** Pages whose address may hold something private, or that are for staff: never rated, never stored. */
const UNRATEABLE_PREFIXES = [
  '/r/',
  '/invite/',
  '/reset-password',
  '/api/',
  '/account',
  '/admin',
  '/editor',
  '/partner',
  '/referrals',
  '/reports',
  '/sign-in',
  '/sign-out',
  '/forgot-password',
  '/page-feedback',
];

/** Whether a page may carry "Is this page useful?" (public pages, by their path alone). */
export function isRateablePath(path: string): boolean {
  return (
    path.length <= MAX_PATH_LENGTH &&
    /^\/[A-Za-z0-9\-._~/%]*$/.test(path) &&
    !path.includes('//') &&
    !UNRATEABLE_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))
  );
}

const pagePath = z
  .string({ message: 'We could not tell which page your answer was about' })
  .refine(isRateablePath, { message: 'We could not tell which page your answer was about' });

const ratingSchema = z.object({
  page: pagePath,
  useful: z.enum(['yes', 'no'], { message: 'Choose yes or no' }),
});

export type RatingRequest = z.output<typeof ratingSchema>;

const uuid = z
  .string({ message: 'We could not find your answer' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'We could not find your answer',
  })
  .transform((value) => value.toLowerCase());

const commentSchema = z.object({
  rating: uuid,
  comment: text(MAX_COMMENT_LENGTH, `Tell us in ${MAX_COMMENT_LENGTH} characters or fewer`),
});

export type CommentRequest = z.output<typeof commentSchema>;

const resolveSchema = z.object({
  note: text(MAX_NOTE_LENGTH, `The note must be ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer`),
});

/** The first value of each field, as strings (a repeated or file field counts as its first text value). */
export function formFields(data: FormData): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const key of new Set(data.keys())) {
    const value = data.getAll(key).find((v): v is string => typeof v === 'string');
    fields[key] = value;
  }
  return fields;
}

/** The first problem of each field, in the form's order (`order`), for the error summary. */
function parseWith<S extends z.ZodType>(
  schema: S,
  input: Record<string, string | undefined>,
  order: string[],
): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems: FormProblem[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: issue.message });
  }
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return { ok: false, problems: problems.sort((a, b) => rank(a.field) - rank(b.field)) };
}

const CONTACT_ORDER = ['email', 'contactAgreed'];

export const parseReportForm = (input: Record<string, string | undefined>): Parsed<ReportRequest> =>
  parseWith(reportSchema, input, ['reason', 'message', ...CONTACT_ORDER]);
export const parseSuggestionForm = (input: Record<string, string | undefined>): Parsed<SuggestionRequest> =>
  parseWith(suggestionSchema, input, ['listingName', 'message', ...CONTACT_ORDER]);
export const parseRatingForm = (input: Record<string, string | undefined>): Parsed<RatingRequest> =>
  parseWith(ratingSchema, input, ['page', 'useful']);
export const parseCommentForm = (input: Record<string, string | undefined>): Parsed<CommentRequest> =>
  parseWith(commentSchema, input, ['rating', 'comment']);
export const parseResolveForm = (input: Record<string, string | undefined>): Parsed<{ note?: string | undefined }> =>
  parseWith(resolveSchema, input, ['note']);
