// One set-up for test files whose tests each open a till (a database, services, fakes) in a folder of
// their own: the folder is made before each test; whatever the test hands to `closing` is closed after
// it, the last opened first (a test that fails half-way leaks nothing), and then the folder is removed.
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './temp-dir.js';

export interface PerTest {
  /** This test's fresh folder. */
  readonly dir: string;
  /** Keeps `thing` to be closed after this test; a thing the test closed itself is closed again (harmless). */
  closing<T extends { close(): unknown }>(thing: T): T;
}

export function perTest(): PerTest {
  let folder: { dir: string; cleanup: () => void } | null = null;
  let open: { close(): unknown }[] = [];
  beforeEach(() => {
    folder = tempDir();
  });
  afterEach(async () => {
    const things = open.reverse();
    open = [];
    try {
      for (const thing of things) await thing.close();
    } finally {
      folder?.cleanup();
      folder = null;
    }
  });
  return {
    get dir() {
      if (!folder) throw new Error('perTest().dir is only there while a test runs');
      return folder.dir;
    },
    closing(thing) {
      open.push(thing);
      return thing;
    },
  };
}
