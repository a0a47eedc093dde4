import { describe, expect, it } from 'vitest';
import { addNestedHit, nestedLabel } from '../../../src/core/rules/nested-hits';
import type { RuleHit } from '../../../src/core/types';

describe('addNestedHit', () => {
  it('adds an inner hit with its detail and evidence labelled', () => {
    const out: RuleHit[] = [];
    addNestedHit(
      out,
      { ruleId: 'pii-oidc-claims', detail: 'email.', evidence: [{ label: 'email', value: 'a…' }] },
      nestedLabel(1),
    );
    expect(out).toEqual([
      {
        ruleId: 'pii-oidc-claims',
        detail: 'Nested token: email.',
        evidence: [{ label: 'nested token: email', value: 'a…' }],
      },
    ]);
  });

  it('joins a hit of the same rule, keeps the more severe tier and leaves the shared hit alone', () => {
    const outer: RuleHit = Object.freeze({
      ruleId: 'lifetime-excessive',
      severity: 'low',
      detail: 'outer 2 d.',
    });
    const out: RuleHit[] = [outer];
    addNestedHit(
      out,
      { ruleId: 'lifetime-excessive', severity: 'high', detail: 'inner 400 d.' },
      nestedLabel(2),
    );
    expect(out).toEqual([
      {
        ruleId: 'lifetime-excessive',
        severity: 'high',
        detail: 'outer 2 d. Nested token (level 2): inner 400 d.',
        evidence: [],
      },
    ]);
    expect(outer.detail).toBe('outer 2 d.');
    // A less severe inner hit does not lower the outer one's tier; the catalog default counts when unset.
    addNestedHit(out, { ruleId: 'lifetime-excessive', severity: 'low', detail: 'x' }, nestedLabel(1));
    expect(out[0]?.severity).toBe('high');
    const none: RuleHit[] = [{ ruleId: 'alg-none', detail: 'outer' }];
    addNestedHit(none, { ruleId: 'alg-none', severity: 'low', detail: 'inner' }, nestedLabel(1));
    expect(none[0]?.severity).toBe('critical');
  });

  it('joins the sightings two hits name, and names none (every sighting) when either named none', () => {
    const out: RuleHit[] = [{ ruleId: 'exp-expired', detail: 'outer', sightingIds: ['a', 'b'] }];
    addNestedHit(out, { ruleId: 'exp-expired', detail: 'inner', sightingIds: ['b', 'c'] }, nestedLabel(1));
    expect(out[0]?.sightingIds).toEqual(['a', 'b', 'c']);
    addNestedHit(out, { ruleId: 'exp-expired', detail: 'inner' }, nestedLabel(2));
    expect(out[0]?.sightingIds).toBeUndefined();
  });
});
