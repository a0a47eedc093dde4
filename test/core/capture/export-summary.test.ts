import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureHar } from '../../../src/core/capture';
import {
  createExportSummary,
  detachedBodiesProblem,
  type ExportSummary,
  mergeExportSummaries,
  sanitizedExportProblem,
  summarizeEntry,
} from '../../../src/core/capture/export-summary';
import { fakeJwt, makeEntry } from './har-builders';

const CHROME = { name: 'WebInspector', version: '537.36' };
const T = fakeJwt({ sub: 'alice' });
const plain = () => makeEntry({ requestHeaders: [{ name: 'accept', value: '*/*' }] });

function problemFor(creator: unknown, entries: unknown[]): string | undefined {
  const summary = createExportSummary();
  for (const entry of entries) summarizeEntry(summary, entry);
  return sanitizedExportProblem(creator, summary);
}

describe('sanitizedExportProblem', () => {
  it("names Chrome's default export and how to export with sensitive data", () => {
    const line = problemFor(CHROME, [plain(), plain()]);
    expect(line).toMatch(/^no request in this Chrome HAR has a Cookie or Authorization header/);
    expect(line).toContain('"Export HAR (with sensitive data)"');
    expect(line).toContain('"Allow to generate HAR with sensitive data"');
  });

  it.each([
    [
      'an Authorization header',
      makeEntry({ requestHeaders: [{ name: 'Authorization', value: 'Bearer x' }] }),
    ],
    ['a Cookie header', makeEntry({ requestHeaders: [{ name: 'cookie', value: 'a=1' }] })],
    ['a Set-Cookie header', makeEntry({ responseHeaders: [{ name: 'SET-COOKIE', value: 'a=1' }] })],
    ['a request cookie', makeEntry({ requestCookies: [{ name: 'a', value: '1' }] })],
    ['a response cookie', makeEntry({ responseCookies: [{ name: 'a', value: '1' }] })],
  ])('stays silent when one entry has %s', (_, entry) => {
    expect(problemFor(CHROME, [plain(), entry, plain()])).toBeUndefined();
  });

  it.each([
    ['Firefox', { name: 'Firefox', version: '111.0.1' }],
    ['Safari', { name: 'WebKit Web Inspector', version: '1.0' }],
    ['mitmproxy', { name: 'mitmproxy', version: '10.0.0' }],
    ['no creator', undefined],
    ['a creator that is not an object', 'WebInspector'],
  ])('stays silent for %s (no sanitized export there)', (_, creator) => {
    expect(problemFor(creator, [plain()])).toBeUndefined();
  });

  it('stays silent when no request recorded any header (nothing to judge by)', () => {
    expect(problemFor(CHROME, [makeEntry(), makeEntry()])).toBeUndefined();
    expect(problemFor(CHROME, [])).toBeUndefined();
  });

  it('never throws on arbitrary entries and creators (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 5 }), (creator, entries) => {
        const line = problemFor(creator, entries);
        expect(line === undefined || typeof line === 'string').toBe(true);
      }),
    );
  });
});

function summaryOf(entries: unknown[]): ExportSummary {
  const summary = createExportSummary();
  for (const entry of entries) summarizeEntry(summary, entry);
  return summary;
}

describe('detachedBodiesProblem', () => {
  const attached = (content: Record<string, unknown>, postData?: Record<string, unknown>) =>
    makeEntry({
      content: { size: 10, mimeType: 'application/json', ...content },
      ...(postData ? { postData } : {}),
    });

  it("counts entries whose bodies are only a file name (Playwright's attach mode)", () => {
    const entries = [
      attached({ _file: 'a.json' }),
      attached({ text: '{}' }, { mimeType: 'application/json', text: '', _file: 'b.json' }),
      attached({ _sha1: 'c.json' }),
      attached({ text: '{}' }),
    ];
    expect(detachedBodiesProblem(summaryOf(entries))).toMatch(
      /^3 entries keep their bodies in separate files/,
    );
    expect(detachedBodiesProblem(summaryOf(entries.slice(0, 1)))).toMatch(
      /^1 entry keeps its body in separate files/,
    );
  });

  it('stays silent when the body is in the HAR, even beside a file name, or there is none', () => {
    const entries = [
      attached({ text: 'x', _file: 'a.json' }),
      attached({}),
      makeEntry(),
      3,
      { response: [] },
    ];
    expect(detachedBodiesProblem(summaryOf(entries))).toBeUndefined();
  });
});

describe('mergeExportSummaries', () => {
  it('gives the verdicts of one summary over all the entries, however they were split (property)', () => {
    const entry = fc.constantFrom<unknown>(
      plain(),
      makeEntry(),
      makeEntry({ requestHeaders: [{ name: 'Cookie', value: 'a=1' }] }),
      makeEntry({ content: { size: 1, mimeType: 'text/plain', _file: 'x.txt' } }),
      null,
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.nat(8), (entries, cut) => {
        const whole = summaryOf(entries);
        const merged = mergeExportSummaries(summaryOf(entries.slice(0, cut)), summaryOf(entries.slice(cut)));
        expect(sanitizedExportProblem(CHROME, merged)).toBe(sanitizedExportProblem(CHROME, whole));
        expect(detachedBodiesProblem(merged)).toBe(detachedBodiesProblem(whole));
      }),
    );
  });
});

describe('captureHar: a sanitized Chrome export', () => {
  it('comes first among the problems, and tokens elsewhere are still captured', () => {
    const har = {
      log: {
        creator: CHROME,
        entries: [
          plain(),
          7,
          makeEntry({
            url: `https://a.example.test/?id_token=${T}`,
            requestHeaders: [{ name: 'accept', value: '*/*' }],
          }),
        ],
      },
    };
    const result = captureHar(har);
    if ('error' in result) throw new Error(result.error);
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatch(/^no request in this Chrome HAR/);
    expect(result.problems[1]).toBe('entry 1: not an object');
    expect(result.sightings.map((s) => s.where)).toEqual(['query']);
  });
});
