// Node-level tests of the Electron shell against test/electron/fake-electron.ts (no Electron binary
// needed). Separate from the root config, whose include covers test/unit and test/integration only.
// Run: npx vitest run -c test/electron/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
