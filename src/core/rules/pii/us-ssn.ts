/** Published sample numbers (Presidio's list): on cards in wallets and in documentation, never a person. */
const SAMPLES = /^(123456789|98765432\d|078051120)$/;

/**
 * True when `text` looks like a real US Social Security Number. Follows Presidio's invalidation rules
 * (RULES.md §5): mismatched delimiters, one repeated digit, group `00`, serial `0000`, area `000` or `666`,
 * known sample numbers. Unlike Presidio it also rejects areas 900–999: the SSA never issues them (they are
 * ITINs). Undelimited nine-digit strings are accepted only when `allowPlain` is set (a claim named like
 * `ssn`), since arbitrary nine-digit ids are common.
 */
export function isValidUsSsn(text: string, allowPlain = false): boolean {
  const m = /^(\d{3})([- ]?)(\d{2})([- ]?)(\d{4})$/.exec(text);
  if (!m) return false;
  const [, area = '', d1, group = '', d2, serial = ''] = m;
  if (d1 !== d2) return false;
  if (d1 === '' && !allowPlain) return false;
  const digits = area + group + serial;
  if (/^(\d)\1{8}$/.test(digits) || SAMPLES.test(digits)) return false;
  if (group === '00' || serial === '0000') return false;
  return area !== '000' && area !== '666' && area[0] !== '9';
}
