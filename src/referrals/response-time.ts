/**
 * How quickly providers answer referrals, in working days from the referral to the provider's
 * first answer (accepted, declined or attended).
 */
import { workingDaysBetween } from './working-days.ts';

/** A service shows its response time once this many of its referrals have been answered. */
export const RESPONSE_TIME_MINIMUM = 5;

/** The median of some numbers (the mean of the middle two for an even count); undefined if none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Working days each answered referral waited. */
export function responseDays(times: readonly { createdAt: string; respondedAt: string }[]): number[] {
  return times.map((t) => workingDaysBetween(new Date(t.createdAt), new Date(t.respondedAt)));
}

/**
 * "Usually responds within N working days": the median working days to a first answer, rounded
 * up, at least 1; undefined until `RESPONSE_TIME_MINIMUM` referrals have been answered (fewer
 * would say more about one case than about the service).
 */
export function usualResponseDays(times: readonly { createdAt: string; respondedAt: string }[]): number | undefined {
  if (times.length < RESPONSE_TIME_MINIMUM) return undefined;
  const middle = median(responseDays(times))!;
  return Math.max(1, Math.ceil(middle));
}
