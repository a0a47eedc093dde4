import { prepareHs256Kernel } from '../core/secrets/hs256-wasm';

/** What the worker can do for the panel. Every method takes and returns structured-cloneable data. */
export interface CoreMethods {
  [method: string]: (params: never) => unknown;
  /** Liveness check; echoes its argument. */
  ping(params: string): string;
  /** What this worker can use: the WebAssembly SIMD HMAC kernel needs `'wasm-unsafe-eval'` in the CSP. */
  capabilities(params: null): Promise<{ wasm: boolean }>;
}

/**
 * The worker's method table. Slow core work (dictionary checks of HMAC secrets, signature checks) runs
 * here, off the panel's UI thread; the panel reaches it through `createCoreWorker()`.
 */
export function createCoreMethods(): CoreMethods {
  return {
    ping: (params: string) => String(params),
    capabilities: async () => ({ wasm: await prepareHs256Kernel() }),
  };
}
