/** Every Studio schema type, mirroring `src/content/profile.ts` (same `_type` and field names). */
import { area } from './documents/area';
import { category } from './documents/category';
import { crisisSupport } from './documents/crisis-support';
import { location } from './documents/location';
import { organisation } from './documents/organisation';
import { page } from './documents/page';
import { service } from './documents/service';
import { siteSettings } from './documents/site-settings';
import { closure } from './objects/closure';
import { contact } from './objects/contact';
import { crisisContact } from './objects/crisis-contact';
import { schedule } from './objects/schedule';

/** Document types, by their `_type`. */
export const documentTypes = { area, category, organisation, location, service, siteSettings, crisisSupport, page };

/** Named object types used inside documents, by their `_type`. */
export const objectTypes = { schedule, closure, contact, crisisContact };

export const schemaTypes = [...Object.values(documentTypes), ...Object.values(objectTypes)];
