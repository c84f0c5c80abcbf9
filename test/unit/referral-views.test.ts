import { describe, expect, it } from 'vitest';
import { formatUkPhone } from '../../src/referrals/phone.ts';
import { statusSummary } from '../../src/referrals/status.ts';
import type { ItemStatus } from '../../src/people/schema.ts';

const items = (...statuses: ItemStatus[]) => statuses.map((status) => ({ status }));

describe('statusSummary', () => {
  it('counts each activity once, furthest along first', () => {
    expect(statusSummary(items('accepted', 'opened', 'not-for-me'))).toBe('1 of 3 accepted, 1 waiting, 1 not for them');
  });

  it('groups not opened, opened and interested as waiting', () => {
    expect(statusSummary(items('created', 'opened', 'interested'))).toBe('3 of 3 waiting');
    expect(statusSummary(items('created', 'declined'))).toBe('1 of 2 waiting, 1 declined');
  });

  it('lists outcomes in order', () => {
    expect(statusSummary(items('did-not-engage', 'completed', 'attended', 'attended'))).toBe(
      '1 of 4 completed, 2 attended, 1 did not engage',
    );
  });

  it('reads a single activity as its status', () => {
    expect(statusSummary(items('accepted'))).toBe('Accepted');
    expect(statusSummary(items('created'))).toBe('Not opened yet');
    expect(statusSummary([])).toBe('No activities');
  });
});

describe('formatUkPhone', () => {
  it('groups London, mobile and freephone numbers as people read them', () => {
    expect(formatUkPhone('02079460991')).toBe('020 7946 0991');
    expect(formatUkPhone('+44 7700 900123')).toBe('07700 900123');
    expect(formatUkPhone('0800-123-4567')).toBe('0800 123 4567');
    expect(formatUkPhone('03001234567')).toBe('0300 123 4567');
  });

  it('groups other geographic numbers by their area code', () => {
    expect(formatUkPhone('01614960000')).toBe('0161 496 0000');
    expect(formatUkPhone('01134960000')).toBe('0113 496 0000');
    expect(formatUkPhone('01632960001')).toBe('01632 960001');
  });

  it('leaves anything that is not a UK number as given', () => {
    expect(formatUkPhone(' 12345 ')).toBe('12345');
    expect(formatUkPhone('+33 1 23 45 67 89')).toBe('+33 1 23 45 67 89');
  });
});
