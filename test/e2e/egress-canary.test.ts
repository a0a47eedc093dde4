import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../harness/build-extension';
import { type E2eSession, startE2eSession } from '../harness/session';
import { collectEgress } from '../harness/zero-egress';

const LEAK_URL = 'http://127.0.0.1:9/jwt-lens-canary.gif';

// The zero-egress test is only worth something if it can fail. This builds a deliberately leaky variant
// (JWT_LENS_LEAK_URL: an Image beacon from the devtools page) into a temp dir and runs the same check.
// The extension CSP blocks the image (img-src 'self' data:), yet the attempt is still recorded: the check
// is stricter than the CSP.
describe('zero-egress check against a deliberately leaky build', () => {
  let session: E2eSession;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'jwt-lens-leaky-'));
    buildExtension(outDir, { JWT_LENS_LEAK_URL: LEAK_URL });
    session = await startE2eSession({ extensionDir: outDir });
    await session.showPanel();
  });

  afterAll(async () => {
    await session?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('catches the beacon, both in CDP Network and in Resource Timing', async () => {
    const frames = session.devtools.frames().filter((f: Frame) => f.url().startsWith('chrome-extension://'));
    const egress = await collectEgress(session, frames);
    const beacon = egress.filter((r) => r.url.startsWith(LEAK_URL));
    expect(beacon.map((r) => r.via)).toEqual(expect.arrayContaining(['page-frame', 'resource-timing']));
    expect(beacon.every((r) => r.from.endsWith('/src/devtools/devtools.html'))).toBe(true);
  });
});
