/** How the admins' outbox page shows a recipient: enough to recognise, not enough to read out. */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  const digits = recipient.replace(/\D/g, '');
  if (digits.length >= 6) return `${'*'.repeat(Math.max(3, digits.length - 3))}${digits.slice(-3)}`;
  return '***';
}
