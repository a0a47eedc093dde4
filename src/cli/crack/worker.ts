/**
 * The crack worker thread (built as dist/cli/crack-worker.js): owns one HMAC cracker for the capture's
 * targets and runs the tasks the main thread sends, one at a time. Protocol in worker-protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createHmacCracker } from '../../core/secrets/hmac-cracker';
import type { HmacTarget } from '../../core/secrets/hmac-types';
import { adoptHs256Kernel } from '../../core/secrets/hs256-wasm';
import { runTask } from './run-task';
import type { FromWorker, ToWorker } from './worker-protocol';

const port = parentPort;
if (port) {
  const data = workerData as { targets: HmacTarget[]; kernel?: WebAssembly.Module };
  if (data.kernel) adoptHs256Kernel(data.kernel);
  const cracker = createHmacCracker(data.targets);
  const send = (message: FromWorker): void => port.postMessage(message);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'cracked') {
      cracker.markCracked(message.target);
      return;
    }
    const { id, task } = message;
    runTask(task, cracker, (target, secret, origin) =>
      send({ type: 'found', id, target, secret, origin }),
    ).then(
      (result) => send({ type: 'done', id, result }),
      (error: unknown) =>
        send({
          type: 'failed',
          id,
          error: { code: (error as { code?: string }).code, message: String(error) },
        }),
    );
  });
}
