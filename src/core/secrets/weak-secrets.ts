import {
  NAME_SEEDS,
  PAIR_TAILS,
  PATTERN_SEEDS,
  SUFFIXES,
  VERBATIM_SEEDS,
  WORD_SEEDS,
} from './weak-secret-seeds';

/**
 * The built-in list of weak and default HMAC secrets: a few thousand entries generated from the seeds in
 * weak-secret-seeds.ts by these rules, in this order (duplicates dropped, first occurrence kept):
 *
 *  1. every verbatim seed, then its lower-case, UPPER-CASE and Capitalised forms;
 *  2. every pattern seed (numbers, keyboard walks);
 *  3. every word and name seed in the three case forms;
 *  4. word + tail pairs (`jwt` + `secret`) joined five ways: `jwtsecret`, `jwt-secret`, `jwt_secret`,
 *     `jwtSecret`, `JWT_SECRET`; plus `my`/`the`/`your` prefixes on those pairs (`my-jwt-secret`…);
 *  5. words with every suffix (`secret123`, `admin!`, `jwt2024`); lower-case pairs and names with the
 *     four commonest (`1`, `123`, `!`, `2025`: `jwt-secret123`, `express2025`);
 *  6. names + `-secret`, `_secret`, `secret`, `-jwt-secret`, `-key` (`express-secret`, `nestjs_secret`…).
 *
 * Ordered so the likeliest secrets come first: a scan that stops early has tried them.
 */
function caseForms(word: string): string[] {
  const capitalised = word.charAt(0).toUpperCase() + word.slice(1);
  return [word, word.toLowerCase(), word.toUpperCase(), capitalised];
}

function joinPair(a: string, b: string): string[] {
  const camel = a + b.charAt(0).toUpperCase() + b.slice(1);
  return [a + b, `${a}-${b}`, `${a}_${b}`, camel, `${a}_${b}`.toUpperCase()];
}

function pairs(): string[] {
  const out: string[] = [];
  for (const word of WORD_SEEDS) {
    for (const tail of PAIR_TAILS) {
      if (word === tail) continue;
      out.push(...joinPair(word, tail));
    }
  }
  const withPrefix: string[] = [];
  for (const prefix of ['my', 'the', 'your']) {
    for (const tail of PAIR_TAILS) {
      for (const word of ['jwt', 'app', 'api', 'auth', 'token', 'secret', 'signing', 'session']) {
        if (word !== tail)
          withPrefix.push(
            `${prefix}${word}${tail}`,
            `${prefix}-${word}-${tail}`,
            `${prefix}_${word}_${tail}`,
          );
      }
    }
  }
  return out.concat(withPrefix);
}

const COMMON_SUFFIXES = ['1', '123', '!', '2025'];

function withSuffixes(words: readonly string[], suffixes: readonly string[] = SUFFIXES): string[] {
  const out: string[] = [];
  for (const word of words) for (const suffix of suffixes) out.push(word + suffix);
  return out;
}

function nameSecrets(): string[] {
  const out: string[] = [];
  for (const name of NAME_SEEDS) {
    for (const tail of ['-secret', '_secret', 'secret', '-jwt-secret', '_jwt_secret', '-key', '_key'])
      out.push(name + tail);
  }
  return out;
}

let cached: readonly string[] | undefined;

/** The built-in weak-secret list (generated once, then cached), most likely first. */
export function weakSecrets(): readonly string[] {
  if (cached) return cached;
  const pairForms = pairs();
  const lowerPairs = pairForms.filter(
    (p) => p === p.toLowerCase() && !p.includes('_') && !/^(the|your)/.test(p),
  );
  const all = [
    ...VERBATIM_SEEDS.flatMap(caseForms),
    ...PATTERN_SEEDS,
    ...WORD_SEEDS.flatMap(caseForms),
    ...NAME_SEEDS.flatMap(caseForms),
    ...pairForms,
    ...withSuffixes(WORD_SEEDS),
    ...withSuffixes(lowerPairs, COMMON_SUFFIXES),
    ...nameSecrets(),
    ...withSuffixes(NAME_SEEDS, COMMON_SUFFIXES),
  ];
  cached = [...new Set(all)];
  return cached;
}
