// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { RULE_CATALOG } from '../../../src/core/rules/catalog';
import type { Finding, Sighting } from '../../../src/core/types';
import { ClaimTable } from '../../../src/panel/components/ClaimTable';
import { FindingList } from '../../../src/panel/components/FindingList';
import { SightingTable } from '../../../src/panel/components/SightingTable';
import { TokenText } from '../../../src/panel/components/TokenText';
import { accessClaims, makeToken, NOW } from '../fixtures';
import { byTestId, HOSTILE, mount } from './render';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
  delete (window as unknown as Record<string, unknown>).__pwned;
});

function show(node: preact.ComponentChild): HTMLElement {
  const { root, unmount } = mount(node);
  cleanups.push(unmount);
  return root;
}

describe('TokenText', () => {
  const token = makeToken(accessClaims('alice'));

  it('colours each segment and masks by default (signature dropped)', () => {
    const root = show(<TokenText text={token} reveal={false} />);
    const segments = [...root.querySelectorAll('.seg')];
    expect(segments.map((s) => s.getAttribute('title'))).toEqual(['header', 'payload']);
    expect(root.textContent).not.toContain(token.split('.')[2]);
    expect(root.textContent).toMatch(/…$/);
  });

  it('shows the whole token when revealed', () => {
    const root = show(<TokenText text={token} reveal={true} />);
    expect(root.textContent).toBe(token);
    expect([...root.querySelectorAll('.seg')].map((s) => s.className)).toEqual([
      'seg seg-0',
      'seg seg-1',
      'seg seg-2',
    ]);
  });

  it('renders markup in a "token" as text', () => {
    const root = show(<TokenText text={`${HOSTILE}.x.y`} reveal={true} />);
    expect(root.querySelector('img, script, b')).toBeNull();
    expect(root.textContent).toContain('<img src=x');
  });
});

describe('ClaimTable', () => {
  it('explains standard claims and shows times as local and ISO', () => {
    const root = show(<ClaimTable object={{ ...accessClaims('alice'), custom: 1 }} part="claims" />);
    const exp = root.querySelector('[data-claim="exp"]');
    expect(exp?.textContent).toContain('Expiration time');
    expect(exp?.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date((NOW + 540) * 1000).toISOString(),
    );
    expect(root.querySelector('[data-claim="custom"]')?.textContent).toContain('1');
  });

  it('explains the standard OIDC claims of an ID token and a userinfo-style payload (OIDC Core §2, §5.1)', () => {
    const oidc = {
      given_name: 'Ada',
      family_name: 'Lovelace',
      middle_name: 'King',
      nickname: 'ada',
      preferred_username: 'ada.l',
      profile: 'https://example.test/ada',
      picture: 'https://example.test/ada.png',
      website: 'https://example.test',
      email_verified: true,
      gender: 'female',
      birthdate: '1815-12-10',
      zoneinfo: 'Europe/London',
      locale: 'en-GB',
      phone_number: '+44 20 7946 0000',
      phone_number_verified: false,
      address: { country: 'UK' },
      updated_at: NOW,
      auth_time: NOW,
      nonce: 'n-0S6_WzA2Mj',
      acr: 'urn:mace:incommon:iap:silver',
      amr: ['pwd'],
      azp: 'web',
      at_hash: 'x',
      c_hash: 'y',
      sid: 's',
      scope: 'openid',
      client_id: 'web',
      cnf: { jkt: 'z' },
    };
    const root = show(<ClaimTable object={oidc} part="claims" />);
    const meaning = (claim: string) =>
      root.querySelector(`[data-claim="${claim}"] td.muted`)?.textContent ?? '';
    for (const claim of Object.keys(oidc)) expect(meaning(claim), claim).not.toBe('');
    expect(meaning('phone_number')).toContain('OIDC Core §5.1');
    expect(meaning('email_verified')).toMatch(/verified/);
    expect(meaning('nonce')).toContain('OIDC Core §2');
    expect(root.querySelector('[data-claim="updated_at"] time')?.getAttribute('datetime')).toBe(
      new Date(NOW * 1000).toISOString(),
    );
  });

  it('flags a time claim that is not a NumericDate', () => {
    const root = show(<ClaimTable object={{ exp: 'tomorrow' }} part="claims" />);
    expect(root.textContent).toContain('not a NumericDate');
  });

  it('renders hostile claim names and values as text', () => {
    const root = show(
      <ClaimTable object={{ [HOSTILE]: HOSTILE, name: { nested: HOSTILE } }} part="claims" />,
    );
    expect(root.querySelector('img, script, b')).toBeNull();
    expect(root.textContent).toContain('</script><script>');
    expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
  });
});

describe('FindingList', () => {
  const finding: Finding = {
    ruleId: 'alg-none',
    severity: 'critical',
    title: 'Unsecured token',
    why: 'Anyone can mint it.',
    detail: HOSTILE,
    evidence: [{ label: 'alg', value: HOSTILE }],
    references: [{ standard: 'RFC 8725', id: '§3.1' }],
    fingerprint: 'abc',
    sightingIds: [],
  };

  it('lists findings with rule id, why and references', () => {
    const root = show(<FindingList findings={[finding]} />);
    const items = byTestId(root, 'finding');
    expect(items).toHaveLength(1);
    expect(items[0]?.dataset.ruleId).toBe('alg-none');
    expect(items[0]?.textContent).toContain('Anyone can mint it.');
    expect(items[0]?.textContent).toContain('RFC 8725');
    expect(root.querySelector('img, script, b')).toBeNull();
  });

  it('says so when there is nothing to report', () => {
    expect(show(<FindingList findings={[]} />).textContent).toContain('No findings');
  });

  it('shows every rule’s title and explanation as plain prose: no Markdown syntax, no CLI flags', () => {
    const all: Finding[] = RULE_CATALOG.map((info) => ({
      ...finding,
      ruleId: info.id,
      severity: info.severity,
      title: info.title,
      why: info.why,
      detail: 'seen',
      evidence: [],
    }));
    const root = show(<FindingList findings={all} />);
    const texts = byTestId(root, 'finding').map((el) => [el.dataset.ruleId, el.textContent ?? '']);
    expect(texts).toHaveLength(RULE_CATALOG.length);
    expect(texts.filter(([, text]) => /`|\*\*/.test(text ?? '')).map(([id]) => id)).toEqual([]);
    expect(texts.filter(([, text]) => /(^|[\s(])--[a-z]/.test(text ?? '')).map(([id]) => id)).toEqual([]);
  });
});

describe('SightingTable', () => {
  it('masks the token inside URLs through the given scrubber', () => {
    const sighting: Sighting = {
      id: '1:0',
      tokenText: 'T',
      where: 'query',
      name: 'access_token',
      url: 'https://a.test/?access_token=SECRET',
      method: 'GET',
      status: 200,
      scheme: 'https',
      startedAt: '',
      requestId: '1',
    };
    const root = show(<SightingTable sightings={[sighting]} scrub={(s) => s.replace('SECRET', '…')} />);
    expect(root.textContent).toContain('GET https://a.test/?access_token=…');
    expect(root.textContent).not.toContain('SECRET');
    expect(byTestId(root, 'sighting')[0]?.dataset.where).toBe('query');
  });

  it('keeps long URLs readable: host, path and the end of the query shown, the middle elided', () => {
    const url = `https://api.example.test/v1/accounts/42/transactions?${'filter=x&'.repeat(80)}page=7&access_token=…`;
    const sighting: Sighting = {
      id: '1:0',
      tokenText: 'T',
      where: 'query',
      name: 'access_token',
      url,
      method: 'GET',
      status: 200,
      scheme: 'https',
      startedAt: new Date(NOW * 1000).toISOString(),
      requestId: '1',
    };
    const root = show(<SightingTable sightings={[sighting]} scrub={(s) => s} />);
    const cell = byTestId(root, 'sighting-request')[0];
    const text = cell?.textContent ?? '';
    expect(text).toContain('GET https://api.example.test/v1/accounts/42/transactions?');
    expect(text).toMatch(/page=7&access_token=…$/);
    expect(text.length).toBeLessThan(220);
    expect(cell?.getAttribute('title')).toBe(url);
    // Lines break between path segments rather than inside them.
    expect(cell?.querySelectorAll('wbr').length).toBeGreaterThan(5);
    // The request time reads as local time of day; the ISO time stays machine-readable.
    const time = root.querySelector('time');
    expect(time?.textContent).toBe(new Date(NOW * 1000).toLocaleTimeString());
    expect(time?.getAttribute('datetime')).toBe(sighting.startedAt);
  });
});
