import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { OPTIONS } from '../../src/cli/main';
import { runScan, type ScanStep } from '../../src/cli/scan';
import type { JsonReport } from '../../src/core/report/report-types';
import type { CaptureHit } from '../../src/core/types';
import { createFakeIo, DEMO } from './fake-io';

const args = () => parseArgs('scan', [DEMO, '--format', 'json'], OPTIONS);
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A step that reports `sig-invalid` on token `index` after `ms`, and says so in the problems. */
function slowStep(label: string, ms: number, order: string[], index = 0): ScanStep {
  return {
    async start({ records, problems }) {
      const fingerprint = records[index]?.token.fingerprint ?? '';
      const hits = later(ms).then((): CaptureHit[] => {
        order.push(label);
        problems.push(`problem from ${label}`);
        return [{ ruleId: 'sig-invalid', fingerprint, detail: `from ${label}` }];
      });
      return { hits };
    },
  };
}

describe('scan steps', () => {
  it('run side by side; their findings all land, their problems in step order', async () => {
    const order: string[] = [];
    const { io, result } = createFakeIo();
    await runScan(args(), io, [slowStep('first', 60, order, 0), slowStep('second', 1, order, 1)]);
    expect(order).toEqual(['second', 'first']);
    const report = JSON.parse(result().stdout) as JsonReport;
    const details = report.findings.filter((f) => f.ruleId === 'sig-invalid').map((f) => f.detail);
    expect(details.sort()).toEqual(['from first', 'from second']);
    expect(report.problems.slice(-2)).toEqual(['problem from first', 'problem from second']);
  });

  it('fail the scan with the first failing step’s error, even while another one is still working', async () => {
    const failing: ScanStep = { start: async () => ({ hits: Promise.reject(new Error('step broke')) }) };
    const { io } = createFakeIo();
    await expect(runScan(args(), io, [failing, slowStep('slow', 30, [])])).rejects.toThrow('step broke');
  });

  it('let a step prepare before the input is read and start only once that has settled', async () => {
    const events: string[] = [];
    const step: ScanStep = {
      prepare: () => later(20).then(() => events.push('prepared')),
      start: async () => {
        events.push('started');
        return { hits: Promise.resolve([]) };
      },
    };
    const { io } = createFakeIo();
    await runScan(args(), io, [step]);
    expect(events).toEqual(['prepared', 'started']);
  });
});
