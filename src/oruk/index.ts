/** The Open Referral UK (HSDS-UK 3.0) feed: use cases and their HTTP answers. */
export { orukApi, ORUK_BASE_PATH, ORUK_PROFILE, ORUK_VERSION, type OrukApi, type OrukResult } from './api';
export { compact } from './compact';
export { orukResponse } from './http';
