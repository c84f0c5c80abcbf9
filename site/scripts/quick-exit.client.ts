/**
 * Quick exit, on listings about domestic abuse or sexual violence (the link works without this):
 * - selecting "Exit this page" blanks the page at once and replaces it in the tab's history with
 *   the neutral site, so Back does not bring it back;
 * - pressing Shift 3 times within 5 seconds does the same (the GOV.UK "Exit this page" keys),
 *   saying how many presses are left to screen reader users.
 */
const exitLink = document.querySelector<HTMLAnchorElement>('a[data-quick-exit]');
const announcer = document.querySelector<HTMLElement>('[data-quick-exit-announcer]');

function exit(): void {
  if (!exitLink) return;
  // Hide everything first: the page must not stay on screen while the next one loads.
  document.body.hidden = true;
  document.title = 'Loading';
  window.location.replace(exitLink.href);
}

if (exitLink) {
  // The keys work only with this script, so they are mentioned only now.
  for (const hint of document.querySelectorAll<HTMLElement>('[data-quick-exit-keys]')) hint.hidden = false;
  exitLink.addEventListener('click', (event) => {
    // New-tab and similar clicks keep their own meaning; an ordinary one leaves without history.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    exit();
  });

  const WINDOW_MS = 5000;
  let presses: number[] = [];
  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Shift') return;
    const now = Date.now();
    presses = [...presses.filter((time) => now - time < WINDOW_MS), now];
    if (presses.length >= 3) {
      if (announcer) announcer.textContent = 'Leaving this page';
      exit();
    } else if (announcer) {
      const left = 3 - presses.length;
      announcer.textContent = `Shift, press ${left} more ${left === 1 ? 'time' : 'times'} to exit.`;
    }
  });
}
