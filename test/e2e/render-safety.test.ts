import type { ConsoleMessage, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickByName, waitForText } from '../harness/panel-query';
import { openTokenRow, waitForTokens } from '../harness/panel-state';
import { type E2eSession, startE2eSession } from '../harness/session';

// The demo issues a token whose header and claims are HTML and script (scripts/demo-app/tokens.mjs,
// HTML_PAYLOAD). Each payload would set document.body.dataset.pwned if it ever ran. The panel must show
// them as text: no element, attribute, style or request may come out of token contents.
const PAYLOADS = [
  '<img src=x onerror="document.body.dataset.pwned=1">',
  '</script><script>document.body.dataset.pwned=2</script>',
  '<style>*{display:none}</style><b>bold?</b>',
];

describe('hostile token contents are rendered as text only', () => {
  let session: E2eSession;
  let panel: Frame;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    session = await startE2eSession();
    session.devtools.on('console', (message: ConsoleMessage) => {
      if (message.location().url?.startsWith('chrome-extension://')) consoleLines.push(message.text());
    });
    await session.gotoDemo('/');
    panel = await session.showPanel();
    await waitForTokens(panel, 7);
    await openTokenRow(panel, ':has(.cell-sub[title^="<img"])');
    // Values a rule flagged are masked as in the exports until the token is revealed: reveal it all.
    await clickByName(panel, 'Show full token');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows every payload literally in the detail view', async () => {
    for (const payload of PAYLOADS) await waitForText(panel, payload);
    await waitForText(panel, '<script>document.body.dataset.pwned=3</script>');
  });

  it('ran none of them: no marker, no injected elements, handlers or styles', async () => {
    const dom = await panel.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        pwned: document.body.dataset.pwned ?? null,
        inlineHandlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
        images: document.querySelectorAll('img').length,
        inlineScripts: [...document.scripts].filter((s) => !s.src).length,
        foreignScripts: [...document.scripts].filter((s) => s.src && !s.src.startsWith(location.origin))
          .length,
        injectedStyles: [...document.querySelectorAll('style')].filter((s) =>
          s.textContent?.includes('display:none'),
        ).length,
        boldTags: document.querySelectorAll('b').length,
      };
    });
    expect(dom).toEqual({
      pwned: null,
      inlineHandlers: 0,
      images: 0,
      inlineScripts: 0,
      foreignScripts: 0,
      injectedStyles: 0,
      boldTags: 0,
    });
  });

  it('triggered no request and no CSP violation from the payloads', () => {
    const fromPayload = session.egress.all().filter((r) => /\/x$|pwned/.test(r.url));
    expect(fromPayload).toEqual([]);
    expect(consoleLines.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
  });
});
