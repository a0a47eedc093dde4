import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureHit } from '../../src/core/types';
import { fakeJwt, makeEntry, makeHar } from '../core/capture/har-builders';
import { runCli } from './fake-io';

/**
 * `scan --baseline` adds what `driftHits` returns to every format. The drift rules are written elsewhere
 * (src/core/baseline/drift): here `driftHits` is replaced by one returning a known hit, so this tests the
 * plumbing only, with a catalog rule that the capture itself does not fire.
 */
const calls: unknown[][] = [];
let hits: CaptureHit[] = [];
vi.mock('../../src/core/baseline', async (original) => ({
  ...(await original<typeof import('../../src/core/baseline')>()),
  driftHits: (...args: unknown[]) => {
    calls.push(args);
    return hits;
  },
}));

const TOKEN = fakeJwt({ iss: 'https://id.test', sub: 'u', aud: 'api', iat: 1741942800, exp: 1741943700 });
const HAR = JSON.stringify(
  makeHar([
    makeEntry({
      url: 'https://api.test/v1/items',
      startedDateTime: '2025-03-14T09:00:00.000Z',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }],
    }),
  ]),
);
const DETAIL = 'Stand-in drift finding: the access token gained a claim.';

async function scan(format: string, extra: string[] = []) {
  const learned = await runCli(['baseline', 'c.har'], { files: { 'c.har': HAR } });
  return runCli(['scan', 'c.har', '--format', format, '--baseline', 'b.json', ...extra], {
    files: { 'c.har': HAR, 'b.json': learned.stdout },
  });
}

describe('scan --baseline: drift hits in every format', () => {
  beforeEach(async () => {
    calls.length = 0;
    const { fingerprintOf } = await import('../../src/core/crypto/fingerprint');
    hits = [
      {
        ruleId: 'key-publicly-known',
        severity: 'high',
        detail: DETAIL,
        fingerprint: fingerprintOf(TOKEN),
      },
    ];
  });

  it('passes the audit, the baseline and the policy to driftHits', async () => {
    const result = await scan('json');
    expect(result.code).toBe(0);
    expect(calls).toHaveLength(1);
    const [audit, baseline] = calls[0] as [{ tokens: unknown[] }, { baselineVersion: number }];
    expect(audit.tokens).toHaveLength(1);
    expect(baseline.baselineVersion).toBe(1);
  });

  it.each([['json'], ['sarif'], ['md'], ['html'], ['table']])('%s shows them', async (format) => {
    const result = await scan(format);
    expect(result.stdout).toContain('key-publicly-known');
    expect(result.stdout).toContain(format === 'html' ? 'Stand-in drift finding' : DETAIL);
  });

  it('--fail-on counts them', async () => {
    expect((await scan('json', ['--fail-on', 'high'])).code).toBe(1);
  });

  it('is not called without a baseline', async () => {
    await runCli(['scan', 'c.har', '--format', 'json'], { files: { 'c.har': HAR } });
    expect(calls).toHaveLength(0);
  });

  it('takes the policy’s baseline, and --baseline over it', async () => {
    const learned = JSON.parse((await runCli(['baseline', 'c.har'], { files: { 'c.har': HAR } })).stdout);
    const inPolicy = { ...learned, generatedBy: { name: 'jwt-lens', version: 'in-policy' } };
    const files = {
      'c.har': HAR,
      'p.json': JSON.stringify({ baseline: inPolicy }),
      'b.json': JSON.stringify(learned),
    };
    await runCli(['scan', 'c.har', '--format', 'json', '--policy', 'p.json'], { files });
    await runCli(['scan', 'c.har', '--format', 'json', '--policy', 'p.json', '--baseline', 'b.json'], {
      files,
    });
    const versions = calls.map(
      (args) => (args[1] as { generatedBy: { version: string } }).generatedBy.version,
    );
    expect(versions).toEqual(['in-policy', learned.generatedBy.version]);
  });
});
