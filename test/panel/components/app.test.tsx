// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { accessClaims, makeEntry, makeToken, NOW } from '../fixtures';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { buttonByName, byTestId, HOSTILE, oneByTestId } from './render';

let panel: MountedPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
  delete (window as unknown as Record<string, unknown>).__pwned;
});

async function open(options?: Parameters<typeof mountTestPanel>[0]): Promise<MountedPanel> {
  panel = await mountTestPanel(options);
  return panel;
}

const alice = makeToken(accessClaims('alice'));
const none = makeToken(accessClaims('mallory', { exp: NOW - 7200 }), { alg: 'none' });

async function click(el: HTMLElement): Promise<void> {
  act(() => el.click());
  await settle();
}

describe('panel: token list', () => {
  it('lists captured tokens with severity, where seen, issuer, subject and relative expiry', async () => {
    const p = await open();
    p.source.emit(makeEntry({ bearer: alice }), 'r1');
    p.source.emit(makeEntry({ bearer: none }), 'r2');
    await p.frame();
    const rows = byTestId(p.root, 'token-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('header Authorization');
    expect(rows[0]?.textContent).toContain('https://issuer.example.test');
    expect(rows[0]?.textContent).toContain('alice');
    expect(rows[0]?.textContent).toContain('expires in 9 min');
    expect(rows[1]?.textContent).toContain('expired 2 h ago');
    expect(rows[1]?.dataset.severity).toBe('critical');
    expect(oneByTestId(p.root, 'counter-tokens').textContent).toBe('2 tokens');
    expect(oneByTestId(p.root, 'counter-requests').textContent).toBe('2 requests');
    expect(oneByTestId(p.root, 'counter-dropped').textContent).toBe('0 dropped');
  });

  it('tells apart tokens that differ only in time and purpose: each row shows its purpose and issue time', async () => {
    const p = await open();
    const first = accessClaims('alice', { iat: NOW - 3600, exp: NOW + 540 });
    const second = accessClaims('alice', { iat: NOW - 60, exp: NOW + 540 });
    p.source.emit(
      makeEntry({
        method: 'POST',
        url: 'https://issuer.example.test/token',
        responseJson: { access_token: makeToken(first), id_token: makeToken(second), token_type: 'Bearer' },
      }),
      'r1',
    );
    await p.frame();
    const rows = byTestId(p.root, 'token-row');
    const purposes = rows.map((r) => r.querySelector('[data-testid="token-purpose"]')?.textContent);
    expect(purposes.sort()).toEqual(['ID', 'access']);
    const issued = rows.map((r) => r.querySelector('[data-testid="token-issued"]')?.textContent).sort();
    const local = (iat: number) => new Date(iat * 1000).toLocaleTimeString();
    expect(issued).toHaveLength(2);
    expect(issued.some((t) => t?.includes(local(NOW - 3600)))).toBe(true);
    expect(issued.some((t) => t?.includes(local(NOW - 60)))).toBe(true);
    const noIat = makeToken({ iss: 'https://issuer.example.test', sub: 'bob', exp: NOW + 60 });
    p.source.emit(makeEntry({ bearer: noIat }), 'r2');
    await p.frame();
    // No iat (as every opaque token): the row shows when the token was first seen instead.
    const noIatRow = byTestId(p.root, 'token-row').find(
      (r) => !issued.includes(r.querySelector('[data-testid="token-issued"]')?.textContent ?? undefined),
    );
    expect(noIatRow?.querySelector('[data-testid="token-issued"]')?.textContent).toMatch(/^seen \d/);
    expect(noIatRow?.querySelector('[data-testid="token-issued"]')?.getAttribute('title')).toMatch(
      /^no iat; first seen /,
    );
  });

  it('masks a subject that is personal data in the list, as the exports do (search still finds it)', async () => {
    const p = await open();
    p.source.emit(makeEntry({ bearer: makeToken(accessClaims('alice@example.test')) }), 'r1');
    await p.frame();
    const row = byTestId(p.root, 'token-row')[0];
    expect(row?.textContent).toContain('al…@ex…');
    expect(row?.textContent).not.toContain('alice@example.test');
    const search = oneByTestId(p.root, 'search') as HTMLInputElement;
    act(() => {
      search.value = 'alice@example';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(byTestId(p.root, 'token-row')).toHaveLength(1);
  });

  it('shows the detail of the clicked token with its findings', async () => {
    const p = await open();
    p.source.emit(makeEntry({ bearer: none }), 'r1');
    await p.frame();
    await click(byTestId(p.root, 'token-row')[0] as HTMLElement);
    const findings = byTestId(p.root, 'finding');
    expect(findings.map((f) => f.dataset.ruleId)).toContain('alg-none');
    expect(oneByTestId(p.root, 'claims-json').textContent).toContain('"sub": "mallory"');
    expect(oneByTestId(p.root, 'sightings').textContent).toContain('https://api.example.test/v1/me');
  });

  it('renders a hostile payload as text and runs nothing', async () => {
    const p = await open();
    const evil = makeToken({ sub: HOSTILE, iss: HOSTILE, [HOSTILE]: HOSTILE }, { kid: HOSTILE });
    p.source.emit(makeEntry({ bearer: evil }), 'r1');
    await p.frame();
    await click(byTestId(p.root, 'token-row')[0] as HTMLElement);
    expect(p.root.querySelector('img, script, b')).toBeNull();
    await click(oneByTestId(p.root, 'reveal-token'));
    expect(p.root.querySelector('img, script, b')).toBeNull();
    expect(byTestId(p.root, 'token-row')[0]?.textContent).toContain('<img src=x onerror=');
    expect(oneByTestId(p.root, 'claims-json').textContent).toContain('</script><script>');
    expect(oneByTestId(p.root, 'header-table').textContent).toContain('<b>bold</b>');
    expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it('keeps 10,000 tokens virtualised: only the visible rows exist', async () => {
    const p = await open();
    const entries = Array.from({ length: 10_000 }, (_, i) =>
      makeEntry({ bearer: makeToken({ sub: `u${i}`, exp: NOW + 60 }) }),
    );
    act(() => {
      p.handle.tokens.importHar(JSON.stringify({ log: { entries } }));
    });
    await settle();
    expect(oneByTestId(p.root, 'counter-tokens').textContent).toBe('10000 tokens');
    const rendered = byTestId(p.root, 'token-row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    expect(oneByTestId(p.root, 'token-list').style.height).toBe(`${10_000 * 28}px`);
  }, 60_000);

  it('filters by search text', async () => {
    const p = await open();
    p.source.emit(makeEntry({ bearer: alice }), 'r1');
    p.source.emit(makeEntry({ bearer: none }), 'r2');
    await p.frame();
    const search = oneByTestId(p.root, 'search') as HTMLInputElement;
    act(() => {
      search.value = 'mallory';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(byTestId(p.root, 'token-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('mallory'),
    ]);
    expect(oneByTestId(p.root, 'counter-visible').textContent).toBe('1 of 2 tokens');
  });
});

describe('panel: keyboard', () => {
  it('moves the selection and focus with the arrow keys, with one tab stop', async () => {
    const p = await open();
    for (let i = 0; i < 5; i++)
      p.source.emit(makeEntry({ bearer: makeToken(accessClaims(`u${i}`)) }), `r${i}`);
    await p.frame();
    const rows = () => byTestId(p.root, 'token-row');
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
    const key = async (k: string) => {
      act(() => {
        (document.activeElement as HTMLElement).dispatchEvent(
          new KeyboardEvent('keydown', { key: k, bubbles: true }),
        );
      });
      await settle();
    };
    act(() => rows()[0]?.focus());
    await key('ArrowDown');
    expect(rows().find((r) => r.getAttribute('aria-selected') === 'true')?.textContent).toContain('u0');
    await key('ArrowDown');
    const selected = rows().find((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected?.textContent).toContain('u1');
    expect(document.activeElement).toBe(selected);
    await key('End');
    expect((document.activeElement as HTMLElement).textContent).toContain('u4');
    expect(
      rows()
        .filter((r) => r.tabIndex === 0)
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining('u4')]);
    expect(oneByTestId(p.root, 'detail-fingerprint').textContent).toBe(rows()[4]?.dataset.fingerprint);
  });
});

describe('panel: toolbar', () => {
  it('pauses and resumes capture, counting what was dropped', async () => {
    const p = await open();
    const pause = oneByTestId(p.root, 'pause');
    expect(pause.textContent).toBe('Pause');
    await click(pause);
    expect(pause.textContent).toBe('Resume');
    expect(pause.getAttribute('aria-pressed')).toBe('true');
    p.source.emit(makeEntry({ bearer: alice }), 'r1');
    await p.frame();
    expect(byTestId(p.root, 'token-row')).toHaveLength(0);
    expect(oneByTestId(p.root, 'counter-dropped').textContent).toBe('1 dropped');
    await click(pause);
    p.source.emit(makeEntry({ bearer: alice }), 'r2');
    await p.frame();
    expect(byTestId(p.root, 'token-row')).toHaveLength(1);
  });

  it('clears, and preserves across navigation only when asked (and remembers it)', async () => {
    const p = await open();
    p.source.emit(makeEntry({ bearer: alice }), 'r1');
    await p.frame();
    await click(oneByTestId(p.root, 'preserve-log'));
    expect(p.store.value).toMatchObject({ preserveLog: true });
    act(() => p.source.navigate('https://app.example.test/next'));
    await settle();
    expect(byTestId(p.root, 'token-row')).toHaveLength(1);
    await click(oneByTestId(p.root, 'preserve-log'));
    act(() => p.source.navigate('https://app.example.test/again'));
    await settle();
    expect(byTestId(p.root, 'token-row')).toHaveLength(0);
    p.source.emit(makeEntry({ bearer: alice }), 'r2');
    await p.frame();
    await click(buttonByName(p.root, 'Clear'));
    expect(byTestId(p.root, 'token-row')).toHaveLength(0);
    expect(oneByTestId(p.root, 'counter-tokens').textContent).toBe('0 tokens');
  });

  it('audits a pasted token', async () => {
    const p = await open();
    await click(buttonByName(p.root, 'Paste token'));
    const input = oneByTestId(p.root, 'paste-input') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(input);
    act(() => {
      input.value = `Bearer ${none}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(buttonByName(p.root, 'Audit token'));
    expect(byTestId(p.root, 'paste-dialog')).toHaveLength(0);
    expect(byTestId(p.root, 'finding').map((f) => f.dataset.ruleId)).toContain('alg-none');
  });

  it('scans web storage and reports token-in-web-storage', async () => {
    const storage = [
      { area: 'localStorage' as const, key: 'jwt', value: alice, origin: 'https://app.example.test' },
    ];
    const p = await open({ storage });
    await click(buttonByName(p.root, 'Scan storage'));
    await settle();
    expect(oneByTestId(p.root, 'status-message').textContent).toBe('Scanned 1 storage item: 1 token');
    await click(byTestId(p.root, 'token-row')[0] as HTMLElement);
    expect(byTestId(p.root, 'finding').map((f) => f.dataset.ruleId)).toContain('token-in-web-storage');
  });

  it('imports a HAR file and hands a wordlist over', async () => {
    const p = await open();
    const har = JSON.stringify({ log: { entries: [makeEntry({ bearer: alice })] } });
    await chooseFile(oneByTestId(p.root, 'import-har-input') as HTMLInputElement, new File([har], 'x.har'));
    expect(byTestId(p.root, 'token-row')).toHaveLength(1);
    await chooseFile(
      oneByTestId(p.root, 'load-wordlist-input') as HTMLInputElement,
      new File(['secret\n'], 'w.txt'),
    );
    expect(p.wordlists).toEqual([{ text: 'secret\n', name: 'w.txt' }]);
    expect(oneByTestId(p.root, 'status-message').textContent).toBe('Loaded w.txt');
  });

  it('validates the policy in the settings dialog', async () => {
    const p = await open();
    await click(buttonByName(p.root, 'Settings'));
    const input = oneByTestId(p.root, 'policy-input') as HTMLTextAreaElement;
    act(() => {
      input.value = '{ "lifetime": { "low": "1h" } }';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(buttonByName(p.root, 'Apply policy'));
    expect(oneByTestId(p.root, 'policy-errors').textContent).toContain('policy.lifetime.low');
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await settle();
    expect(byTestId(p.root, 'settings-dialog')).toHaveLength(0);
  });
});

describe('panel: accessibility and theme', () => {
  it('gives every control an accessible name', async () => {
    const p = await open();
    p.source.emit(makeEntry({ bearer: alice }), 'r1');
    await p.frame();
    await click(byTestId(p.root, 'token-row')[0] as HTMLElement);
    const controls = [
      ...p.root.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="option"]'),
    ];
    expect(controls.length).toBeGreaterThan(10);
    for (const el of controls) {
      const name = el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? el.textContent ?? '';
      expect(name.trim(), el.outerHTML.slice(0, 80)).not.toBe('');
    }
  });

  it('follows the DevTools theme when told, the system otherwise', async () => {
    const dark = await open({ themeName: 'dark' });
    expect(oneByTestId(dark.root, 'panel').className).toContain('theme-dark');
    dark.unmount();
    const auto = await open();
    expect(oneByTestId(auto.root, 'panel').className).toContain('theme-auto');
  });
});

async function chooseFile(input: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  for (let i = 0; i < 5; i++) await settle();
}
