import { describe, expect, it } from 'vitest';
import { maskRecipient } from '../../src/notifications/mask.ts';
import { isSecretField } from '../../src/notifications/templates.ts';
import { jobErrorText, redactLogText } from '../../src/security/redact.ts';

describe('log redaction', () => {
  it('masks the tokens of invitation, password-reset and referral links', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
    expect(redactLogText(`Could not render http://127.0.0.1/invite/${token}`)).toBe(
      'Could not render http://127.0.0.1/invite/[redacted]',
    );
    expect(redactLogText(`GET /reset-password/${token}?callbackURL=/x`)).toBe(
      'GET /reset-password/[redacted]?callbackURL=[redacted]',
    );
    expect(redactLogText(`/r/${token} failed`)).toBe('/r/[redacted] failed');
    expect(redactLogText(`/api/thing?token=${token}&x=1`)).toBe('/api/thing?token=[redacted]&x=1');
  });

  it('masks email addresses, full postcodes and UK phone numbers', () => {
    expect(redactLogText('user jo.bloggs+x@example.org not found')).toBe('user [email] not found');
    expect(redactLogText('lives at N1 9GU and EC1A 1BB')).toBe('lives at [postcode] and [postcode]');
    expect(redactLogText('call 07700 900123 or +44 20 7946 0000')).toBe('call [phone] or [phone]');
  });

  it('leaves ordinary lines alone, outward districts included', () => {
    const line = 'Signpost is starting on http://localhost:4321 (search index: 1234 services in N1, E8)';
    expect(redactLogText(line)).toBe(line);
  });
});

describe('a background job’s failure', () => {
  it('logs only the message, with any address or number masked', () => {
    const text = jobErrorText(new Error('duplicate key (email)=(sam@example.org) phone 020 7946 0123'));
    expect(text).not.toContain('sam@example.org');
    expect(text).not.toContain('7946');
    expect(jobErrorText('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('the outbox page', () => {
  it('masks an email recipient to its first letter and domain', () => {
    expect(maskRecipient('jo.bloggs@example.org')).toBe('j***@example.org');
  });

  it('masks a phone number to its last three digits', () => {
    expect(maskRecipient('07700 900123')).toBe('********123');
  });

  it('treats links and tokens in a payload as secret', () => {
    expect(isSecretField('password-reset', 'link', 'https://x/reset-password/abc')).toBe(true);
    expect(isSecretField('referral-reminder', 'note', 'see https://signpost.example.org/r/abc')).toBe(true);
    expect(isSecretField('invitation', 'role', 'editor')).toBe(false);
  });
});
