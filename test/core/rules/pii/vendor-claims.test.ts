import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../../src/core/rules/pii/find-secrets';
import { VENDOR_CLAIMS, vendorClaimAt } from '../../../../src/core/rules/pii/vendor-claims';
import { pathNames, walkJson } from '../../../../src/core/rules/pii/walk-json';

describe('pathNames', () => {
  it('reads display paths back into member names, array positions dropped', () => {
    expect(pathNames('firebase.identities.password[0]')).toEqual(['firebase', 'identities', 'password']);
    expect(pathNames('["kubernetes.io"].pod.name')).toEqual(['kubernetes.io', 'pod', 'name']);
    expect(pathNames('["https://x/a\\"b"].c')).toEqual(['https://x/a"b', 'c']);
    expect(pathNames('a..b')).toBeUndefined();
  });

  it('inverts the walk’s paths for any JSON object, and never throws', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.string())), (claims) => {
        for (const leaf of walkJson(claims).leaves) {
          expect(pathNames(leaf.path)?.at(-1)).toBe(leaf.key);
        }
      }),
    );
  });
});

describe('vendorClaimAt', () => {
  it.each([
    ['firebase.identities.password[0]', 'Firebase', 'identifier'],
    ['firebase.identities["google.com"][0]', 'Firebase', 'identifier'],
    ['pwd_url', 'Microsoft Entra ID', 'metadata'],
    ['xms_st.sub', undefined, undefined],
    ['xms_cc[0]', 'Microsoft Entra ID', 'identifier'],
    ['at_hash', 'OpenID Connect', 'digest'],
    ['["kubernetes.io"].serviceaccount.uid', 'Kubernetes', 'workload'],
    ['["kubernetes.io/serviceaccount/secret.name"]', 'Kubernetes', 'workload'],
    ['identities[0].userId', 'AWS Cognito', 'identifier'],
    ['identities[0].password', undefined, undefined],
    ['job_workflow_sha', 'GitHub Actions', 'digest'],
    ['user_metadata.password', undefined, undefined],
    ['firebase', undefined, undefined],
  ])('%s → %s', (path, issuer, meaning) => {
    const claim = vendorClaimAt(path);
    expect(claim?.issuer).toBe(issuer);
    expect(claim?.meaning).toBe(meaning);
  });

  it('answers a row of the table or nothing for any path text, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), (path) => {
        const claim = vendorClaimAt(path);
        expect(claim === undefined || VENDOR_CLAIMS.includes(claim)).toBe(true);
      }),
    );
  });

  it('reads every row of the table', () => {
    for (const claim of VENDOR_CLAIMS) {
      expect(claim.path.every((name) => name !== '' && !name.startsWith('['))).toBe(true);
    }
  });

  it('has no row that a credential name would match at the top level', () => {
    const roots = VENDOR_CLAIMS.map((c) => c.path.join('.'));
    for (const name of ['password', 'client_secret', 'api_key', 'private_key', 'refresh_token', 'secret']) {
      expect(roots).not.toContain(name);
    }
  });
});

describe('findSecrets on any claims', () => {
  it('never throws, and reports only string leaves it was given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const leaves = walkJson({ claims: value }).leaves;
        const paths = new Set(leaves.map((l) => l.path));
        for (const match of findSecrets(leaves)) {
          expect(paths.has(match.path)).toBe(true);
          expect(['certain', 'possible']).toContain(match.confidence);
        }
      }),
    );
  });
});
