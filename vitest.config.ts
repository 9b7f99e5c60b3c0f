import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files start servers, simulators and child processes of their own: at most two at a time, even
// in a container whose CPU quota is far below the host's CPU count (what vitest would go by).
const workers = Math.max(1, Math.min(2, availableParallelism() - 1));

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/electron/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: workers,
    // generous: a shared CI machine may stall; a test that hangs still ends, with its own message
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
