/** IBAN lengths by country (SWIFT IBAN registry), as `CC` + length pairs. */
const LENGTHS = new Map(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ' +
    'ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 ' +
    'LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 ' +
    'RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20'
  )
    .split(' ')
    .map((pair) => [pair.slice(0, 2), Number(pair.slice(2))] as const),
);

/** ISO 7064 mod 97-10 over the rearranged IBAN, digit by digit so no big integers are needed. */
function mod97(rearranged: string): number {
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    // Letters count as two digits: A = 10 … Z = 35 (ISO 13616).
    const value = code >= 65 ? code - 55 : code - 48;
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest;
}

/**
 * True when `text` is a valid IBAN (ISO 13616): known country, the country's exact length, and check
 * digits that make the mod-97 remainder 1. Spaces are allowed between groups; letters may be lower case.
 */
export function isValidIban(text: string): boolean {
  const iban = text.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(iban)) return false;
  if (LENGTHS.get(iban.slice(0, 2)) !== iban.length) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}
