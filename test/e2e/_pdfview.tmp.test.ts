import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { launchPlain } from '../harness/launch';

it('pdfview', async () => {
  const l = await launchPlain();
  const page = await l.browser.newPage();
  await page.setViewport({ width: 1000, height: 1300 });
  await page.goto(`file:///tmp/htmlout/demo.pdf#page=${process.env.PDFPAGE ?? 1}`);
  await new Promise((r) => setTimeout(r, 3000));
  writeFileSync(`/tmp/htmlout/pdfview${process.env.PDFPAGE ?? 1}.png`, await page.screenshot());
  await l.close();
}, 60000);
