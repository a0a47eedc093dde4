import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLifecycle } from '../../../src/core/lifecycle';
import { createJsonReportParts, JSON_REPORT_LISTS, toJsonReport } from '../../../src/core/report/json-report';
import { writeJsonReport } from '../../../src/core/report/write-json-report';
import {
  ACCESS,
  FLOW,
  forbiddenStrings,
  MALFORMED,
  REFRESH_FP,
  SECRETS,
  sampleResult,
  UNSECURED,
} from './sample-result';
import { createReportValidator } from './schema-validator';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
const validate = createReportValidator();

describe('toJsonReport', () => {
  const report = toJsonReport(sampleResult(), {
    includeRaw: false,
    tool: TOOL,
    generatedAt: '2025-03-14T10:00:00.000Z',
  });

  it('validates against schema/report.schema.json', () => {
    expect(validate(report)).toEqual([]);
  });

  it('validates with raw values included too', () => {
    expect(validate(toJsonReport(sampleResult(), { includeRaw: true, tool: TOOL }))).toEqual([]);
  });

  it('writes the top-level facts', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual(TOOL);
    expect(report.generatedAt).toBe('2025-03-14T10:00:00.000Z');
    expect(report.referenceTime).toBe('2025-03-14T09:30:00.000Z');
    expect(report.rawIncluded).toBe(false);
    expect(report.timeRange).toEqual({ start: '2025-03-14T09:01:00.000Z', end: '2025-03-14T09:03:00.000Z' });
    expect(report.summary).toEqual({
      critical: 1,
      high: 1,
      medium: 2,
      low: 1,
      info: 1,
      findings: 6,
      tokens: 3,
      highest: 'critical',
    });
    expect(report.ignoredCount).toBe(1);
  });

  it('describes each token without its text', () => {
    const [access, unsecured, malformed] = report.tokens;
    expect(access).toMatchObject({
      fingerprint: ACCESS.fingerprint,
      kind: 'jws',
      purpose: 'access',
      alg: 'HS256',
      typ: 'JWT',
      kid: 'k1',
      iss: 'https://id.example.com',
      sub: 'user-42',
      aud: ['api'],
      exp: '2025-03-14T10:30:00.000Z',
      iat: '2025-03-14T09:29:00.000Z',
      nbf: null,
      findingCount: 2,
      masked: `${ACCESS.segments[0]}.${ACCESS.segments[1]?.slice(0, 8)}…`,
    });
    expect(access).not.toHaveProperty('raw');
    expect(access?.claims?.email).toBe('al…@ex…');
    expect(access?.claims?.phone_number).toBe('+1…');
    expect(access?.claims?.address).toEqual({ street_address: '1 …', postal_code: '90…' });
    expect(access?.claims?.scope).toBe('read write');
    expect(unsecured).toMatchObject({
      kind: 'unsecured',
      alg: 'none',
      masked: `${UNSECURED.segments[0]}.${UNSECURED.segments[1]?.slice(0, 8)}…`,
    });
    expect(malformed).toMatchObject({
      kind: 'malformed',
      header: null,
      claims: null,
      errors: MALFORMED.errors,
    });
  });

  it('masks tokens inside sighting URLs and finding details', () => {
    const query = report.tokens[0]?.sightings[1];
    expect(query?.where).toBe('query');
    expect(query?.url).toBe(
      `https://api.example.com/export?access_token=${report.tokens[0]?.masked}&format=csv`,
    );
    const inUrl = report.findings.find((f) => f.ruleId === 'token-in-url');
    expect(inUrl?.detail).toContain(report.tokens[0]?.masked);
  });

  it('drops raw evidence and masks PII quoted in details', () => {
    const pii = report.findings.find((f) => f.ruleId === 'pii-oidc-claims');
    expect(pii?.evidence).toEqual([
      { label: 'email', value: 'al…@ex…' },
      { label: 'phone_number', value: '+1…' },
    ]);
    expect(pii?.detail).toBe('The token carries email al…@ex….');
  });

  it('contains no token text, signature, payload or PII value anywhere (redaction is total)', () => {
    const text = JSON.stringify(report);
    for (const secret of forbiddenStrings()) expect(text, secret).not.toContain(secret);
  });

  it('puts raw tokens and raw evidence in only when asked', () => {
    const raw = toJsonReport(sampleResult(), { includeRaw: true, tool: TOOL });
    expect(raw.rawIncluded).toBe(true);
    expect(raw.tokens[0]?.raw).toBe(ACCESS.text);
    expect(raw.tokens[0]?.claims?.email).toBe(SECRETS.email);
    expect(raw.tokens[0]?.sightings[1]?.url).toContain(ACCESS.text);
    const pii = raw.findings.find((f) => f.ruleId === 'pii-oidc-claims');
    expect(pii?.evidence[0]).toEqual({ label: 'email', value: 'al…@ex…', raw: SECRETS.email });
  });

  it('keeps findings in the audit order with references and sightings', () => {
    expect(report.findings.map((f) => f.ruleId)).toEqual([
      'alg-none',
      'token-in-url',
      'pii-oidc-claims',
      'fmt-malformed',
      'basic-auth-credentials',
      'iat-missing',
    ]);
    expect(report.findings[0]).toMatchObject({
      severity: 'critical',
      fingerprint: UNSECURED.fingerprint,
      sightingIds: ['3:0'],
      references: [
        { standard: 'RFC 8725', id: '§3.1' },
        { standard: 'CWE', id: 'CWE-347' },
      ],
    });
  });

  it('handles an empty result', () => {
    const empty = { ...sampleResult(), tokens: [], findings: [], observations: [], ignoredCount: 0 };
    delete (empty as { timeRange?: unknown }).timeRange;
    const out = toJsonReport(empty, { includeRaw: false, tool: TOOL });
    expect(validate(out)).toEqual([]);
    expect(out.timeRange).toBeNull();
    expect(out.summary.highest).toBeNull();
  });
});

describe('toJsonReport: the token lifecycle', () => {
  const opts = { includeRaw: false, tool: TOOL, generatedAt: '2025-03-14T10:00:00.000Z' };
  const report = toJsonReport(sampleResult(), opts);

  it("puts each use's server verdict on its sighting, and none on a sighting that is no use", () => {
    const [access, , malformed] = report.tokens;
    expect(access?.sightings[0]).toMatchObject({ id: '1:0', verdict: 'accepted', verdictReason: 'HTTP 200' });
    expect(access?.sightings[0]).not.toHaveProperty('wwwAuthenticateError');
    expect(access?.sightings[1]).toMatchObject({
      id: '2:0',
      verdict: 'rejected',
      verdictReason: 'HTTP 401 invalid_token',
      wwwAuthenticateError: 'invalid_token',
      wwwAuthenticateDescription: `token ${access?.masked} was revoked`,
    });
    expect(malformed?.sightings[0]).not.toHaveProperty('verdict');
    expect(malformed?.sightings[0]).not.toHaveProperty('verdictReason');
  });

  it('writes the families with their members, chain and use counts', () => {
    expect(report.lifecycle.families).toEqual([
      {
        id: 'f1',
        issuedBy: '0',
        issuedAt: '2025-03-14T09:00:30.000Z',
        grantType: 'authorization_code',
        members: [{ fingerprint: ACCESS.fingerprint, role: 'access' }],
        expiresIn: 3600,
        parent: null,
        refreshedWith: null,
        authorization: 'a0',
        counts: { uses: 2, accepted: 1, rejected: 1, unknown: 0 },
      },
      {
        id: 'f2',
        issuedBy: '5',
        issuedAt: '2025-03-14T09:00:50.000Z',
        grantType: 'refresh_token',
        members: [{ fingerprint: UNSECURED.fingerprint, role: 'access' }],
        expiresIn: null,
        parent: 'f1',
        refreshedWith: REFRESH_FP,
        authorization: null,
        counts: { uses: 1, accepted: 1, rejected: 0, unknown: 0 },
      },
    ]);
  });

  it('writes the events, discovery documents and counts', () => {
    expect(report.lifecycle.events).toEqual([
      {
        kind: 'logout',
        requestId: '6',
        at: '2025-03-14T09:01:30.000Z',
        how: 'POST /logout',
        succeeded: true,
        origin: 'https://id.example.com',
        covers: [ACCESS.fingerprint, REFRESH_FP],
      },
    ]);
    expect(report.lifecycle.discovery).toEqual(['https://id.example.com/.well-known/openid-configuration']);
    expect(report.lifecycle.skewSeconds).toBe(60);
    expect(report.lifecycle.counts).toEqual({
      uses: 3,
      accepted: 2,
      rejected: 1,
      unknown: 0,
      families: 2,
      events: 1,
      authorizations: 1,
      discovery: 1,
    });
  });

  it('masks the state, nonce and PKCE values of an authorization request, in its fields and its URL', () => {
    const [authorization] = report.lifecycle.authorizations;
    expect(authorization).toMatchObject({
      requestId: 'a0',
      status: 302,
      clientId: 'demo-spa',
      responseType: 'code',
      redirectUri: 'https://app.example.com/cb',
      scope: 'openid profile',
      state: 'af…',
      nonce: 'n-…',
      codeChallengeMethod: 'plain',
    });
    expect(authorization?.url).toBe(
      'https://id.example.com/authorize?response_type=code&client_id=demo-spa&state=af…&nonce=n-…' +
        '&code_challenge=dB…&code_challenge_method=plain',
    );
    const text = JSON.stringify(report.lifecycle);
    for (const secret of Object.values(FLOW)) expect(text, secret).not.toContain(secret);
  });

  it('keeps flow values and the token in server texts only when raw output is asked for', () => {
    const raw = toJsonReport(sampleResult(), { ...opts, includeRaw: true });
    expect(raw.lifecycle.authorizations[0]).toMatchObject({ state: FLOW.state, nonce: FLOW.nonce });
    expect(raw.lifecycle.authorizations[0]?.url).toContain(`code_challenge=${FLOW.verifier}`);
    expect(raw.tokens[0]?.sightings[1]?.wwwAuthenticateDescription).toContain(ACCESS.text);
    expect(validate(raw)).toEqual([]);
  });

  it('stays schema-valid and redacted whatever text the servers sent', () => {
    const text = fc.string({ maxLength: 80 });
    fc.assert(
      fc.property(
        text,
        text,
        text,
        fc.constantFrom('accepted', 'rejected', 'unknown'),
        (a, b, c, verdict) => {
          const result = sampleResult();
          const [use] = result.lifecycle.uses;
          const [event] = result.lifecycle.events;
          if (!use || !event) throw new Error('sample changed');
          use.verdict = {
            verdict,
            reason: `${a}${ACCESS.text}`,
            error: b,
            errorDescription: `${c}${ACCESS.text}${b}`,
          };
          event.how = `${b} ${ACCESS.text}`;
          event.origin = c;
          const out = toJsonReport(result, opts);
          expect(validate(out)).toEqual([]);
          expect(JSON.stringify(out)).not.toContain(ACCESS.text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes an empty lifecycle for a capture with none', () => {
    const out = toJsonReport({ ...sampleResult(), lifecycle: emptyLifecycle() }, opts);
    expect(validate(out)).toEqual([]);
    expect(out.lifecycle).toMatchObject({ families: [], events: [], authorizations: [], discovery: [] });
    expect(out.lifecycle.counts.uses).toBe(0);
    expect(out.tokens.flatMap((t) => t.sightings).some((s) => 'verdict' in s)).toBe(false);
  });
});

describe('schema/report.schema.json: the lifecycle additions', () => {
  const report = () =>
    JSON.parse(JSON.stringify(toJsonReport(sampleResult(), { includeRaw: false, tool: TOOL })));

  it('still accepts a version 1 report written before issue 13 (no lifecycle, no verdicts)', () => {
    const old = report();
    delete old.lifecycle;
    for (const token of old.tokens)
      for (const s of token.sightings)
        for (const key of ['verdict', 'verdictReason', 'wwwAuthenticateError', 'wwwAuthenticateDescription'])
          delete s[key];
    expect(validate(old)).toEqual([]);
  });

  it('rejects a verdict outside accepted/rejected/unknown, or one without its reason', () => {
    const bad = report();
    bad.tokens[0].sightings[0].verdict = 'maybe';
    expect(validate(bad).join()).toMatch(/verdict/);
    const noReason = report();
    delete noReason.tokens[0].sightings[0].verdictReason;
    expect(validate(noReason).join()).toMatch(/verdictReason/);
  });

  it('rejects a family member that is not a fingerprint, and an unknown event kind', () => {
    const bad = report();
    bad.lifecycle.families[0].members[0].fingerprint = 'eyJhbGciOiJIUzI1NiJ9.x.y';
    bad.lifecycle.events[0].kind = 'session-end';
    const errors = validate(bad).join('\n');
    expect(errors).toMatch(/families\/0\/members\/0\/fingerprint/);
    expect(errors).toMatch(/events\/0\/kind/);
  });
});

describe('writeJsonReport', () => {
  const opts = {
    includeRaw: false,
    tool: TOOL,
    generatedAt: '2025-03-14T10:00:00.000Z',
    problems: ['entry 3: bad'],
  };

  it('streams the same document as toJsonReport, one field or item per line', () => {
    const chunks: string[] = [];
    writeJsonReport(sampleResult(), opts, (chunk) => chunks.push(chunk));
    const text = chunks.join('');
    expect(JSON.parse(text)).toEqual(toJsonReport(sampleResult(), opts));
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('"schemaVersion": 1,');
    expect(lines.filter((l) => l.startsWith('{"ruleId":'))).toHaveLength(6);
    expect(text.endsWith(']\n}\n')).toBe(true);
  });

  it('serializes each item byte for byte as JSON.stringify of the built item, raw or redacted', () => {
    for (const includeRaw of [false, true]) {
      const parts = createJsonReportParts(sampleResult(), { ...opts, includeRaw });
      for (const name of JSON_REPORT_LISTS) {
        const built = [...parts.lists[name]()].map((item) => JSON.stringify(item));
        expect([...parts.texts[name]()]).toEqual(built);
        if (name === 'findings') expect(built.length).toBeGreaterThan(0);
      }
    }
  });

  it('hands over the same text piece by piece with chunkChars 0', () => {
    const chunks: string[] = [];
    const pieces: string[] = [];
    writeJsonReport(sampleResult(), opts, (chunk) => chunks.push(chunk));
    writeJsonReport(sampleResult(), opts, (piece) => pieces.push(piece), { chunkChars: 0 });
    expect(pieces.join('')).toBe(chunks.join(''));
    expect(pieces.length).toBeGreaterThan(20);
  });

  it('writes empty lists as []', () => {
    const chunks: string[] = [];
    const empty = { ...sampleResult(), tokens: [], findings: [], observations: [] };
    writeJsonReport(empty, { ...opts, problems: [] }, (chunk) => chunks.push(chunk));
    const report = JSON.parse(chunks.join(''));
    expect(validate(report)).toEqual([]);
    expect(chunks.join('')).toContain('"findings": [],\n');
  });
});
