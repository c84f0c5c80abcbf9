import { describe, expect, it } from 'vitest';
import { crisisReview } from '../../src/listings/crisis-review';

describe('the urgent help page review', () => {
  const crisis = { reviewedOn: '2026-06-03', owner: 'Crisis Line Team' };
  it('is in date up to six months after the last review', () => {
    const review = crisisReview(crisis, new Date('2026-12-03T12:00:00Z'));
    expect(review.overdue).toBe(false);
    expect(review.message).toContain('3 June 2026 by Crisis Line Team');
  });
  it('is overdue the day after, and says who to ask', () => {
    const review = crisisReview(crisis, new Date('2026-12-04T12:00:00Z'));
    expect(review.overdue).toBe(true);
    expect(review.message).toContain('overdue');
    expect(review.message).toContain('Ask Crisis Line Team');
  });
  it('counts the day in London, not UTC', () => {
    // 23:30 UTC on 3 December is still 3 December in London in winter; in summer 00:30 BST is the next day.
    expect(crisisReview(crisis, new Date('2026-12-03T23:30:00Z')).overdue).toBe(false);
    expect(crisisReview({ ...crisis, reviewedOn: '2026-01-14' }, new Date('2026-07-14T23:30:00Z')).overdue).toBe(true);
  });
});
