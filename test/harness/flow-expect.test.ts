import { describe, expect, it } from 'vitest';
import type { JsonFinding, JsonReport, JsonToken } from '../../src/core/report/report-types';
import { type FlowExpectFile, unmetExpectations } from './flow-expect';

const token = (fingerprint: string, purpose: JsonToken['purpose'], where = 'response-body'): JsonToken =>
  ({
    fingerprint,
    kind: 'jws',
    purpose,
    iss: 'http://127.0.0.1:9',
    sightings: [{ id: '1', where, name: '$.x', url: '', method: 'GET', status: 200, startedAt: '' }],
  }) as unknown as JsonToken;
const finding = (fingerprint: string, ruleId: string, severity: JsonFinding['severity']): JsonFinding =>
  ({ fingerprint, ruleId, severity }) as JsonFinding;
const report = (tokens: JsonToken[], findings: JsonFinding[]) => ({ tokens, findings }) as JsonReport;
const source = { title: 't', url: 'u', licence: 'MIT' };

describe('unmetExpectations', () => {
  const expectFile: FlowExpectFile = {
    source,
    tokens: [
      {
        select: { purpose: 'id', issuer: 'http://127.0.0.1' },
        required: ['sig-verified'],
        allowed: ['alg-rsa-pkcs1v15'],
        forbidden: ['jti-missing'],
        maxSeverity: { 'alg-rsa-pkcs1v15': 'info' },
      },
    ],
    exchange: { required: ['basic-auth-credentials'] },
    others: 'forbid',
  };

  it('is empty when every expectation holds', () => {
    const r = report(
      [token('a', 'id')],
      [
        finding('a', 'sig-verified', 'info'),
        finding('a', 'alg-rsa-pkcs1v15', 'info'),
        finding('', 'basic-auth-credentials', 'medium'),
      ],
    );
    expect(unmetExpectations(expectFile, r)).toEqual([]);
  });

  it('names each unmet expectation: missing, forbidden, unexpected, too severe, unmatched, others', () => {
    const r = report(
      [token('a', 'id'), token('b', 'access')],
      [
        finding('a', 'jti-missing', 'low'),
        finding('a', 'alg-rsa-pkcs1v15', 'low'),
        finding('a', 'hdr-nonstandard', 'low'),
        finding('b', 'exp-expired', 'medium'),
      ],
    );
    expect(unmetExpectations(expectFile, r)).toEqual([
      'id jws token a: required sig-verified did not fire',
      'id jws token a: forbidden jti-missing (low) fired',
      'id jws token a: alg-rsa-pkcs1v15 (low) is above info',
      'id jws token a: unexpected hdr-nonstandard (low) fired (not required or allowed)',
      'access jws token b (no selector): exp-expired (medium) fired',
      'exchange: required basic-auth-credentials did not fire',
    ]);
    expect(unmetExpectations(expectFile, report([token('b', 'access')], []))).toContain(
      'selector #1 (purpose=id,issuer=http://127.0.0.1) matched no token',
    );
  });

  it('gives a token the union of the selectors that match it, forbidden winning over allowed', () => {
    const both: FlowExpectFile = {
      source,
      tokens: [
        { select: { purpose: 'id' }, allowed: ['pii-oidc-claims'] },
        { select: { where: 'response-body' }, forbidden: ['pii-oidc-claims'] },
      ],
      others: 'ignore',
    };
    const r = report(
      [token('a', 'id'), token('b', 'access', 'query')],
      [finding('a', 'pii-oidc-claims', 'medium')],
    );
    expect(unmetExpectations(both, r)).toEqual(['id jws token a: forbidden pii-oidc-claims (medium) fired']);
  });
});
