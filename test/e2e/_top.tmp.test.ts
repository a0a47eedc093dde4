import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { launchPlain } from '../harness/launch';

it('top', async () => {
  const l = await launchPlain();
  const page = await l.browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto('file:///tmp/htmlout/demo.html');
  writeFileSync('/tmp/htmlout/top.png', await page.screenshot({ clip: { x: 0, y: 0, width: 1200, height: 1400 }, captureBeyondViewport: true }));
  await l.close();
}, 60000);
