/**
 * Which listings get a quick-exit button ("Exit this page", the GOV.UK and NHS.UK pattern): those
 * about domestic abuse or sexual violence, where someone may need to leave the page at once if
 * the person harming them comes near.
 *
 * A listing is "about" it when one of its tags is one of these words, the ones partners and
 * editors use for such services (the sample's refuges, advice lines and women's groups carry
 * "domestic abuse" and "domestic violence"). Tags, not free text, so a football club whose
 * description mentions a safeguarding policy does not get the button. Editors add the tag to
 * give a listing the button.
 */

/** Tags (compared in lower case) that give a listing the quick-exit button. */
export const QUICK_EXIT_TAGS: readonly string[] = [
  'domestic abuse',
  'domestic violence',
  'coercive control',
  'sexual violence',
  'sexual abuse',
  'sexual assault',
  'rape',
  'stalking',
  'honour-based abuse',
  'forced marriage',
  'fgm',
];

/** Where the button goes: a neutral, everyday page that loads quickly. */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Whether a listing with these tags gets the quick-exit button. */
export function needsQuickExit(service: { tags?: readonly string[] | null }): boolean {
  return (service.tags ?? []).some((tag) => QUICK_EXIT_TAGS.includes(tag.trim().toLowerCase()));
}
