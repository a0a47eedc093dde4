import { describe, expect, it } from 'vitest';
import { LIFECYCLE_RULES } from '../../../../src/core/rules/lifecycle';
import { acceptedTokens } from '../../../../src/core/rules/lifecycle/accepted';
import { createRuleIndex } from '../../../../src/core/rules/lifecycle/rule-index';
import { model, OK, presented, record, TEST_POLICY, token, UNAUTHORIZED } from './models';

describe('createRuleIndex', () => {
  it('keeps the first and the last record of a fingerprint apart', () => {
    const t = token();
    const first = record(t, []);
    const last = record(t, []);
    const other = record(token(), []);
    const index = createRuleIndex(model(), [first, other, last]);
    expect(index.firstRecords.get(t.fingerprint)).toBe(first);
    expect(index.records.get(t.fingerprint)).toBe(last);
    expect(index.firstRecords.get(other.token.fingerprint)).toBe(other);
  });

  it('groups uses by token in model order, accepted ones by their first acceptance', () => {
    const a = record(token(), []);
    const b = record(token(), []);
    const [rejectedA] = presented(a, [0], UNAUTHORIZED);
    const [acceptedB] = presented(b, [10], OK);
    const [acceptedA] = presented(a, [20], OK);
    const uses = [rejectedA, acceptedB, acceptedA].filter((u) => u !== undefined);
    const index = createRuleIndex(model({ uses }), [a, b]);
    expect([...index.uses.keys()]).toEqual([a.token.fingerprint, b.token.fingerprint]);
    expect(index.uses.get(a.token.fingerprint)).toEqual([rejectedA, acceptedA]);
    expect([...index.accepted.keys()]).toEqual([b.token.fingerprint, a.token.fingerprint]);
    expect(index.accepted.get(a.token.fingerprint)).toEqual([acceptedA]);
  });
});

describe('acceptedTokens', () => {
  it('judges a fingerprint held by two records by the first one', () => {
    const t = token();
    const first = record(t, [], 'access');
    const last = record(t, [], 'refresh');
    const uses = presented(first, [0], OK);
    const kept = acceptedTokens(model({ uses }), [first, last], (r) => r.purpose === 'access');
    expect(kept).toEqual([{ record: first, uses }]);
  });
});

describe('the lifecycle rules on a token list', () => {
  it('build no record index: the capture has no uses and no token responses', () => {
    const built = createRuleIndex(model(), []);
    const refuse = () => {
      throw new Error('record index read');
    };
    const index = Object.create(built, {
      records: { get: refuse },
      firstRecords: { get: refuse },
    }) as typeof built;
    const records = [record(token({ iss: 'https://op', jti: 'a' }), []), record(token(), [])];
    for (const rule of LIFECYCLE_RULES)
      expect(() => rule(model(), records, TEST_POLICY, undefined, index), rule.name).not.toThrow();
  });
});
