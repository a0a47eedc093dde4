const LOCAL_CHAR = /[A-Za-z0-9._%+'-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;

/** RFC 5321 limits and the usual shape rules: no leading, trailing or doubled dots. */
function isPlausibleEmail(local: string, domain: string): boolean {
  if (local.length === 0 || local.length > 64 || domain.length > 253) return false;
  if (/^\.|\.$|\.\./.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !/^[A-Za-z]{2,24}$/.test(labels[labels.length - 1] ?? '')) return false;
  return labels.every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-'));
}

/**
 * E-mail addresses inside `text`. Scans outward from each `@` instead of running one big regex, so the
 * cost stays linear on hostile strings full of `@` or long runs of address characters.
 */
export function findEmails(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && DOMAIN_CHAR.test(text[end] ?? '')) end++;
    let domain = text.slice(at + 1, end);
    // A sentence may end right after the address: "write to a@b.com."
    while (domain.endsWith('.') || domain.endsWith('-')) domain = domain.slice(0, -1);
    const local = text.slice(start, at);
    if (isPlausibleEmail(local, domain)) found.push(`${local}@${domain}`);
  }
  return found;
}
