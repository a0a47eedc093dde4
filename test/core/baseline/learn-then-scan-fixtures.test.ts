import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftHits, learnBaseline, serializeBaseline } from '../../../src/core/baseline';
import { captureHar } from '../../../src/core/capture';
import { auditHar, readHar, TOOL } from './learn-helpers';

/**
 * Issue 16's Done-when: learning a capture and then scanning that same capture against what was learned
 * yields no drift, and learning it twice gives the same bytes, on every HAR the repository holds.
 */
const HARS = ['test/fixtures', 'test/corpus/flows']
  .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
  .filter((path) => path.endsWith('.har'))
  .filter((path) => {
    try {
      return !('error' in captureHar(readHar(path)));
    } catch {
      return false; // not JSON: nothing to learn
    }
  })
  .sort();

describe('learn, then scan the same capture', () => {
  it('covers the fixtures and the corpus flows', () => {
    expect(HARS).toContain('test/fixtures/demo.har');
    expect(HARS.filter((p) => p.startsWith('test/corpus/flows/')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(HARS)('%s: no drift, and the same baseline twice', (path) => {
    const har = readHar(path);
    const result = auditHar(har);
    const meta = { inputs: [path], tool: TOOL };
    const baseline = learnBaseline(result, meta);
    expect(driftHits(auditHar(har), baseline, result.policy)).toEqual([]);
    expect(serializeBaseline(learnBaseline(auditHar(har), meta))).toBe(serializeBaseline(baseline));
  });
});
