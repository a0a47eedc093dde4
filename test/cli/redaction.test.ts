import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { DEMO, fixture, runCli } from './fake-io';

/** PII the demo's ID token carries (see scripts/make-fixtures.mjs). */
const PII = ['alice.example@example.com', '+1 415 555 0134', 'Alice Example'];

let secrets: string[] = [];

beforeAll(async () => {
  const raw = await runCli(['scan', DEMO, fixture('tokens.txt'), '--format', 'json', '--include-raw']);
  const report = JSON.parse(raw.stdout) as JsonReport;
  const texts = report.tokens.map((t) => t.raw ?? '');
  // Every token's full text, and every non-trivial signature (a JWS's third segment).
  const signatures = texts
    .map((t) => t.split('.'))
    .filter((s) => s.length === 3 && (s[2] ?? '').length >= 16);
  secrets = [...texts.filter((t) => t.length >= 16), ...signatures.map((s) => s[2] ?? ''), ...PII];
});

describe('redaction is total by default', () => {
  it('has secrets to look for (the raw report really contains them)', async () => {
    expect(secrets.length).toBeGreaterThan(12);
    const raw = await runCli(['scan', DEMO, '--format', 'json', '--include-raw']);
    expect(raw.stdout).toContain(PII[0]);
  });

  it.each([['json'], ['sarif'], ['md'], ['table']])(
    '--format %s contains no token, signature or PII value',
    async (format) => {
      const result = await runCli(['scan', DEMO, fixture('tokens.txt'), '--format', format], {
        stdoutTty: format === 'table',
      });
      expect(result.code).toBe(0);
      const leaks = secrets.filter((secret) => result.stdout.includes(secret));
      expect(leaks).toEqual([]);
    },
  );

  it('masks tokens inside sighting URLs', async () => {
    const result = await runCli(['scan', DEMO, '--format', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    const inQuery = report.tokens.flatMap((t) => t.sightings).find((s) => s.where === 'query');
    expect(inQuery?.url).toMatch(/\?access_token=eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8}…$/);
  });
});
