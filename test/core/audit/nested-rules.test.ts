import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import { guessPurpose } from '../../../src/core/audit/purpose';
import { runTokenPlan } from '../../../src/core/audit/rule-plan';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { toJsonReport, toMarkdown } from '../../../src/core/report';
import { parseToken } from '../../../src/core/token/parse-token';
import type { RuleHit } from '../../../src/core/types';
import { b64, GOOD_CLAIMS, goodToken, jws, NOW, sighting } from '../rules/token/helpers';

/**
 * A nested JWT (`cty: JWT`) carries its claims in the inner token. The token rules must judge every
 * layer (RFC 8725 §3.3) and report on the token as presented.
 */

/** An outer ES256 JWS wrapping `inner` (a compact token text) as its payload. */
function wrap(inner: string, header: Record<string, unknown> = {}): string {
  return `${b64({ alg: 'ES256', typ: 'app+jwt', cty: 'JWT', ...header })}.${b64(inner)}.${b64(new Uint8Array(64).fill(7))}`;
}

/** An unsigned inner token with personal data, a password and no registered claims at all. */
const BAD_INNER = `${b64({ alg: 'none' })}.${b64({ sub: 'u1', email: 'alice@example.com', password: 'hunter2hunter2' })}.`;

function planHits(text: string): RuleHit[] {
  const out: RuleHit[] = [];
  runTokenPlan(
    {
      record: { token: parseToken(text), sightings: [sighting({ id: '1' })], purpose: 'unknown' },
      policy: DEFAULT_POLICY,
      now: NOW,
    },
    out,
  );
  return out;
}

function byRule(hits: readonly RuleHit[]): Map<string, RuleHit> {
  return new Map(hits.map((hit) => [hit.ruleId, hit]));
}

describe('rules on nested tokens', () => {
  it('judges the inner token: alg none, missing claims, personal data and secrets', () => {
    const hits = byRule(planHits(wrap(BAD_INNER)));
    for (const ruleId of ['alg-none', 'exp-missing', 'iss-missing', 'pii-oidc-claims', 'secret-in-payload']) {
      expect(hits.get(ruleId)?.detail, ruleId).toMatch(/^Nested token: /);
    }
    expect(hits.get('pii-oidc-claims')?.evidence?.[0]?.label).toBe('nested token: email');
  });

  it('stays quiet when the inner token is sound', () => {
    const inner = goodToken();
    expect(planHits(wrap(inner))).toEqual([]);
    // The same inner token on its own fires nothing either: no finding is invented by the wrapping.
    expect(planHits(inner)).toEqual([]);
  });

  it('joins a rule that fires on both layers into one hit with both details', () => {
    const inner = jws({ alg: 'HS256', typ: 'app+jwt' }, { ...GOOD_CLAIMS, exp: NOW + 400 * 86_400 });
    const outer = `${b64({ alg: 'HS256', typ: 'app+jwt', cty: 'JWT' })}.${b64(inner)}.${b64(new Uint8Array(32).fill(1))}`;
    const hits = planHits(outer).filter((hit) => hit.ruleId === 'hmac-symmetric');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toMatch(/^alg is "HS256".* Nested token: alg is "HS256"/);
    const lifetime = byRule(planHits(outer)).get('lifetime-excessive');
    expect(lifetime?.detail).toMatch(/^Nested token: /);
  });

  it('does not change the hits other tokens with the same outer header get', () => {
    const header = { alg: 'HS256', typ: 'app+jwt', cty: 'JWT' };
    const inner = jws({ alg: 'HS256', typ: 'app+jwt' }, GOOD_CLAIMS);
    planHits(`${b64(header)}.${b64(inner)}.${b64(new Uint8Array(32).fill(1))}`);
    // Same header segment, so the same cached header hits; this token's payload is plain claims.
    const plain = planHits(jws(header, GOOD_CLAIMS));
    expect(byRule(plain).get('hmac-symmetric')?.detail).not.toMatch(/Nested/);
  });

  it("guesses the purpose from the inner token's claims", () => {
    const token = parseToken(wrap(goodToken({ nonce: 'n-1' })));
    expect(guessPurpose(token, [sighting({ name: 'X-Token' })])).toBe('id');
    expect(guessPurpose(parseToken(wrap(goodToken())), [sighting({ name: 'X-Token' })])).toBe('unknown');
  });

  it('labels deeper levels', () => {
    const hits = byRule(planHits(wrap(wrap(BAD_INNER))));
    expect(hits.get('alg-none')?.detail).toMatch(/^Nested token \(level 2\): alg is "none"/);
  });

  it('reports on the outer token and masks the inner personal data in the report', () => {
    const text = wrap(BAD_INNER);
    const result = auditCapture(
      [
        {
          sightings: [sighting({ id: '0:0', tokenText: text })],
          observations: [],
          keyDocuments: [],
          problems: [],
          entryCount: 1,
        },
      ],
      { now: NOW },
    );
    const outerFp = result.tokens[0]?.token.fingerprint;
    const algNone = result.findings.find((f) => f.ruleId === 'alg-none');
    expect(algNone?.severity).toBe('critical');
    expect(algNone?.fingerprint).toBe(outerFp);
    const report = JSON.stringify(
      toJsonReport(result, {
        tool: { name: 'jwt-lens', version: '0' },
        generatedAt: 'now',
        includeRaw: false,
      }),
    );
    expect(report).toContain('Nested token: ');
    expect(report).not.toContain('alice@example.com');
    expect(report).not.toContain('hunter2hunter2');
  });

  it('summarises a nested token by its inner claims (issuer, subject, expiry) in the JSON and Markdown reports', () => {
    const inner = goodToken({ email: 'alice@example.com' });
    const result = auditCapture(
      [
        {
          sightings: [sighting({ id: '0:0', tokenText: wrap(inner) })],
          observations: [],
          keyDocuments: [],
          problems: [],
          entryCount: 1,
        },
      ],
      { now: NOW },
    );
    const options = { tool: { name: 'jwt-lens', version: '0' }, generatedAt: 'now', includeRaw: false };
    const token = toJsonReport(result, options).tokens[0];
    expect(token).toMatchObject({
      alg: 'ES256',
      iss: GOOD_CLAIMS.iss,
      sub: GOOD_CLAIMS.sub,
      aud: GOOD_CLAIMS.aud,
      exp: new Date((NOW + 600) * 1000).toISOString(),
      iat: new Date((NOW - 60) * 1000).toISOString(),
      claims: null,
    });
    expect(JSON.stringify(token)).not.toContain('alice@example.com');
    const markdown = toMarkdown(result, options);
    expect(markdown).toContain(
      `| ${GOOD_CLAIMS.iss} | ${GOOD_CLAIMS.sub} | ${new Date((NOW + 600) * 1000).toISOString()} |`,
    );
  });
});
