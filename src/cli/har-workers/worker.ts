/**
 * The HAR capture worker thread (built as dist/cli/capture-worker.js): parses and captures the batches
 * of entries the main thread's streaming reader sends, one at a time, in the order sent. Protocol in
 * protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { createBatchCapturer } from './capture-batch';
import type { FromCaptureWorker, ToCaptureWorker } from './protocol';

const port = parentPort;
if (port) {
  const capturer = createBatchCapturer();
  port.on('message', (message: ToCaptureWorker) => {
    if (message.type === 'pages') {
      capturer.setPages(message.pages);
      return;
    }
    let reply: FromCaptureWorker;
    try {
      reply = { id: message.id, entries: capturer.capture(new Uint8Array(message.buffer), message.items) };
    } catch (error) {
      reply = { id: message.id, error: String(error) };
    }
    port.postMessage(reply);
  });
}
