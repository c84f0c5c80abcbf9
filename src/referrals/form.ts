/**
 * The connector's referral form, checked: which activities, a note for the resident, consent to
 * share contact details (and only then the details: a name, one way to reach them, the outward
 * part of their postcode), consent to be asked for feedback (separate), and how long the link
 * works. Every problem comes back as a sentence for the field it concerns.
 */
import type { ContactRoute } from '../people/schema.ts';
import { isFullPostcode, outwardCode } from '../geo/outcodes.ts';

/** How long a link can work, in days; the first is not the default. */
export const EXPIRY_CHOICES = [7, 14, 30, 60] as const;
export const DEFAULT_EXPIRY_DAYS = 30;

/** At most this many activities in one referral. */
export const MAX_ACTIVITIES = 10;
export const MAX_NOTE_LENGTH = 500;
export const MAX_NAME_LENGTH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** The form's fields as posted (`serviceId` may repeat). */
export interface ReferralFormInput {
  serviceIds: string[];
  note?: string;
  privateLabel?: string;
  shareContact?: string;
  feedbackConsent?: string;
  name?: string;
  route?: string;
  phone?: string;
  mobile?: string;
  email?: string;
  postcode?: string;
  expiryDays?: string;
}

export interface ReferralRequest {
  serviceIds: string[];
  note: string | null;
  /** The connector's own label (initials, a case reference); never shown to providers. */
  privateLabel?: string | null;
  shareContact: boolean;
  feedbackConsent: boolean;
  contact?: { name: string; route: ContactRoute; value: string; outwardPostcode: string | null };
  expiryDays: number;
}

/** A field and what is wrong with it, in the form's order (for the error summary). */
export interface FormProblem {
  field: string;
  message: string;
}

/** Reads the posted form: repeated `serviceId` fields, first value of everything else. */
export function referralFormInput(data: FormData): ReferralFormInput {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    serviceIds: data.getAll('serviceId').filter((v): v is string => typeof v === 'string'),
    note: text('note'),
    privateLabel: text('privateLabel'),
    shareContact: text('shareContact'),
    feedbackConsent: text('feedbackConsent'),
    name: text('name'),
    route: text('route'),
    phone: text('phone'),
    mobile: text('mobile'),
    email: text('email'),
    postcode: text('postcode'),
    expiryDays: text('expiryDays'),
  };
}

/** A UK phone number as digits starting 0 (+44 becomes 0), or undefined if it is not one. */
export function ukPhoneNumber(text: string, options: { mobile?: boolean } = {}): string | undefined {
  let digits = text.replace(/[\s().-]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4).replace(/^0/, '')}`;
  if (!/^0\d{9,10}$/.test(digits)) return undefined;
  if (options.mobile && !/^07\d{9}$/.test(digits)) return undefined;
  return digits;
}

/** The outward code a person typed ("N17", or a full postcode reduced to "N17"); undefined if neither. */
export function outwardPostcode(text: string): string | undefined {
  const compact = text.trim().toUpperCase().replace(/\s+/g, ' ');
  const code = outwardCode(compact);
  if (!code) return undefined;
  // "N17" or a whole postcode; not a half-typed one ("N17 6").
  return compact === code || isFullPostcode(compact) ? code : undefined;
}

/** The longest private label a connector may give. */
export const PRIVATE_LABEL_MAX = 40;

/** Checks a private label: the trimmed label (null for none), or the message to show. */
export function parsePrivateLabel(
  text: string | null | undefined,
): { ok: true; value: string | null } | { ok: false; message: string } {
  const label = (text ?? '').trim().replace(/\s+/g, ' ');
  if (label === '') return { ok: true, value: null };
  if (label.length > PRIVATE_LABEL_MAX) {
    return { ok: false, message: `Private label must be ${PRIVATE_LABEL_MAX} characters or fewer` };
  }
  if (/[\u0000-\u001f]/.test(label)) return { ok: false, message: 'Private label must be plain text' };
  return { ok: true, value: label };
}

const filled = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** Checks the form: the request, or the problems to show. */
export function parseReferralForm(
  input: ReferralFormInput,
): { ok: true; value: ReferralRequest } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const serviceIds = [...new Set(input.serviceIds.map((id) => id.trim().toLowerCase()))];
  if (serviceIds.length === 0) {
    problems.push({ field: 'serviceId', message: 'Choose at least one activity to refer them to' });
  } else if (serviceIds.length > MAX_ACTIVITIES) {
    problems.push({ field: 'serviceId', message: `Choose at most ${MAX_ACTIVITIES} activities` });
  } else if (!serviceIds.every((id) => UUID.test(id))) {
    problems.push({ field: 'serviceId', message: 'Choose activities from the list' });
  }

  const note = (input.note ?? '').trim().replace(/\r\n/g, '\n');
  if (note.length > MAX_NOTE_LENGTH) {
    problems.push({ field: 'note', message: `The note must be ${MAX_NOTE_LENGTH} characters or fewer` });
  }

  const label = parsePrivateLabel(input.privateLabel);
  if (!label.ok) problems.push({ field: 'privateLabel', message: label.message });

  const shareContact = input.shareContact === 'yes';
  const feedbackConsent = input.feedbackConsent === 'yes';
  let contact: ReferralRequest['contact'];
  const anyContact = [input.name, input.phone, input.mobile, input.email, input.postcode].some(filled);
  if (!shareContact && anyContact) {
    problems.push({
      field: 'shareContact',
      message:
        'You entered contact details: tick the box if they agreed to share them with the providers, or clear the details',
    });
  }
  if (shareContact) {
    const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
    if (name === '') problems.push({ field: 'name', message: 'Enter their name, or what they like to be called' });
    else if (name.length > MAX_NAME_LENGTH)
      problems.push({ field: 'name', message: `The name must be ${MAX_NAME_LENGTH} characters or fewer` });

    let route: ContactRoute | undefined;
    let value: string | undefined;
    if (input.route === 'phone') {
      route = 'phone';
      value = ukPhoneNumber(input.phone ?? '');
      if (!value)
        problems.push({
          field: 'phone',
          message: filled(input.phone)
            ? 'Enter a UK phone number, like 020 7946 0000 or 07700 900 982'
            : 'Enter the phone number to call',
        });
    } else if (input.route === 'text') {
      route = 'text';
      value = ukPhoneNumber(input.mobile ?? '', { mobile: true });
      if (!value)
        problems.push({
          field: 'mobile',
          message: filled(input.mobile)
            ? 'Enter a UK mobile number, like 07700 900 982'
            : 'Enter the mobile number to text',
        });
    } else if (input.route === 'email') {
      route = 'email';
      const email = (input.email ?? '').trim();
      if (EMAIL.test(email) && email.length <= 254) value = email;
      else
        problems.push({
          field: 'email',
          message: filled(input.email)
            ? 'Enter an email address in the correct format, like name@example.com'
            : 'Enter the email address',
        });
    } else {
      problems.push({ field: 'route', message: 'Choose how the providers should contact them' });
    }

    let outward: string | null = null;
    if (filled(input.postcode)) {
      outward = outwardPostcode(input.postcode) ?? null;
      if (!outward)
        problems.push({ field: 'postcode', message: 'Enter the first part of their postcode, like N17 or E1W' });
    }
    if (route && value && name && name.length <= MAX_NAME_LENGTH) {
      contact = { name, route, value, outwardPostcode: outward };
    }
  }

  const expiryDays = input.expiryDays ? Number(input.expiryDays) : DEFAULT_EXPIRY_DAYS;
  if (!(EXPIRY_CHOICES as readonly number[]).includes(expiryDays)) {
    problems.push({ field: 'expiryDays', message: 'Choose how long the link works' });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      serviceIds,
      note: note === '' ? null : note,
      privateLabel: label.ok ? label.value : null,
      shareContact,
      feedbackConsent,
      contact,
      expiryDays,
    },
  };
}
