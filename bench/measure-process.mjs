// One child Node process measured the way every whole-process bench measures it: wall time here, and the
// CPU time and peak RSS the child reports itself through `rss-probe.cjs` (on fd 3, at exit).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PROBE = join(import.meta.dirname, 'rss-probe.cjs');

/**
 * Runs node `args` (exit 0 or 1 is a run; anything else throws with its stderr): wall ms, CPU ms, peak RSS
 * in KiB and MiB, and what it wrote on stderr.
 * @param {string[]} args
 * @param {Record<string, string>} [env] added to this process's environment
 */
export function measureProcess(args, env = {}) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', PROBE, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 20,
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const usage = JSON.parse(run.output[3].toString());
  return {
    ms,
    cpuMs: (usage.user + usage.system) / 1000,
    rssKb: usage.rss,
    rssMb: usage.rss / 1024,
    stderr: run.stderr.toString(),
  };
}
