import type { CoreMethods } from './core-methods';
import { createRpcClient, type RpcClient } from './rpc-client';

/** The panel's handle on the core worker. */
export interface CoreWorker {
  rpc: RpcClient<CoreMethods>;
  terminate(): void;
}

/**
 * Starts the core worker. `new Worker(new URL(…, import.meta.url), { type: 'module' })` is the form Vite
 * recognises and bundles into the extension, so the worker script is a packaged file allowed by
 * `script-src 'self'` (worker-src falls back to it) — never a blob or remote URL.
 */
export function createCoreWorker(): CoreWorker {
  const worker = new Worker(new URL('./core-worker.ts', import.meta.url), {
    type: 'module',
    name: 'jwt-lens-core',
  });
  const rpc = createRpcClient<CoreMethods>(worker);
  return {
    rpc,
    terminate() {
      rpc.dispose();
      worker.terminate();
    },
  };
}
