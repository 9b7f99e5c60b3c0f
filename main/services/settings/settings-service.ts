// The till's settings, kept with `conf` (atomic JSON file in the data dir) and parsed with zod on
// every read, so a hand-edited or broken file falls back to defaults instead of crashing the till.
import Conf from 'conf';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { localeSchema, modeSchema, type SettingsView } from '../../../shared/domain.js';

const settingsSchema = z.object({
  locale: localeSchema.catch('ru'),
  shopName: z.string().trim().min(1).max(120).catch('Магазин'),
  mode: modeSchema.catch('demo'),
  /** Our id of this till at Kaspi (DeviceId): Latin letters, digits, '-' and '_' only. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
});
export type Settings = Required<z.infer<typeof settingsSchema>>;

export class SettingsService {
  private readonly conf: Conf<Record<string, unknown>>;
  private cached: Settings;

  constructor(dataDir: string) {
    this.conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'kassa', clearInvalidConfig: true });
    this.cached = this.read();
    if (this.conf.get('deviceId') !== this.cached.deviceId) this.conf.set('deviceId', this.cached.deviceId);
  }

  get(): Settings {
    return this.cached;
  }

  view(): SettingsView {
    const { locale, shopName, mode, deviceId } = this.cached;
    return { locale, shopName, mode, deviceId };
  }

  update(patch: Partial<Pick<Settings, 'locale' | 'shopName'>>): Settings {
    const next = settingsSchema.parse({ ...this.cached, ...stripUndefined(patch) });
    this.conf.set(next);
    this.cached = { ...next, deviceId: this.cached.deviceId };
    return this.cached;
  }

  private read(): Settings {
    let raw: unknown;
    try {
      raw = this.conf.store;
    } catch {
      raw = {};
    }
    const parsed = settingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
    return { ...parsed, deviceId: parsed.deviceId ?? `KASSA-${randomBytes(4).toString('hex').toUpperCase()}` };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
