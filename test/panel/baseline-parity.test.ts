import { readFileSync } from 'node:fs';
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy';
import { createWorkerBridge } from '../../src/devtools/worker-bridge';
import { createBaselineModel } from '../../src/panel/models/baseline-model';
import type { ExportFile } from '../../src/panel/models/export-report';
import { createManualScheduler } from '../../src/panel/models/scheduler';
import { createTokensModel } from '../../src/panel/models/tokens-model';
import { createReplaySource } from '../../src/panel/replay-source';
import { PANEL_TOOL } from '../../src/panel/tool-info';
import { createCoreMethods } from '../../src/worker/core-methods';
import { DEMO, runCli } from '../cli/fake-io';
import { localBaselineEngine, memoryBaselineStore } from './baseline-deps';

/**
 * "Save as baseline" writes the CLI's file: the panel's Import HAR, the worker's signature and secret
 * checks (wired as src/devtools/panel-deps.ts wires them, all in-process) and the worker's learning give,
 * byte for byte, what `jwt-lens baseline demo.har` writes for the same HAR, on another clock.
 */
describe('Save as baseline: byte-identical to jwt-lens baseline', () => {
  it('for the demo HAR imported as demo.har', async () => {
    const har = readFileSync(DEMO, 'utf8');
    const methods = createCoreMethods();
    const bridge = createWorkerBridge(methods);
    const tokens = createTokensModel(createReplaySource([]), {
      scheduler: createManualScheduler().schedule,
      now: () => Date.UTC(2030, 0, 1),
    });
    await tokens.connect();
    const stop = bridge.attach(tokens);
    const downloads: ExportFile[] = [];
    const model = createBaselineModel({
      tokens,
      engine: localBaselineEngine(),
      store: memoryBaselineStore(),
      download: (file) => downloads.push(file),
      tool: PANEL_TOOL,
      policy: signal(DEFAULT_POLICY),
      settleChecks: bridge.settle,
    });
    expect(tokens.importHar(har, 'demo.har').ok).toBe(true);
    const outcome = await model.save();
    stop();
    expect(outcome).toMatchObject({ ok: true });
    const cli = await runCli(['baseline', 'demo.har'], { files: { 'demo.har': har } });
    expect(cli.code).toBe(0);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.filename).toBe('jwt-baseline.json');
    expect(downloads[0]?.text).toBe(cli.stdout);
    // The findings of the worker's checks are in it: the controls the CLI learned with them agree.
    expect(cli.stdout).toContain('"controls"');
    // Given a path, the CLI names the input by it; a browser hands the panel the file's base name only.
    // That line is the whole difference.
    const byPath = await runCli(['baseline', DEMO]);
    expect(byPath.stdout).not.toBe(cli.stdout);
    expect(byPath.stdout.replace(`"inputs": ["${DEMO}"]`, '"inputs": ["demo.har"]')).toBe(cli.stdout);
  });

  it('differs without the worker’s checks: settling them first is what makes the files equal', async () => {
    const har = readFileSync(DEMO, 'utf8');
    const tokens = createTokensModel(createReplaySource([]), {
      scheduler: createManualScheduler().schedule,
      now: () => Date.UTC(2030, 0, 1),
    });
    await tokens.connect();
    const downloads: ExportFile[] = [];
    const model = createBaselineModel({
      tokens,
      engine: localBaselineEngine(),
      store: memoryBaselineStore(),
      download: (file) => downloads.push(file),
      tool: PANEL_TOOL,
      policy: signal(DEFAULT_POLICY),
    });
    tokens.importHar(har, 'demo.har');
    await model.save();
    const cli = await runCli(['baseline', 'demo.har'], { files: { 'demo.har': har } });
    expect(downloads[0]?.text).not.toBe(cli.stdout);
  });
});
