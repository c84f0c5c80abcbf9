/**
 * Singletons: document types with exactly one document, at a fixed id equal to the type name.
 * Sanity 6.16 has no singleton registry (it arrives in 6.17), so the Studio keeps them out of
 * every "create" menu, opens them as single editors in the structure, and offers no duplicate
 * or delete action.
 */
import type { DocumentActionComponent, NewDocumentOptionsContext, Template, TemplateItem } from 'sanity';

export const singletons = [
  { type: 'siteSettings', id: 'siteSettings', title: 'Site settings' },
  { type: 'crisisSupport', id: 'crisisSupport', title: 'Crisis support' },
] as const;

export const singletonTypes: ReadonlySet<string> = new Set(singletons.map((singleton) => singleton.type));

/** Actions a singleton keeps: no duplicate, delete or unpublish, which would break the fixed id. */
const singletonActions: ReadonlySet<string> = new Set(['publish', 'discardChanges', 'restore']);

/** `schema.templates`: no "new document" templates for singletons anywhere in the Studio. */
export function withoutSingletonTemplates(templates: Template[]): Template[] {
  return templates.filter((template) => !singletonTypes.has(template.schemaType));
}

/** `document.newDocumentOptions`: keep singletons out of the global "Create" menu. */
export function withoutSingletonOptions(
  items: TemplateItem[],
  context?: Pick<NewDocumentOptionsContext, 'creationContext'>,
): TemplateItem[] {
  if (context && context.creationContext.type !== 'global') return items;
  return items.filter((item) => !singletonTypes.has(item.templateId));
}

/** `document.actions`: a singleton can only be published, have its changes discarded, or be restored. */
export function singletonSafeActions(
  actions: DocumentActionComponent[],
  schemaType: string,
): DocumentActionComponent[] {
  if (!singletonTypes.has(schemaType)) return actions;
  return actions.filter((action) => action.action !== undefined && singletonActions.has(action.action));
}
