/** `document.actions`: singletons keep only safe actions; services also get "Mark as checked". */
import type { DocumentActionComponent } from 'sanity';
import { singletonSafeActions } from '../singletons';
import { MarkAsCheckedAction } from './mark-as-checked';

export { MarkAsCheckedAction };

/** The actions a document of `schemaType` offers, built on Sanity's own. */
export function documentActions(actions: DocumentActionComponent[], schemaType: string): DocumentActionComponent[] {
  const safe = singletonSafeActions(actions, schemaType);
  return schemaType === 'service' ? [...safe, MarkAsCheckedAction] : safe;
}
