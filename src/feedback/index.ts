/** Public feedback without an account: problem reports, listing suggestions and page answers. */
export * from './feedback.ts';
export * from './form.ts';
export * from './retention.ts';
export { makeStamp, readStamp, stampKey, STAMP_MAX_AGE_SECONDS, type StampPurpose } from './stamp.ts';
