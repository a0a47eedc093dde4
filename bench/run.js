// `npm run bench`: every benchmark, each printing its figure beside a baseline measured in the same run.
// Not part of `npm test`. Pass names to run a subset: `npm run bench -- audit scan`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const suites = {
  audit: async () => (await import('./audit.mjs')).runAuditBench(),
  scan: async () => (await import('./scan.mjs')).runScanBench(),
  tokens: async () => (await import('./tokens.mjs')).runTokensBench(),
  large: async () => (await import('./large.mjs')).runLargeBench(),
  hmac: async () => (await import('./hmac.mjs')).runHmacBench?.(),
  'hmac-browser': async () => (await import('./hmac-browser.mjs')).runHmacBrowserBench?.(),
  panel: async () => (await import('./panel.mjs')).runPanelBench?.(),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const file = join(here, `${name}.mjs`);
  if (!existsSync(file)) {
    console.log(`${name}: (no benchmark yet)`);
    continue;
  }
  console.log(`\n== ${name} ==`);
  await run();
}
