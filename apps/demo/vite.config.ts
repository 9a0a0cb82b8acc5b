import { defineConfig } from 'vite';

// Served under /demo/ next to the docs (tooling/scripts/serve.mjs); figures are separate chunks loaded on demand.
export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
});
