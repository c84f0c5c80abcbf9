/**
 * Enhancements for referral pages (each works without them):
 * - on a resident's link page, tells the server once that the link was opened: a same-origin
 *   POST, because a GET never changes anything (and link scanners in email systems fetch links
 *   without running scripts, so they do not count as the person opening it);
 * - on the connector's link page, a Print button and Copy buttons that say when they copied.
 */
const opened = document.querySelector<HTMLElement>('[data-referral-opened]');
if (opened) {
  void fetch(window.location.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=opened',
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
  const source = document.getElementById(button.dataset.copy ?? '') as HTMLInputElement | HTMLTextAreaElement | null;
  const status = document.getElementById(`${button.dataset.copy}-status`);
  if (!source || !status) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      status.textContent = 'Copied. You can paste it into a message or email.';
    } catch {
      source.select();
      status.textContent = 'Selected: copy it with your keyboard or menu.';
    }
  });
}
