import { createCoreMethods } from './core-methods';
import { serveRpc } from './rpc-server';

// Entry of the Web Worker (built by Vite as its own chunk, no remote code): serve the core methods.
serveRpc(self as unknown as Parameters<typeof serveRpc>[0], createCoreMethods());
