import { defineConfig } from 'vite';

/**
 * Node build of the CLI (and of the engine, for benchmarks). The extension has its own config in
 * vite.config.ts; this one bundles src/cli for `bin/jwt-lens.js` with every dependency inlined, so the
 * published package needs nothing at run time but Node.
 */
export default defineConfig({
  // public/ holds the extension's icons; the CLI package has no use for them.
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/cli',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        main: 'src/cli/main.ts',
        core: 'src/core/index.ts',
        // Worker thread of the HMAC secret search; crack-tokens.ts finds it next to the built CLI.
        'crack-worker': 'src/cli/crack/worker.ts',
        // Worker thread of the parallel HAR capture; read-input.ts finds it next to the built CLI.
        'capture-worker': 'src/cli/har-workers/worker.ts',
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
