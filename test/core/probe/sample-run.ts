/** A realistic probe run for assessment and report tests: a JSON API with a 401 negative control. */
import type { ProbeOutcome, ProbeRun, ResponseShape } from '../../../src/core/probe';

export const API_OK: ResponseShape = {
  status: 200,
  contentType: 'application/json',
  lengthBucket: 2048,
  jsonKeys: ['orders', 'page', 'total'],
};
export const UNAUTHORIZED: ResponseShape = {
  status: 401,
  contentType: 'application/json',
  lengthBucket: 64,
  jsonKeys: ['error', 'error_description'],
};
export const SERVER_ERROR: ResponseShape = {
  status: 500,
  contentType: 'text/html',
  lengthBucket: 256,
  jsonKeys: [],
};

export function outcome(
  caseId: string,
  kind: ProbeOutcome['kind'],
  ruleId: string | undefined,
  verdict: ProbeOutcome['verdict'],
  shape: ResponseShape = verdict === 'accepted'
    ? API_OK
    : verdict === 'rejected'
      ? UNAUTHORIZED
      : SERVER_ERROR,
): ProbeOutcome {
  return {
    caseId,
    kind,
    change: `${caseId} change`,
    ...(ruleId ? { ruleId } : {}),
    shape,
    verdict,
    durationMs: 12,
  };
}

const NONE = 'probe-alg-none-accepted';
const SIG = 'probe-signature-not-verified';

/** A server that takes `nOnE` but checks signatures otherwise; one alg-confusion case got a 500. */
export function sampleRun(url: string, fingerprint: string, over: Partial<ProbeRun> = {}): ProbeRun {
  return {
    entry: 3,
    method: 'GET',
    url,
    fingerprint,
    slot: { where: 'request-header', name: 'Authorization' },
    startedAt: '2025-03-14T09:40:00.000Z',
    baseline: outcome('baseline', 'baseline', undefined, 'accepted'),
    negativeControl: outcome('negative-control', 'negative-control', undefined, 'rejected'),
    outcomes: [
      outcome('alg-none:none', 'alg-none', NONE, 'rejected'),
      outcome('alg-none:nOnE', 'alg-none', NONE, 'accepted'),
      outcome('signature-stripped', 'signature-stripped', SIG, 'rejected'),
      outcome('signature-corrupted', 'signature-corrupted', SIG, 'rejected'),
      outcome('claim-tampered', 'claim-tampered', SIG, 'rejected'),
      outcome('embedded-jwk', 'embedded-jwk', 'probe-embedded-jwk-trusted', 'rejected'),
      outcome('alg-confusion:pem', 'alg-confusion', 'probe-alg-confusion-accepted', 'inconclusive'),
      outcome('alg-confusion:der', 'alg-confusion', 'probe-alg-confusion-accepted', 'rejected'),
      outcome('kid-injection', 'kid-injection', 'probe-kid-injection-accepted', 'rejected'),
    ],
    ...over,
  };
}
