import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuditor } from '../../../src/core/audit';
import type { CaptureResult } from '../../../src/core/types';

const NOW = 1_767_225_600;

async function captureOf(): Promise<{ capture: CaptureResult; text: string }> {
  const text = await new SignJWT({ iss: 'https://op.example', sub: 'u', iat: NOW, exp: NOW + 300 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode('k'.repeat(32)));
  const sighting = {
    id: '1:0',
    tokenText: text,
    where: 'request-header' as const,
    name: 'Authorization',
    url: 'https://api.example.test/v1',
    method: 'GET',
    status: 200,
    scheme: 'https',
    startedAt: new Date(NOW * 1000).toISOString(),
    requestId: '1',
  };
  return {
    capture: { sightings: [sighting], observations: [], keyDocuments: [], problems: [], entryCount: 1 },
    text,
  };
}

describe('auditor.removeHits', () => {
  it('drops exactly the external hits it matches, and the result shows it', async () => {
    const { capture } = await captureOf();
    const auditor = createAuditor();
    auditor.add(capture);
    const fp = auditor.records()[0]?.token.fingerprint ?? '';
    const ruleIds = () => auditor.result(NOW).findings.map((f) => f.ruleId);
    auditor.addHits([
      { ruleId: 'drift-new-recipient-host', fingerprint: fp, detail: 'a new host' },
      { ruleId: 'sig-unverifiable', fingerprint: fp, detail: 'no key' },
    ]);
    expect(ruleIds()).toContain('drift-new-recipient-host');
    const before = ruleIds().length;
    auditor.removeHits((hit) => hit.ruleId.startsWith('drift-'));
    expect(ruleIds()).not.toContain('drift-new-recipient-host');
    expect(ruleIds()).toContain('sig-unverifiable');
    expect(ruleIds()).toHaveLength(before - 1);
    // Added again after a removal: shown again (the cache is rebuilt, not stuck on the old count).
    auditor.addHits([{ ruleId: 'drift-new-recipient-host', fingerprint: fp, detail: 'a new host' }]);
    expect(ruleIds()).toContain('drift-new-recipient-host');
  });

  it('replacing hits by as many others shows the new ones (the cache is keyed on more than the count)', async () => {
    const { capture } = await captureOf();
    const auditor = createAuditor();
    auditor.add(capture);
    const fp = auditor.records()[0]?.token.fingerprint ?? '';
    const details = () => auditor.result(NOW).findings.map((f) => f.detail);
    auditor.addHits([{ ruleId: 'drift-new-recipient-host', fingerprint: fp, detail: 'to host a' }]);
    expect(details()).toContain('to host a');
    auditor.removeHits((hit) => hit.ruleId.startsWith('drift-'));
    auditor.addHits([{ ruleId: 'drift-new-recipient-host', fingerprint: fp, detail: 'to host b' }]);
    expect(details()).toContain('to host b');
    expect(details()).not.toContain('to host a');
  });

  it('matching nothing leaves the findings as they were', async () => {
    const { capture } = await captureOf();
    const auditor = createAuditor();
    auditor.add(capture);
    const fp = auditor.records()[0]?.token.fingerprint ?? '';
    auditor.addHits([{ ruleId: 'sig-unverifiable', fingerprint: fp, detail: 'no key' }]);
    const before = auditor.result(NOW).findings.map((f) => f.ruleId);
    auditor.removeHits(() => false);
    expect(auditor.result(NOW).findings.map((f) => f.ruleId)).toEqual(before);
  });
});
