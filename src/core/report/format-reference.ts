import type { Reference } from '../types';

/** `RFC 8725 §3.1`, `CWE-347` (CWE and CVE ids already carry their prefix). */
export function formatReference(reference: Reference): string {
  return reference.standard === 'CWE' ||
    reference.standard === 'CVE' ||
    reference.id.startsWith(reference.standard)
    ? reference.id
    : `${reference.standard} ${reference.id}`;
}
