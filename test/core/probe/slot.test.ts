import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProbeRequest, planProbes, type TokenSlot } from '../../../src/core/probe';
import { hsToken, material } from './helpers';

const token = await hsToken();
const TAMPERED = 'alg-none:nOnE';

async function baselineNegativeAndTampered(request: ProbeRequest, slot: TokenSlot) {
  const result = await planProbes(request, slot, token, material());
  if ('error' in result) throw new Error(result.error);
  const byId = (id: string) => result.cases.find((c) => c.id === id)?.request;
  return { baseline: byId('baseline'), negative: byId('negative-control'), tampered: byId(TAMPERED) };
}

describe('the token slot: where the probe changes the request, and only there', () => {
  it('a cookie: the tampered token replaces the cookie value; the negative control drops that cookie only', async () => {
    const request: ProbeRequest = {
      method: 'GET',
      url: 'https://app.example.test/api/me',
      headers: [{ name: 'Cookie', value: `theme=dark; session=${token}; lang=en` }],
    };
    const { baseline, negative, tampered } = await baselineNegativeAndTampered(request, {
      where: 'request-cookie',
      name: 'session',
    });
    expect(baseline).toEqual(request);
    expect(negative?.headers).toEqual([{ name: 'Cookie', value: 'theme=dark; lang=en' }]);
    expect(tampered?.headers[0]?.value).toMatch(/^theme=dark; session=eyJ[\w-]+\.[\w-]+\.; lang=en$/);
  });

  it('a query parameter: replaced in place, dropped for the negative control, the fragment kept', async () => {
    const request: ProbeRequest = {
      method: 'GET',
      url: `https://api.example.test/x?a=1&access_token=${token}&b=2#top`,
      headers: [],
    };
    const { negative, tampered } = await baselineNegativeAndTampered(request, {
      where: 'query',
      name: 'access_token',
    });
    expect(negative?.url).toBe('https://api.example.test/x?a=1&b=2#top');
    expect(tampered?.url).toMatch(
      /^https:\/\/api\.example\.test\/x\?a=1&access_token=eyJ[\w-]+\.[\w-]+\.&b=2#top$/,
    );
    const alone = await baselineNegativeAndTampered(
      { ...request, url: `https://api.example.test/x?access_token=${token}` },
      { where: 'query', name: 'access_token' },
    );
    expect(alone.negative?.url).toBe('https://api.example.test/x');
  });

  it('a JSON body member is emptied for the negative control; a form field is dropped', async () => {
    const json: ProbeRequest = {
      method: 'POST',
      url: 'https://api.example.test/graphql',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: { mimeType: 'application/json', text: JSON.stringify({ query: '{ me { id } }', token }) },
    };
    const j = await baselineNegativeAndTampered(json, { where: 'request-body', name: '$.token' });
    expect(JSON.parse(j.negative?.body?.text ?? '')).toEqual({ query: '{ me { id } }', token: '' });
    expect(JSON.parse(j.tampered?.body?.text ?? '').token).toMatch(/^eyJ[\w-]+\.[\w-]+\.$/);
    const form: ProbeRequest = {
      method: 'POST',
      url: 'https://api.example.test/introspect',
      headers: [],
      body: { mimeType: 'application/x-www-form-urlencoded', text: `token=${token}&hint=access_token` },
    };
    const f = await baselineNegativeAndTampered(form, { where: 'request-body', name: 'token' });
    expect(f.negative?.body?.text).toBe('hint=access_token');
  });

  it('a header other than Authorization: replaced in its value, dropped for the negative control', async () => {
    const request: ProbeRequest = {
      method: 'GET',
      url: 'https://api.example.test/',
      headers: [
        { name: 'X-Api-Token', value: token },
        { name: 'Accept', value: '*/*' },
      ],
    };
    const { negative, tampered } = await baselineNegativeAndTampered(request, {
      where: 'request-header',
      name: 'x-api-token',
    });
    expect(negative?.headers).toEqual([{ name: 'Accept', value: '*/*' }]);
    expect(tampered?.headers[0]?.name).toBe('X-Api-Token');
    expect(tampered?.headers[1]).toEqual({ name: 'Accept', value: '*/*' });
  });
});

describe('planProbes never throws (property)', () => {
  const header = fc.record({
    name: fc.oneof(fc.constantFrom('Authorization', 'Cookie', 'X-Token'), fc.string()),
    value: fc.string(),
  });
  const request: fc.Arbitrary<ProbeRequest> = fc.record(
    {
      method: fc.constantFrom('GET', 'POST', ''),
      url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()),
      headers: fc.array(header, { maxLength: 4 }),
      body: fc.record({
        mimeType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', ''),
        text: fc.string(),
      }),
    },
    { requiredKeys: ['method', 'url', 'headers'] },
  );
  const slot: fc.Arbitrary<TokenSlot> = fc.record({
    where: fc.constantFrom('request-header', 'request-cookie', 'query', 'request-body'),
    name: fc.oneof(fc.constantFrom('Authorization', 'session', 'access_token', '$.token'), fc.string()),
  });
  const tokenText = fc.oneof(
    fc.string(),
    fc.constant(token),
    fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((parts) => `eyJ${parts.join('.')}`),
    fc
      .json()
      .map((j) => `${Buffer.from(j).toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`),
  );

  it('gives cases or an error for arbitrary requests, slots and tokens', async () => {
    await fc.assert(
      fc.asyncProperty(
        request,
        slot,
        tokenText,
        fc.option(fc.uint8Array({ maxLength: 8 }), { nil: undefined }),
        async (req, s, t, secret) => {
          // The token is put into the request half of the time, so both outcomes are exercised.
          const withToken = { ...req, headers: [...req.headers, { name: s.name, value: `Bearer ${t}` }] };
          const result = await planProbes(
            withToken,
            s,
            t,
            material(secret ? { recoveredSecret: secret } : {}),
          );
          if ('error' in result) expect(typeof result.error).toBe('string');
          else expect(result.cases.length).toBeLessThanOrEqual(30);
        },
      ),
      { numRuns: 150 },
    );
  });
});
