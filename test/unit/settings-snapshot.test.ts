// `kassa serve --live` keeps settings.json and its last good copy aside on disk until its outcome is
// known: a failure puts them back, and so does the next start after one that was interrupted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepSettingsAside, recoverInterruptedLiveStart } from '../../main/host/settings-snapshot.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null);
const aside = () => existsSync(join(dir, 'settings.before-live.json'));

describe('settings kept aside for a --live start', () => {
  beforeEach(() => {
    writeFileSync(join(dir, 'settings.json'), '{"mode":"live","kaspi":{"scheme":"r3"}}');
    writeFileSync(join(dir, 'settings.backup.json'), '{"mode":"live","kaspi":{"scheme":"r3"},"backup":true}');
  });

  it('a failure puts both files back', () => {
    const earlier = keepSettingsAside(dir);
    writeFileSync(join(dir, 'settings.json'), '{"mode":"demo"}');
    writeFileSync(join(dir, 'settings.backup.json'), '{"mode":"demo"}');
    expect(earlier.putBack()).toBe(true);
    expect([read('settings.json'), read('settings.backup.json')]).toEqual(['{"mode":"live","kaspi":{"scheme":"r3"}}', '{"mode":"live","kaspi":{"scheme":"r3"},"backup":true}']);
    expect(aside()).toBe(false);
  });

  it('an interrupted start (nothing called after it) is put back by the next one; a finished one leaves nothing aside', () => {
    keepSettingsAside(dir);
    writeFileSync(join(dir, 'settings.json'), '{"mode":"demo"}'); // then the process was killed
    expect(recoverInterruptedLiveStart(dir)).toBe(true);
    expect(read('settings.json')).toBe('{"mode":"live","kaspi":{"scheme":"r3"}}');
    expect(recoverInterruptedLiveStart(dir)).toBe(false); // once
    const earlier = keepSettingsAside(dir);
    writeFileSync(join(dir, 'settings.json'), '{"mode":"live","kaspi":{"scheme":"r1"}}');
    earlier.done();
    expect(aside()).toBe(false);
    expect(recoverInterruptedLiveStart(dir)).toBe(false);
    expect(read('settings.json')).toBe('{"mode":"live","kaspi":{"scheme":"r1"}}');
  });

  it('a first start (no settings yet) that fails leaves none behind', () => {
    const empty = tempDir();
    try {
      const earlier = keepSettingsAside(empty.dir);
      writeFileSync(join(empty.dir, 'settings.json'), '{"mode":"demo"}');
      earlier.putBack();
      expect(existsSync(join(empty.dir, 'settings.json'))).toBe(false);
    } finally {
      empty.cleanup();
    }
  });
});

describe('put back once', () => {
  it('after done(), or a first putBack(), a later putBack() writes nothing', () => {
    writeFileSync(join(dir, 'settings.json'), '{"v":1}');
    const earlier = keepSettingsAside(dir);
    writeFileSync(join(dir, 'settings.json'), '{"v":2}');
    earlier.done();
    expect(earlier.putBack()).toBe(true);
    expect(read('settings.json')).toBe('{"v":2}'); // the new settings stand
    const again = keepSettingsAside(dir);
    writeFileSync(join(dir, 'settings.json'), '{"v":3}');
    again.putBack();
    writeFileSync(join(dir, 'settings.json'), '{"v":4}'); // changed after the first put-back
    again.putBack();
    expect(read('settings.json')).toBe('{"v":4}');
  });
});
