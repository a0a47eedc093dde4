import { describe, expect, it, vi } from 'vitest';
import type { LifecycleModel } from '../../../../src/core/lifecycle/types';
import type { CaptureResult, Sighting } from '../../../../src/core/types';

/**
 * The signature checks run outside the auditor and report `sig-invalid` through `addHits`; the auditor
 * hands those fingerprints to the lifecycle rules. The model is hand-built here (the real builder is
 * another helper's), so `buildLifecycle` is replaced by one that returns it.
 */
const state = vi.hoisted(() => ({ model: undefined as LifecycleModel | undefined }));
vi.mock('../../../../src/core/lifecycle/build-lifecycle', async (original) => {
  const real = await original<typeof import('../../../../src/core/lifecycle/build-lifecycle')>();
  return { ...real, buildLifecycle: () => state.model ?? real.emptyLifecycle() };
});

const { createAuditor } = await import('../../../../src/core/audit');

const TEXT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln';

function capture(sighting: Sighting): CaptureResult {
  return { sightings: [sighting], observations: [], keyDocuments: [], problems: [], entryCount: 1 };
}

describe('sig-invalid-accepted through the auditor', () => {
  it('appears once the signature checks report sig-invalid for an accepted token, and not before', () => {
    const auditor = createAuditor();
    const sighting: Sighting = {
      id: '0:0',
      tokenText: TEXT,
      where: 'request-header',
      name: 'Authorization',
      url: 'https://api.example.test/v1/orders',
      method: 'GET',
      status: 200,
      scheme: 'https',
      startedAt: '2025-03-14T09:00:00.000Z',
      requestId: '0',
    };
    auditor.add(capture(sighting));
    const fingerprint = auditor.records()[0]?.token.fingerprint ?? '';
    state.model = {
      uses: [
        {
          sightingId: '0:0',
          fingerprint,
          requestId: '0',
          at: sighting.startedAt,
          service: 'api.example.test/v1',
          verdict: { verdict: 'accepted', reason: 'HTTP 200' },
        },
      ],
      families: [],
      events: [],
      authorizations: [],
      discovery: [],
      skewSeconds: 60,
    };
    auditor.add(capture({ ...sighting, id: '1:0', requestId: '1' }));
    const ids = () => auditor.result(1_741_942_800).findings.map((f) => f.ruleId);
    expect(ids()).not.toContain('sig-invalid-accepted');
    auditor.addHits([{ ruleId: 'sig-invalid', fingerprint, detail: 'RS256 signature does not verify' }]);
    const finding = auditor.result(1_741_942_800).findings.find((f) => f.ruleId === 'sig-invalid-accepted');
    expect(finding).toMatchObject({ severity: 'critical', fingerprint, sightingIds: ['0:0'] });
    auditor.clear();
    expect(auditor.result(1_741_942_800).findings).toEqual([]);
  });
});
