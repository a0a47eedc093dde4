import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import { captureEntry } from '../../../src/core/capture';
import {
  maskToken,
  toComplianceMarkdown,
  toJsonReport,
  toMarkdown,
  toSarif,
  toTable,
} from '../../../src/core/report';
import type { AuditResult } from '../../../src/core/types';
import { jsonContent, makeEntry } from '../capture/har-builders';
import { createReportValidator } from './schema-validator';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
const validate = createReportValidator();

/** Opaque tokens in the shapes that test masking hardest: dotted, with `+ / =`, with `! * $`. */
const GOOGLE_AT = 'ya29.a0AfB_byC3kQ9zVv-Xr2LmN8pQrStUvWx0yZ1aBcDeFgHiJkLmNoPq';
const SLASHED_RT = '1//0gLp3xYzAbCdEfGhIjKlMnOp+QrStUvWxYz0123456789==';
const MSA_RT = 'M.C105_BAY.0.U.-CsFgH1!kLm*NoP2qRsT3uVwX4yZ$$';
const COOKIE_AT = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const TOKENS = [GOOGLE_AT, SLASHED_RT, MSA_RT, COOKIE_AT];

/** A login, API calls and a revocation carrying the tokens in every place capture reads them. */
function opaqueResult(): AuditResult {
  const entries = [
    makeEntry({
      method: 'POST',
      url: 'http://id.example.test/token',
      content: jsonContent({ access_token: GOOGLE_AT, refresh_token: SLASHED_RT, token_type: 'Bearer' }),
      responseHeaders: [{ name: 'Set-Cookie', value: `access_token=${COOKIE_AT}; Path=/` }],
    }),
    makeEntry({
      url: `https://api.example.test/export?access_token=${encodeURIComponent(SLASHED_RT)}&format=csv#refresh_token=${encodeURIComponent(MSA_RT)}`,
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${GOOGLE_AT}` }],
    }),
    makeEntry({
      method: 'POST',
      url: 'https://id.example.test/oauth2/revoke',
      postData: {
        mimeType: 'application/x-www-form-urlencoded',
        text: `token=${encodeURIComponent(MSA_RT)}&token_type_hint=refresh_token`,
      },
    }),
  ];
  return auditCapture(
    entries.map((entry, i) => captureEntry(entry, String(i))),
    { now: Date.parse('2025-03-14T10:00:00Z') / 1000 },
  );
}

/** Each token, its percent-encoded form and every 8+ character piece between dots. */
function secretsOf(text: string): string[] {
  const pieces = text.split('.').filter((piece) => piece.length >= 8);
  return [text, encodeURIComponent(text), ...pieces];
}

function exports(result: AuditResult, includeRaw: boolean): Record<string, string> {
  const opts = { includeRaw, tool: TOOL, generatedAt: '2025-03-14T10:00:00.000Z' };
  return {
    json: JSON.stringify(toJsonReport(result, opts)),
    sarif: JSON.stringify(toSarif(result, opts)),
    markdown: toMarkdown(result, opts),
    compliance: toComplianceMarkdown(result, opts),
    table: toTable(result, { color: false, width: 200, includeRaw }),
  };
}

describe('reports of opaque tokens', () => {
  const result = opaqueResult();

  it('captures every token as kind opaque, with findings to report', () => {
    expect(result.tokens.map((r) => [r.token.kind, r.token.text])).toEqual(
      expect.arrayContaining(TOKENS.map((text) => ['opaque', text])),
    );
    expect(result.tokens).toHaveLength(TOKENS.length);
    expect(result.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        'transport-cleartext',
        'token-in-url',
        'cookie-no-httponly',
        'refresh-token-exposed',
      ]),
    );
  });

  it.each(['json', 'sarif', 'markdown', 'compliance', 'table'])(
    '%s: no opaque value appears without raw output',
    (format) => {
      const text = exports(result, false)[format] ?? '';
      for (const token of TOKENS) for (const secret of secretsOf(token)) expect(text).not.toContain(secret);
      expect(text.length).toBeGreaterThan(100);
    },
  );

  it('json: writes kind opaque, a prefix-and-length mask and no header or claims, valid by the schema', () => {
    const report = toJsonReport(result, { includeRaw: false, tool: TOOL });
    expect(validate(report)).toEqual([]);
    const google = report.tokens.find((t) => t.masked.startsWith('ya29'));
    expect(google).toMatchObject({
      kind: 'opaque',
      purpose: 'access',
      masked: `ya29…(${GOOGLE_AT.length} chars)`,
      alg: null,
      header: null,
      claims: null,
      nested: null,
      errors: [],
    });
    expect(google?.raw).toBeUndefined();
    expect(report.tokens.map((t) => t.masked)).toEqual(
      expect.arrayContaining(TOKENS.map((t) => maskToken(t))),
    );
  });

  it('json: puts the raw values back only when asked, still valid by the schema', () => {
    const report = toJsonReport(result, { includeRaw: true, tool: TOOL });
    expect(validate(report)).toEqual([]);
    expect(report.tokens.map((t) => t.raw)).toEqual(expect.arrayContaining(TOKENS));
  });

  it('the schema rejects a kind it does not know', () => {
    const report = toJsonReport(result, { includeRaw: false, tool: TOOL });
    const bad = { ...report, tokens: report.tokens.map((t) => ({ ...t, kind: 'reference' })) };
    expect(validate(bad).join('\n')).toContain('must be equal to one of the allowed values');
  });
});

describe('maskToken on opaque text', () => {
  it.each([
    [GOOGLE_AT, `ya29…(${GOOGLE_AT.length} chars)`],
    [MSA_RT, `M.C1…(${MSA_RT.length} chars)`],
    [COOKIE_AT, 'gho_…(40 chars)'],
    ['abc.def.ghi', 'abc.…(11 chars)'],
  ])('keeps a 4-character prefix and the length of %s', (text, masked) => {
    expect(maskToken(text)).toBe(masked);
  });
});
