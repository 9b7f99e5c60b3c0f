// Playwright config for the Electron shell only (test/e2e has its own config for the browser build).
// Run: npm run build && npx playwright test -c test/electron/playwright.config.ts
// On a headless Linux box wrap it in `xvfb-run -a`. Without the Electron binary (offline machines,
// see shared/TOOLCHAIN.md) every spec is skipped with the reason.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./skip-reason-reporter.ts']],
  outputDir: '../../test-results/electron',
});
