/**
 * Enhancements for "My list" (the page works without them): a Print button on the print view,
 * and Copy link for the share link, which says when it has copied.
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

const input = document.querySelector<HTMLInputElement>('[data-share-link]');
const copy = document.querySelector<HTMLButtonElement>('[data-copy]');
const copyStatus = document.querySelector<HTMLElement>('[data-copy-status]');
if (input && copy && copyStatus) {
  copy.hidden = false;
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      copyStatus.textContent = 'Link copied. You can paste it into a message or email.';
    } catch {
      // No clipboard access (an insecure page, or refused): select it for the person to copy.
      input.focus();
      input.select();
      copyStatus.textContent = 'Press Ctrl+C (or Cmd+C) to copy the selected link.';
    }
  });
}

export {};
