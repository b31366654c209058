// A user's vitest setup: globals for describe / it / beforeAll, the built package kept external (loaded by
// Node as it would be from node_modules), no flags.
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const dist = join(import.meta.dirname, '..', '..', '..', 'dist');

export default defineConfig({
  resolve: {
    alias: [
      { find: /^essencia$/, replacement: join(dist, 'index.js') },
      { find: /^essencia\/testing$/, replacement: join(dist, 'testing', 'index.js') },
    ],
  },
  test: {
    root: import.meta.dirname,
    include: ['*.test.ts'],
    globals: true,
    server: { deps: { external: [/[\\/]dist[\\/]/] } },
  },
});
