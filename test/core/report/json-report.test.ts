import { describe, expect, it } from 'vitest';
import { createJsonReportParts, JSON_REPORT_LISTS, toJsonReport } from '../../../src/core/report/json-report';
import { writeJsonReport } from '../../../src/core/report/write-json-report';
import { ACCESS, forbiddenStrings, MALFORMED, SECRETS, sampleResult, UNSECURED } from './sample-result';
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
