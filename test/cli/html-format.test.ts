import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { accessClaims, makeEntry, makeHar, makeToken, NOW } from '../panel/fixtures';
import { DEMO, runCli } from './fake-io';

const AT = new Date(NOW * 1000).toISOString();
const alice = makeToken(accessClaims('alice'));
const none = makeToken(accessClaims('mallory'), { alg: 'none' });

/** HTTPS only: the token-transport controls have something to look at, and nothing against them. */
const httpsOnly = makeHar([makeEntry({ bearer: alice })]);
/** The alg none token travels over http:// in a URL (and the server answers 200). */
const cleartext = makeHar([
  makeEntry({ bearer: alice }),
  makeEntry({ url: `http://api.example.test/cb?access_token=${none}` }),
]);
const files = {
  'https.har': JSON.stringify(httpsOnly),
  'cleartext.har': JSON.stringify(cleartext),
  // A token list: no request, so nothing about transport or cookies to look at.
  'tokens.txt': `${alice}\n`,
};

const scan = (...args: string[]) => runCli(['scan', ...args, '--now', AT], { files });

/** The `data-status` of a control's row in the HTML report's table for `framework`. */
function rowStatus(html: string, framework: string, control: string): string | undefined {
  const section = html.slice(html.indexOf(`data-framework="${framework}"`));
  const row = section.match(new RegExp(`<tr [^>]*data-control="${control.replace(/[.()]/g, '\\$&')}"[^>]*>`));
  return row?.[0].match(/data-status="([^"]+)"/)?.[1];
}

/** Self-contained and script-free, the way an assessor's archive or a PDF printer needs it. */
function expectSelfContained(html: string): void {
  expect(html).toMatch(/^<!DOCTYPE html>\n<html/);
  expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|\ssrc=|url\(|@import/i);
  expect(html).toMatch(/<style[^>]*>/);
}

describe('scan --format html', () => {
  it('writes the self-contained audit report with a status table per framework chosen by --compliance', async () => {
    const run = await scan('cleartext.har', '--format', 'html', '--compliance', 'asvs,hipaa');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const html = run.stdout;
    expectSelfContained(html);
    expect(html.match(/<section [^>]*data-framework="[^"]+"/g)).toEqual([
      '<section class="page framework" data-framework="hipaa"',
      '<section class="page framework" data-framework="asvs"',
    ]);
    expect(html).toContain('data-testid="controls-asvs"');
    expect(rowStatus(html, 'hipaa', '164.312(e)(1)')).toBe('fail');
    // A partial control says once what the assessor still needs (the engine's note carries no label of its own).
    expect(rowStatus(html, 'hipaa', '164.312(a)(2)(iii)')).toBe('partial');
    expect(html).toContain('Still needed from the organisation: </strong>the session inactivity timeout');
    expect(html).not.toMatch(/Still needed from the organisation: <\/strong>Still needed/);
    // Redacted: no complete token, not even its payload segment.
    for (const token of [alice, none]) {
      expect(html).not.toContain(token);
      expect(html).not.toContain(token.split('.')[1]);
    }
    expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}/);
  });

  it('has no status table without --compliance, and takes the frameworks from the policy', async () => {
    const plain = await scan('cleartext.har', '--format', 'html');
    expectSelfContained(plain.stdout);
    expect(plain.stdout).not.toContain('data-framework=');
    expect(plain.stdout).toContain('<h1>JWT audit report</h1>');
    const policy = JSON.stringify({ compliance: { frameworks: ['soc2'] } });
    const fromPolicy = await runCli(['scan', 'cleartext.har', '--format', 'html', '--policy', 'p.json'], {
      files: { ...files, 'p.json': policy },
    });
    expect(fromPolicy.stdout.match(/data-framework="([^"]+)"/g)).toEqual(['data-framework="soc2"']);
    expect(rowStatus(fromPolicy.stdout, 'soc2', 'CC6.7')).toBe('fail');
  });

  it.each(['audit.html', 'AUDIT.HTM'])('picks the format from the --output extension (%s)', async (name) => {
    const run = await scan(DEMO, '-o', name, '--compliance', 'pci-dss');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const html = run.written.get(name) ?? '';
    expectSelfContained(html);
    expect(html).toContain('data-framework="pci-dss"');
  });

  it('puts raw tokens in only with --include-raw', async () => {
    const run = await scan('cleartext.har', '--format', 'html', '--include-raw');
    expect(run.stdout).toContain(alice);
  });
});

describe('compliance statuses through the CLI, one control on three captures', () => {
  // ASVS 5.0 12.2.1 (TLS for all connections) rests on transport-cleartext: it fails when a token went over
  // http://, passes when every sighting was over HTTPS, and is not observed on tokens with no request.
  const CONTROL = 'v5.0.0-12.2.1';

  it.each([
    ['cleartext.har', 'fail', ['transport-cleartext']],
    ['https.har', 'pass', []],
    ['tokens.txt', 'not-observed', []],
  ])('%s: %s', async (input, status, rules) => {
    const json = await scan(input, '--format', 'json', '--compliance', 'asvs');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as JsonReport;
    const control = report.compliance?.frameworks[0]?.controls.find((c) => c.control === CONTROL);
    expect(control?.status).toBe(status);
    expect(control?.findings.map((f) => f.ruleId)).toEqual(rules);
    const html = await scan(input, '--format', 'html', '--compliance', 'asvs');
    expect(rowStatus(html.stdout, 'asvs', CONTROL)).toBe(status);
  });

  it('says what a pass rests on', async () => {
    const report = JSON.parse((await scan('https.har', '--format', 'json', '--compliance', 'asvs')).stdout);
    const control = report.compliance.frameworks[0].controls.find(
      (c: { control: string }) => c.control === CONTROL,
    );
    expect(control.evidence).toBe(
      '1 token sighting in 1 request on 1 host, all over HTTPS: no finding against it.',
    );
    expect(control.counts).toEqual({ tokens: 1, sightings: 1, requests: 1, hosts: 1 });
  });
});
