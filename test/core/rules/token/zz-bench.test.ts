import { it } from 'vitest';
import { parseToken } from '../../../../src/core/token/parse-token';
import { TOKEN_RULES } from '../../../../src/core/rules/token';
import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { walkJson } from '../../../../src/core/rules/pii/walk-json';
import { jws, NOW } from './helpers';

it('bench', () => {
  const texts = Array.from({ length: 5000 }, (_, i) => jws({ alg: i % 2 ? 'RS256' : 'ES256', typ: 'JWT', kid: `k${i}` }, {
    iss: 'https://login.example.com', sub: `user-${i}`, aud: ['api', 'web'], iat: NOW - i, exp: NOW + 3600 + i, jti: `j${i}`,
    email: `user${i}@example.com`, name: 'Jane Doe', scope: 'openid profile email read:orders write:orders',
    roles: ['user', 'admin'], org: { id: 'o-123', name: 'Acme Corp', plan: 'enterprise' }, sid: 'a8f5f167f44f4964e6c998dee827110c',
    description: 'x'.repeat(i % 800),
  }, new Uint8Array(i % 2 ? 256 : 64).fill(3)));
  const out: string[] = [];
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    const tokens = texts.map(parseToken);
    const parse = performance.now() - t;
    t = performance.now();
    for (const token of tokens) { if (token.claims) walkJson(token.claims); if (token.header) walkJson(token.header); }
    const walk = performance.now() - t;
    t = performance.now();
    let n = 0;
    for (const token of tokens) {
      const ctx = { record: { token, sightings: [], purpose: 'unknown' as const }, policy: DEFAULT_POLICY, now: NOW };
      for (const r of TOKEN_RULES) n += r(ctx).length;
    }
    const rules = performance.now() - t;
    out.push(`parse=${parse.toFixed(0)} walk=${walk.toFixed(0)} rules=${rules.toFixed(0)} hits=${n}`);
  }
  console.log(out.join('\n'));
});
