// What an integration test against a live core needs around it: a temporary folder per test, and
// the simulator and core the test starts there, closed after it (in that order) whatever happened.
import { afterEach, beforeEach } from 'vitest';
import type { KassaCore } from '../../main/app-core.js';
import type { SimulatorServer } from '../../main/services/kaspi/simulator/simulator-server.js';
import { tempDir } from './temp-dir.js';

export interface LiveTestEnv {
  dir: string;
  sim: SimulatorServer | null;
  core: KassaCore | null;
}

export function liveTestEnv(): LiveTestEnv {
  const env: LiveTestEnv = { dir: '', sim: null, core: null };
  let cleanup = () => {};
  beforeEach(() => {
    ({ dir: env.dir, cleanup } = tempDir());
  });
  afterEach(async () => {
    await env.core?.close();
    await env.sim?.close();
    env.core = null;
    env.sim = null;
    cleanup();
  });
  return env;
}
