import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { API, session } from '../core/baseline/drift-helpers';
import { type EntryOptions, makeEntry, makeHar } from '../core/capture/har-builders';
import { runCli } from './fake-io';

/**
 * The CLI end to end: `jwt-lens baseline` learns a capture into a file, then `jwt-lens scan --baseline`
 * reports drift in another capture (and none in one that matches), with compliance statuses that say
 * when a control passed in the baseline and fails now.
 */
const harOf = (entries: readonly EntryOptions[]) => JSON.stringify(makeHar(entries.map((e) => makeEntry(e))));

let files: Record<string, string>;
beforeAll(async () => {
  const drifted = await session(100, { token: { alg: 'HS256' }, cookie: 'Secure; SameSite=Strict' });
  drifted.push({ ...(drifted[1] as EntryOptions), url: `${API.replace('https:', 'http:')}/v1/orders` });
  files = {
    'baseline.har': harOf(await session(0)),
    'same.har': harOf(await session(100)),
    'drifted.har': harOf(drifted),
  };
  const learned = await runCli(['baseline', 'baseline.har', '-o', 'jwt-baseline.json'], { files });
  expect(learned.code).toBe(0);
  files['jwt-baseline.json'] = learned.written.get('jwt-baseline.json') ?? '';
});

async function scan(capture: string, extra: string[] = []) {
  const argv = ['scan', capture, '--baseline', 'jwt-baseline.json', '--format', 'json', ...extra];
  const result = await runCli(argv, { files });
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

const driftIds = (report: JsonReport) =>
  [...new Set(report.findings.map((f) => f.ruleId).filter((id) => id.startsWith('drift-')))].sort();

describe('jwt-lens baseline, then jwt-lens scan --baseline', () => {
  it('finds no drift in a capture that matches, and passes --fail-on medium', async () => {
    const { code, report } = await scan('same.har', ['--fail-on', 'medium']);
    expect(driftIds(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports the drift of a release that weakened the tokens, and fails --fail-on medium', async () => {
    const { code, report } = await scan('drifted.har', ['--fail-on', 'medium']);
    expect(driftIds(report)).toEqual([
      'drift-alg-changed',
      'drift-cookie-weakened',
      'drift-transport-downgraded',
    ]);
    expect(report.findings.find((f) => f.ruleId === 'drift-alg-changed')?.severity).toBe('high');
    expect(code).toBe(1);
  });

  it('--compliance all: a control that passed in the baseline and fails now says so', async () => {
    const { report } = await scan('drifted.har', ['--compliance', 'all']);
    const controls = report.compliance?.frameworks.flatMap((f) => f.controls) ?? [];
    const regressed = controls.filter((c) => c.evidence.startsWith('Passed in the baseline, fails now:'));
    expect(regressed.length).toBeGreaterThan(0);
    expect(regressed.every((c) => c.status === 'fail')).toBe(true);
    expect(regressed.some((c) => c.ruleIds.includes('transport-cleartext'))).toBe(true);
    // Without the baseline the same capture fails the same controls, but nothing says it regressed.
    const plain = await runCli(['scan', 'drifted.har', '--format', 'json', '--compliance', 'all'], { files });
    expect(plain.stdout).not.toContain('Passed in the baseline');
  });

  it('--compliance all on a matching capture: the drift controls are assessed and nothing regressed', async () => {
    const { report } = await scan('same.har', ['--compliance', 'all']);
    const controls = report.compliance?.frameworks.flatMap((f) => f.controls) ?? [];
    const drift = controls.filter((c) => c.ruleIds.some((id) => id.startsWith('drift-')));
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((c) => c.status !== 'fail' && c.status !== 'not-observed')).toBe(true);
    expect(JSON.stringify(report.compliance)).not.toContain('Passed in the baseline');
  });
});
