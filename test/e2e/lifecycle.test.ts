import { writeFileSync } from 'node:fs';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonFinding, JsonReport } from '../../src/core/report/report-types';
import { createReportValidator } from '../core/report/schema-validator';
import { openDemoPanel } from '../harness/demo-panel';
import { exportJson, waitForQuiet } from '../harness/panel-state';
import type { E2eSession } from '../harness/session';

describe('lifecycle rules on the demo in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;
  let report: JsonReport;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
    // The whole flow again with the panel open (live capture), lifecycle flows included.
    await session.page.evaluate(() => (window as unknown as { demoFlow(): Promise<string> }).demoFlow());
    await waitForQuiet(panel);
    report = (await exportJson(panel, session.downloads)).json as unknown as JsonReport;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('dumps', () => {
    expect(createReportValidator()(report)).toEqual([]);
    writeFileSync('/tmp/i13/demo-report.json', JSON.stringify(report, null, 2));
  });
});
