import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Baseline, parseBaseline, serializeBaseline } from '../../../src/core/baseline';
import { createBaselineValidator } from './baseline-schema';
import { learnFrom, readHar } from './learn-helpers';
import { createPersonalCapture } from './personal-capture';

const validate = createBaselineValidator();
let learned: Baseline;
let text: string;
beforeAll(async () => {
  learned = learnFrom((await createPersonalCapture()).har);
  text = serializeBaseline(learned);
});

/** A baseline's JSON as a test edits it: wrong types go in on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: the edits write values of the wrong type on purpose
type Json = Record<string, any>;

/** The learned file with one change made to its JSON. */
function edited(change: (json: Json) => void): string {
  const json = JSON.parse(text);
  change(json);
  return JSON.stringify(json, null, 2);
}

function errorOf(input: string): string {
  const parsed = parseBaseline(input, 'jwt-baseline.json');
  if ('baseline' in parsed) throw new Error('expected an error');
  return parsed.error;
}

describe('schema/baseline.schema.json', () => {
  it('validates learned baselines (personal capture, demo, real HARs), updates included', () => {
    expect(validate(JSON.parse(text))).toEqual([]);
    for (const path of [
      'test/fixtures/demo.har',
      'test/corpus/flows/supanotes-2024-07-playwright-supabase.har',
      'test/corpus/flows/langflow-2024-02-playwright.har',
    ]) {
      const baseline = learnFrom(readHar(path), path);
      expect(validate(JSON.parse(serializeBaseline(baseline)))).toEqual([]);
      expect(validate(JSON.parse(serializeBaseline(learnFrom(readHar(path), path, learned))))).toEqual([]);
    }
  });

  it('rejects what parseBaseline rejects', () => {
    const bad = JSON.parse(edited((j) => (j.profiles[0].purpose = 'acess')));
    expect(validate(bad)).not.toEqual([]);
    expect(validate(JSON.parse(edited((j) => (j.baselineVersion = 2))))).not.toEqual([]);
  });
});

describe('parseBaseline', () => {
  it('reads back what serializeBaseline wrote', () => {
    const parsed = parseBaseline(text, 'b.json');
    expect(parsed).toEqual({ baseline: learned });
    expect(parseBaseline(`\uFEFF${text}`, 'b.json')).toEqual({ baseline: learned });
  });

  it('accepts hand edits: a loosened range, an accepted claim, a $schema for editors', () => {
    const input = edited((j) => {
      j.$schema = './schema/baseline.schema.json';
      j.profiles[0].lifetime = { min: 0, median: 900, max: 86400 };
      j.profiles[0].claims.tenant = { presence: 'sometimes', types: ['string'] };
    });
    const parsed = parseBaseline(input, 'b.json');
    if (!('baseline' in parsed)) throw new Error(parsed.error);
    expect(parsed.baseline.profiles[0]?.claims.tenant?.presence).toBe('sometimes');
    expect(Object.hasOwn(parsed.baseline, '$schema')).toBe(false);
  });

  it.each([
    ['empty', '', 'jwt-baseline.json: empty file, expected JSON'],
    [
      'not JSON',
      '{\n  "baselineVersion": 1,\n  "profiles": [,]\n}',
      "jwt-baseline.json: not valid JSON: unexpected ',' at line 3, column 16 (byte 41)",
    ],
    [
      'truncated',
      '{"baselineVersion": 1, "profiles": [',
      'unexpected end of input at byte 36 (file truncated?)',
    ],
    [
      'an array',
      '[]',
      'jwt-baseline.json: baseline: not a JWT Lens baseline (expected an object with baselineVersion, got an array)',
    ],
    [
      'a policy',
      '{"allowedAlgorithms": ["RS256"]}',
      'baseline: not a JWT Lens baseline (expected an object with baselineVersion, got an object without baselineVersion)',
    ],
    [
      'a newer version',
      '{"baselineVersion": 2}',
      'baseline.baselineVersion: expected 1 (the version this jwt-lens reads), got 2',
    ],
  ])('%s: one line naming the place and the problem', (_, input, expected) => {
    const error = errorOf(input);
    expect(error).toContain(expected);
    expect(error).not.toMatch(/[\r\n]/);
    expect(error.startsWith('jwt-baseline.json: ')).toBe(true);
  });

  it('edits the access profile at index 2 (opaque profiles, with no issuer, sort first)', () => {
    expect(learned.profiles.map((p) => p.purpose)).toEqual(['opaque', 'opaque', 'access', 'id', 'refresh']);
  });

  it.each<[string, (j: Json) => void, string]>([
    [
      'a misspelt purpose',
      (j) => (j.profiles[1].purpose = 'acess'),
      'baseline.profiles[1].purpose: expected one of access, id, refresh, other, opaque, got "acess" (did you mean "access"?)',
    ],
    [
      'an unknown key',
      (j) => (j.profiles[0].audience = []),
      'baseline.profiles[0].audience: unknown key (did you mean "audiences"?)',
    ],
    ['a missing field', (j) => delete j.profiles[0].claims, 'baseline.profiles[0]: missing "claims"'],
    [
      'a wrong presence',
      (j) => (j.profiles[2].claims.sub.presence = 'often'),
      'baseline.profiles[2].claims["sub"].presence: expected one of always, sometimes, got "often"',
    ],
    [
      'a range upside down',
      (j) => (j.profiles[0].lifetime = { min: 10, median: 5, max: 20 }),
      'baseline.profiles[0].lifetime: min must not exceed median',
    ],
    [
      'a bad time',
      (j) => (j.profiles[2].algorithms.RS256.firstSeen = 'yesterday'),
      'baseline.profiles[2].algorithms["RS256"].firstSeen: expected an ISO time',
    ],
    [
      'a share above 1',
      (j) => (j.profiles[0].responses = { uses: 2, rejectedShare: 1.5, errorCodes: [] }),
      'baseline.profiles[0].responses.rejectedShare: expected a number from 0 to 1, got 1.5',
    ],
    [
      'a duplicate profile',
      (j) => j.profiles.push(structuredClone(j.profiles[0])),
      'baseline.profiles[5]: the same issuer, purpose and place as baseline.profiles[0] (merge the two profiles)',
    ],
    [
      'a wrong control status',
      (j) => (j.controls['asvs/v5.0.0-9.1.1'] = 'passed'),
      'baseline.controls["asvs/v5.0.0-9.1.1"]: expected one of pass, fail, not-observed, partial, got "passed"',
    ],
    [
      'a carrier place',
      (j) => (j.profiles[0].carriers[0].where = 'header'),
      'baseline.profiles[0].carriers[0].where: expected one of request-header',
    ],
  ])('%s: names the field', (_, change, expected) => {
    const error = errorOf(edited(change));
    expect(error).toContain(`jwt-baseline.json: ${expected}`);
    expect(error).not.toMatch(/[\r\n]/);
  });

  it('lists three problems and counts the rest', () => {
    const error = errorOf(
      edited((j) => {
        for (const p of j.profiles) p.tokens = -1;
      }),
    );
    expect(error.split('; ')).toHaveLength(3);
    expect(error).toMatch(/\(and \d+ more\)$/);
  });

  it('never throws, and gives a baseline or one line, for any text or JSON', () => {
    const anyJson = fc.oneof(
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    const mutated = fc
      .tuple(fc.nat(), fc.string({ maxLength: 3 }))
      .map(([at, insert]) => text.slice(0, at % text.length) + insert + text.slice(at % text.length));
    fc.assert(
      fc.property(fc.oneof(fc.string(), anyJson, mutated), (input) => {
        const parsed = parseBaseline(input, 'b.json');
        if ('error' in parsed) expect(parsed.error).toMatch(/^b\.json: [^\r\n]+$/);
        else expect(validate(JSON.parse(input.replace(/^\uFEFF/, '')))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on profile fields of any shape', () => {
    const profileOf = fc.dictionary(
      fc.constantFrom('issuer', 'purpose', 'tokens', 'claims', 'carriers', 'lifetime', 'algorithms', 'x'),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(profileOf, (profile) => {
        const input = edited((j) => (j.profiles = [profile]));
        const parsed = parseBaseline(input, 'b.json');
        expect('error' in parsed || 'baseline' in parsed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseBaseline and the schema agree', () => {
  const schema = JSON.parse(readFileSync('schema/baseline.schema.json', 'utf8'));

  it.each([
    ['', schema],
    ['profiles[i].', schema.$defs.profile],
  ])('on which %s fields are required', (prefix, part) => {
    const required = new Set<string>(part.required);
    for (const key of Object.keys(part.properties).filter((k) => k !== '$schema')) {
      const i = learned.profiles.findIndex((p) => Object.hasOwn(p, key));
      const input = edited((j) => {
        if (prefix === '') delete j[key];
        else delete j.profiles[i][key];
      });
      const parsed = parseBaseline(input, 'b.json');
      expect('baseline' in parsed, `${prefix}${key}`).toBe(!required.has(key));
      expect(validate(JSON.parse(input)).length === 0, `${prefix}${key}`).toBe(!required.has(key));
    }
  });

  it('on unknown fields: both refuse them', () => {
    const input = edited((j) => (j.profiles[2].extra = 1));
    expect('error' in parseBaseline(input, 'b.json')).toBe(true);
    expect(validate(JSON.parse(input))).not.toEqual([]);
  });
});
