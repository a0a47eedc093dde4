import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { auditCapture, createAuditor } from '../../../src/core/audit';
import { setTextDigest } from '../../../src/core/crypto/fingerprint';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { RULE_CATALOG, RULE_IDS, ruleInfo } from '../../../src/core/rules/catalog';
import type { AuditResult, CaptureResult, Policy, Sighting } from '../../../src/core/types';

const NOW = 1_767_225_600;
const key = new TextEncoder().encode('a'.repeat(32));

async function token(claims: Record<string, unknown>, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

function sighting(tokenText: string, n: number, extra: Partial<Sighting> = {}): Sighting {
  return {
    id: `${n}:0`,
    tokenText,
    where: 'request-header',
    name: 'Authorization',
    url: `https://api.example.test/v1/${n}`,
    method: 'GET',
    status: 200,
    scheme: 'https',
    startedAt: new Date((NOW + n) * 1000).toISOString(),
    requestId: String(n),
    ...extra,
  };
}

function capture(sightings: Sighting[]): CaptureResult {
  return { sightings, observations: [], keyDocuments: [], problems: [], entryCount: sightings.length };
}

describe('rule catalog', () => {
  it('has unique ids, each with a title, a why and at least one reference', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const info of RULE_CATALOG) {
      expect(info.title, info.id).not.toBe('');
      expect(info.why.length, info.id).toBeGreaterThan(40);
      expect(info.references.length, info.id).toBeGreaterThan(0);
    }
  });

  it('covers every rule id of RULES.md that this release implements', () => {
    for (const id of [
      'alg-none',
      'exp-missing',
      'token-in-url',
      'cookie-no-httponly',
      'pii-oidc-claims',
      'fmt-malformed',
    ]) {
      expect(ruleInfo(id)?.id).toBe(id);
    }
  });
});

describe('auditCapture', () => {
  it('parses each distinct token once and joins its sightings', async () => {
    const text = await token({ sub: 'u1', iss: 'https://id.example.test', exp: NOW + 300, iat: NOW - 10 });
    const result = auditCapture([capture([sighting(text, 1), sighting(text, 2)])], { now: NOW });
    expect(result.tokens).toHaveLength(1);
    expect(result.tokens[0]?.sightings.map((s) => s.id)).toEqual(['1:0', '2:0']);
    expect(result.timeRange?.start).toBe(new Date((NOW + 1) * 1000).toISOString());
  });

  it('joins sightings of one token across surrounding whitespace, and keeps fingerprint collisions apart', async () => {
    const one = await token({ sub: 'u1', exp: NOW + 300 });
    const two = await token({ sub: 'u2', exp: NOW + 300 });
    const joined = auditCapture([capture([sighting(one, 1), sighting(` ${one}\n`, 2)])], { now: NOW });
    expect(joined.tokens.map((t) => t.sightings.length)).toEqual([2]);
    // Tokens are kept by fingerprint; two texts sharing one (a crafted 64-bit collision) stay two tokens.
    setTextDigest(() => '0'.repeat(64));
    try {
      const result = auditCapture([capture([sighting(one, 1), sighting(two, 2), sighting(two, 3)])], {
        now: NOW,
      });
      expect(result.tokens.map((t) => [t.token.text, t.sightings.length])).toEqual([
        [one, 1],
        [two, 2],
      ]);
    } finally {
      setTextDigest(undefined);
    }
  });

  it('gives every finding the catalog facts and a known rule id, sorted most severe first', async () => {
    const text = await token({ sub: 'u1' });
    const result = auditCapture([capture([sighting(text, 1)])], { now: NOW });
    const ids = result.findings.map((f) => f.ruleId);
    expect(ids).toContain('exp-missing');
    for (const finding of result.findings) {
      expect(ruleInfo(finding.ruleId), finding.ruleId).toBeDefined();
      expect(finding.sightingIds.length).toBeGreaterThan(0);
    }
    const ranks = result.findings.map((f) =>
      ['critical', 'high', 'medium', 'low', 'info'].indexOf(f.severity),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('applies severity overrides and the ignore list (by rule, fingerprint and issuer)', async () => {
    const text = await token({ sub: 'u1', iss: 'https://id.example.test' });
    const base = auditCapture([capture([sighting(text, 1)])], { now: NOW });
    const fp = base.tokens[0]?.token.fingerprint ?? '';
    const policy: Policy = {
      ...DEFAULT_POLICY,
      severityOverrides: { 'exp-missing': 'critical' },
      ignore: [
        { ruleId: 'jti-missing', fingerprint: fp },
        { ruleId: 'aud-missing', issuer: 'https://id.example.test' },
      ],
    };
    const result = auditCapture([capture([sighting(text, 1)])], { now: NOW, policy });
    expect(result.findings.find((f) => f.ruleId === 'exp-missing')?.severity).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).not.toContain('jti-missing');
    expect(result.findings.map((f) => f.ruleId)).not.toContain('aud-missing');
    expect(result.ignoredCount).toBe(2);
  });

  it('attaches findings computed elsewhere (signatures, secrets) to their token', async () => {
    const text = await token({ sub: 'u1' });
    const base = auditCapture([capture([sighting(text, 1)])], { now: NOW });
    const fp = base.tokens[0]?.token.fingerprint ?? '';
    const result = auditCapture([capture([sighting(text, 1)])], {
      now: NOW,
      extraHits: [{ ruleId: 'hmac-weak-secret', fingerprint: fp, detail: 'secret found' }],
    });
    const finding = result.findings.find((f) => f.ruleId === 'hmac-weak-secret');
    expect(finding?.severity).toBe('critical');
    expect(finding?.sightingIds).toEqual(['1:0']);
  });

  it('reports a truncated token as fmt-malformed only', () => {
    const truncated = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...';
    const result = auditCapture([capture([sighting(truncated, 1)])], { now: NOW });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['fmt-malformed']);
  });
});

describe('createAuditor', () => {
  it('evicts the oldest tokens past maxTokens and counts what it dropped', async () => {
    const auditor = createAuditor({ maxTokens: 2, maxSightingsPerToken: 2 });
    const texts = await Promise.all([1, 2, 3].map((n) => token({ sub: `u${n}` })));
    for (const [n, text] of texts.entries()) auditor.add(capture([sighting(text, n)]));
    for (let n = 10; n < 14; n++) auditor.add(capture([sighting(texts[2] ?? '', n)]));
    expect(auditor.stats()).toEqual({ tokens: 2, sightings: 3, droppedTokens: 1, droppedSightings: 4 });
    const subjects = auditor.result(NOW).tokens.map((r) => r.token.claims?.sub);
    expect(subjects).toEqual(['u2', 'u3']);
  });

  it('never adds a sighting to a token it has already evicted', async () => {
    const auditor = createAuditor({ maxTokens: 0 });
    const text = await token({ sub: 'u1' });
    auditor.add(capture([sighting(text, 1), sighting(text, 2)]));
    expect(auditor.stats()).toEqual({ tokens: 0, sightings: 0, droppedTokens: 2, droppedSightings: 2 });
  });

  it('counts held sightings as the records hold them, through caps, evictions and clear', async () => {
    const texts = await Promise.all([1, 2, 3, 4].map((n) => token({ sub: `u${n}` })));
    const held = (auditor: ReturnType<typeof createAuditor>) =>
      auditor.records().reduce((n, r) => n + r.sightings.length, 0);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.array(fc.nat(3), { maxLength: 4 }), fc.constant(null)), { maxLength: 30 }),
        fc.nat(3),
        fc.integer({ min: 1, max: 3 }),
        (steps, maxTokens, maxSightings) => {
          const auditor = createAuditor({ maxTokens, maxSightingsPerToken: maxSightings });
          let n = 0;
          for (const step of steps) {
            if (step === null) auditor.clear();
            else auditor.add(capture(step.map((i) => sighting(texts[i] ?? '', n++))));
            expect(auditor.stats().sightings).toBe(held(auditor));
            expect(auditor.stats().tokens).toBe(auditor.records().length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('caches results until something changes, and clear() empties everything', async () => {
    const auditor = createAuditor();
    auditor.add(capture([sighting(await token({ sub: 'u1' }), 1)]));
    const first = auditor.result(NOW);
    expect(auditor.result(NOW)).toBe(first);
    auditor.add(capture([sighting(await token({ sub: 'u2' }), 2)]));
    expect(auditor.result(NOW)).not.toBe(first);
    auditor.clear();
    expect(auditor.result(NOW).tokens).toEqual([]);
    expect(auditor.stats().tokens).toBe(0);
  });

  it('keeps capture-wide findings when only external hits arrive, and redoes them when the capture changes', async () => {
    const auditor = createAuditor();
    const expired = await token({ sub: 'u1', exp: NOW - 3600 });
    auditor.add(capture([sighting(expired, 1)]));
    const ruleIds = (now = NOW) => auditor.result(now).findings.map((f) => f.ruleId);
    expect(ruleIds()).toContain('exp-expired-accepted');
    const fp = auditor.records()[0]?.token.fingerprint ?? '';
    auditor.addHits([{ ruleId: 'hmac-weak-secret', fingerprint: fp, detail: 'secret found' }]);
    expect(ruleIds()).toEqual(expect.arrayContaining(['exp-expired-accepted', 'hmac-weak-secret']));
    const other = await token({ sub: 'u2', exp: NOW - 7200 });
    auditor.add(capture([sighting(other, 2)]));
    expect(ruleIds().filter((id) => id === 'exp-expired-accepted')).toHaveLength(2);
  });

  it('judges tokens seen in requests at their request times, so the clock alone never rebuilds them', async () => {
    const auditor = createAuditor();
    // Used at NOW + 1, valid for 5 minutes, no iat (so its lifetime is measured from that request).
    auditor.add(capture([sighting(await token({ sub: 'u1', exp: NOW + 301 }), 1)]));
    const first = auditor.result(NOW + 10);
    const later = auditor.result(NOW + 86_400);
    expect(later).not.toBe(first);
    expect(later.findings.map((f) => f.ruleId)).not.toContain('exp-expired');
    // The token's own findings were not rebuilt for the new minute: the very same objects.
    expect(later.findings.find((f) => f.ruleId === 'iat-missing')).toBe(
      first.findings.find((f) => f.ruleId === 'iat-missing'),
    );
  });

  it('re-judges a token with no request time (pasted) when the minute changes', async () => {
    const auditor = createAuditor();
    const text = await token({ sub: 'u1', exp: NOW + 300 });
    auditor.add(capture([sighting(text, 1, { where: 'input', name: 'pasted', startedAt: '' })]));
    const ruleIds = (now: number) => auditor.result(now).findings.map((f) => f.ruleId);
    expect(ruleIds(NOW)).not.toContain('exp-expired');
    expect(ruleIds(NOW + 420)).toContain('exp-expired');
    const found = auditor.result(NOW + 420).findings.find((f) => f.ruleId === 'exp-expired');
    expect(found?.evidence).toContainEqual({ label: 'clock', value: 'reference time' });
  });

  it('re-judges tokens when the policy changes', async () => {
    const auditor = createAuditor();
    auditor.add(capture([sighting(await token({ sub: 'u1' }), 1)]));
    expect(auditor.result(NOW).findings.map((f) => f.ruleId)).not.toContain('alg-not-allowed');
    auditor.setPolicy({ ...DEFAULT_POLICY, allowedAlgorithms: ['ES256'] });
    expect(auditor.result(NOW).findings.map((f) => f.ruleId)).toContain('alg-not-allowed');
  });
});

describe('createAuditor: draft', () => {
  const jtiClaims = (sub: string) => ({
    iss: 'https://issuer.example.test',
    sub,
    jti: 'same',
    exp: NOW + 600,
  });
  const jtiReused = (result: AuditResult) => result.findings.filter((f) => f.ruleId === 'jti-reused');

  it('with no exact result yet, is the exact result', async () => {
    const auditor = createAuditor();
    auditor.add(
      capture([sighting(await token(jtiClaims('a')), 1), sighting(await token(jtiClaims('b')), 2)]),
    );
    const draft = auditor.draft(NOW);
    expect(jtiReused(draft)).toHaveLength(2); // one per token
    expect(draft).toEqual(auditor.result(NOW));
  });

  it('shows new tokens and their own findings, and the capture-wide findings of the last exact result', async () => {
    const auditor = createAuditor();
    auditor.add(capture([sighting(await token(jtiClaims('a')), 1)]));
    expect(jtiReused(auditor.result(NOW))).toHaveLength(0);
    auditor.add(
      capture([
        sighting(await token(jtiClaims('b')), 2),
        sighting(await token({ sub: 'c', exp: NOW + 60 }), 3),
      ]),
    );
    const draft = auditor.draft(NOW);
    expect(draft.tokens).toHaveLength(3);
    expect(jtiReused(draft)).toHaveLength(0); // capture-wide: waits for the exact result
    const exact = auditor.result(NOW);
    expect(jtiReused(exact)).toHaveLength(2);
    // Each token's own findings are the exact ones already.
    const own = (r: typeof exact) => r.findings.filter((f) => f.ruleId !== 'jti-reused');
    expect(own(draft)).toEqual(own(exact));
    // And once exact, a draft with nothing new is the same result.
    expect(auditor.draft(NOW)).toBe(exact);
  });

  it('leaves out the reused capture-wide findings of tokens evicted since', async () => {
    const auditor = createAuditor({ maxTokens: 2 });
    const a = await token(jtiClaims('a'));
    auditor.add(capture([sighting(a, 1), sighting(await token(jtiClaims('b')), 2)]));
    expect(jtiReused(auditor.result(NOW))).toHaveLength(2);
    auditor.add(
      capture([
        sighting(await token({ sub: 'c', exp: NOW + 60 }), 3),
        sighting(await token({ sub: 'd', exp: NOW + 60 }), 4),
      ]),
    );
    const draft = auditor.draft(NOW);
    const held = new Set(draft.tokens.map((r) => r.token.fingerprint));
    expect(draft.tokens).toHaveLength(2);
    expect(draft.findings.every((f) => f.fingerprint === '' || held.has(f.fingerprint))).toBe(true);
    expect(jtiReused(draft)).toHaveLength(0);
  });

  it('after a policy change, rebuilds everything (a draft never mixes two policies)', async () => {
    const auditor = createAuditor();
    auditor.add(
      capture([sighting(await token(jtiClaims('a')), 1), sighting(await token(jtiClaims('b')), 2)]),
    );
    expect(jtiReused(auditor.result(NOW)).map((f) => f.severity)).toEqual(['medium', 'medium']);
    auditor.setPolicy({ ...DEFAULT_POLICY, severityOverrides: { 'jti-reused': 'critical' } });
    const draft = auditor.draft(NOW);
    expect(jtiReused(draft).map((f) => f.severity)).toEqual(['critical', 'critical']);
    expect(draft).toEqual(auditor.result(NOW));
  });
});

describe('createAuditor: recent tokens', () => {
  it('hashes a token sent between others (an access token on every call) once, not on every sighting', async () => {
    const access = await token({ sub: 'access' });
    const others = await Promise.all([1, 2, 3, 4, 5].map((n) => token({ sub: `t${n}` })));
    let hashed = 0;
    try {
      setTextDigest((text) => {
        hashed++;
        return `${text.length.toString(16).padStart(8, '0')}${String(hashed).padStart(8, '0')}`.padEnd(
          64,
          '0',
        );
      });
      const auditor = createAuditor();
      for (const [i, other] of others.entries())
        auditor.add(capture([sighting(access, 2 * i), sighting(other, 2 * i + 1)]));
      expect(hashed).toBe(6); // the access token once, each other token once
      const held = auditor.records();
      expect(held.map((r) => r.sightings.length)).toEqual([5, 1, 1, 1, 1, 1]);
    } finally {
      setTextDigest(undefined);
    }
  });
});

describe('createAuditor: shareDetails', () => {
  it('changes nothing in the result, capture-wide findings and external hits included', async () => {
    const texts = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        token({ iss: 'https://issuer.example.test', sub: `u${n}`, jti: n % 2 === 0 ? 'same' : `j${n}` }),
      ),
    );
    const captures = texts.map((text, n) => capture([sighting(text, n)]));
    const plain = createAuditor();
    const shared = createAuditor({ shareDetails: true });
    for (const c of captures) {
      plain.add(c);
      shared.add(c);
    }
    const hits = plain.records().map((r) => ({
      ruleId: 'sig-unverifiable',
      detail: 'no key found',
      fingerprint: r.token.fingerprint,
    }));
    plain.addHits(hits);
    shared.addHits(hits);
    expect(shared.result(NOW)).toEqual(plain.result(NOW));
    expect(shared.result(NOW).findings.filter((f) => f.ruleId === 'sig-unverifiable')).toHaveLength(40);
    expect(shared.result(NOW).findings.length).toBeGreaterThan(40);
  });
});
