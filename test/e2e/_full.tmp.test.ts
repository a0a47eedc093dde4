import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { htmlReport } from '../../src/core/report/html';
import { DEMO_OPTIONS, demoCompliance, demoResult } from '../harness/audit-report-sample';
import { launchPlain } from '../harness/launch';
it('full', async () => {
  const result = demoResult();
  writeFileSync('/tmp/htmlout/demo.html', htmlReport(result, demoCompliance(result), DEMO_OPTIONS));
  const l = await launchPlain();
  const page = await l.browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto('file:///tmp/htmlout/demo.html');
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 1400, i = 0; y < h && i < 6; y += 1500, i++) {
    writeFileSync(`/tmp/htmlout/shot${i}.png`, await page.screenshot({ clip: { x: 0, y, width: 1200, height: Math.min(1500, h - y) }, captureBeyondViewport: true }));
  }
  await page.emulateMediaType('print');
  await page.setViewport({ width: 794, height: 1123 });
  for (let i = 0; i < 3; i++) writeFileSync(`/tmp/htmlout/print${i}.png`, await page.screenshot({ clip: { x: 0, y: i * 1123, width: 794, height: 1123 }, captureBeyondViewport: true }));
  writeFileSync('/tmp/htmlout/demo.pdf', await page.pdf({ format: 'A4' }));
  await l.close();
}, 60000);
