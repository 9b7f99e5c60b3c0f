// settings.json that is no JSON (a bad edit, a broken disk): kept aside, never overwritten; the last
// good copy restores a live till's mode and Kaspi registration; the screens are told what happened.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsService } from '../../main/services/settings/settings-service.js';
import type { SettingsView } from '../../shared/domain.js';
import { openCore } from '../helpers/core-harness.js';
import { cashier } from '../helpers/live-core.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const settingsFile = () => join(dir, 'settings.json');
const corruptCopies = () => readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));

function liveTill(): void {
  new SettingsService(dir).update({ mode: 'live', deviceId: 'POS-01', kaspi: { scheme: 'r2', tradePointId: '4200001', deviceToken: 'dev-token-123' } });
}

function cutFile(): string {
  const text = readFileSync(settingsFile(), 'utf8');
  writeFileSync(settingsFile(), text.slice(0, -20));
  return text.slice(0, -20);
}

describe('an unreadable settings.json', () => {
  it('is kept aside and the last good copy restores mode, DeviceId, trade point and DeviceToken', () => {
    liveTill();
    const damaged = cutFile();
    const settings = new SettingsService(dir);
    expect(settings.recovered).toBe('backup');
    expect(settings.get()).toMatchObject({ mode: 'live', deviceId: 'POS-01', kaspi: { scheme: 'r2', tradePointId: '4200001', deviceToken: 'dev-token-123' } });
    expect(corruptCopies()).toHaveLength(1);
    expect(readFileSync(join(dir, corruptCopies()[0]!), 'utf8')).toBe(damaged);
    const again = new SettingsService(dir); // the restored file reads again, the banner stays…
    expect(again.recovered).toBe('backup');
    again.acknowledgeRecovery(); // …until the manager dismisses it
    expect(new SettingsService(dir).recovered).toBeNull();
    expect(corruptCopies()).toHaveLength(1);
  });

  it.each(['null', '[]', '5'])('JSON that is no object (%s) is damaged too: kept aside, the last good copy restores the live till (not defaults over its copy)', (text) => {
    liveTill();
    writeFileSync(settingsFile(), text);
    const settings = new SettingsService(dir);
    expect(settings.recovered).toBe('backup');
    expect(settings.get()).toMatchObject({ mode: 'live', deviceId: 'POS-01', kaspi: { tradePointId: '4200001', deviceToken: 'dev-token-123' } });
    expect(corruptCopies()).toHaveLength(1);
  });

  it('without a copy: defaults, the damaged file still kept, and the screens told', async () => {
    liveTill();
    cutFile();
    rmSync(join(dir, 'settings.backup.json'));
    const core = await openCore(dir);
    try {
      const view = await cashier<SettingsView>(core, 'settings.get');
      expect(view).toMatchObject({ mode: 'demo', recovered: 'defaults' });
      expect(corruptCopies()).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('the banner outlives a first reader and settings changes (kassa serve --live makes both) until the manager dismisses it', async () => {
    liveTill();
    cutFile();
    expect(new SettingsService(dir).recovered).toBe('backup'); // the first reader recovers…
    const core = await openCore(dir);
    try {
      expect((await cashier<SettingsView>(core, 'settings.get')).recovered).toBe('backup'); // …the till still says so
      await cashier(core, 'settings.update', { shopName: 'Кофейня' });
      expect((await cashier<SettingsView>(core, 'settings.get')).recovered).toBe('backup');
      expect((await cashier<SettingsView>(core, 'settings.dismissRecovery', {})).recovered).toBeNull();
    } finally {
      await core.close();
    }
    expect(new SettingsService(dir).recovered).toBeNull();
  });

  it('a file that cannot be read now (not damaged) is not set aside', () => {
    liveTill();
    rmSync(settingsFile());
    mkdirSync(settingsFile()); // reading it fails with EISDIR, not with a JSON error
    expect(() => new SettingsService(dir)).toThrow();
    expect(corruptCopies()).toHaveLength(0);
  });

  it('a readable file says nothing was recovered', async () => {
    liveTill();
    const core = await openCore(dir);
    try {
      expect((await cashier<SettingsView>(core, 'settings.get')).recovered).toBeNull();
    } finally {
      await core.close();
    }
  });
});

describe('a settings change the disk refuses', () => {
  it('is not applied in memory either (it would hold until a restart silently put the old one back)', () => {
    const settings = new SettingsService(dir);
    settings.update({ shopName: 'Дастархан' });
    rmSync(settingsFile());
    mkdirSync(settingsFile()); // the write is refused, as a full disk or a read-only folder refuses it
    expect(() => settings.update({ shopName: 'Другой' })).toThrow();
    expect(settings.get().shopName).toBe('Дастархан');
  });
});
