import { describe, expect, it } from 'vitest';
import { verifyTokens } from '../../../src/core/keys';
import { collectHmacTargets } from '../../../src/core/secrets/hmac-targets';
import { parseToken } from '../../../src/core/token/parse-token';
import { recordOf } from '../keys/helpers';

/** jwt.io's ES256 example, signed with its published default P-256 key. */
const ES256 =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.tyh-VfuzIxCyGYDlkBA7DfyjrqmSHu6pQ2hoZuFqUSLPNY2N0mpHb3nk5K17HWP_3cYHBw7AhHale5wky6-sVA';
const HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** The same tokens with the signature damaged: cut in a log, a stray `+`. */
const broken = (text: string) => [`${text.slice(0, -10)}\u2026`, `${text.slice(0, -1)}+`];

describe('signature checks on a token broken only in its signature', () => {
  it('verification and published-key checks do not run on it', async () => {
    const intact = await verifyTokens([recordOf(ES256)], []);
    expect(intact.hits.map((h) => h.ruleId)).toContain('key-publicly-known');
    for (const text of broken(ES256)) {
      expect(parseToken(text).claims).toBeDefined();
      const result = await verifyTokens([recordOf(text)], []);
      expect(result.hits).toEqual([]);
      expect(result.verified).toEqual([]);
    }
  });

  it('is not an HMAC cracking target', () => {
    expect(collectHmacTargets([parseToken(HS256)]).targets).toHaveLength(1);
    for (const text of broken(HS256)) {
      expect(parseToken(text).claims).toBeDefined();
      expect(collectHmacTargets([parseToken(text)]).targets).toEqual([]);
    }
  });
});
