// The till's settings, kept with `conf` (atomic JSON file in the data dir) and parsed with zod on
// every read, so a hand-edited value falls back to its default instead of crashing the till. A file
// that is no JSON at all (a bad edit, a broken disk) is set aside, never overwritten, and the last
// good copy (settings.backup.json, written after every change) takes its place: a live till keeps
// its mode and its Kaspi registration, and the screens say what happened.
// No secret is ever kept here: credentials live in the secret store (see services/secrets).
import Conf from 'conf';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { localeSchema, modeSchema, schemeSchema, type Scheme } from '../../../shared/domain.js';

/** Kaspi's test hosts, one port per scheme (KASPI_QR_API.md §2). Production URLs come by e-mail. */
export const KASPI_TEST_URLS: Record<Scheme, string> = {
  r1: 'https://mtokentest.kaspi.kz:8543',
  r2: 'https://mtokentest.kaspi.kz:8544',
  r3: 'https://mtokentest.kaspi.kz:8545',
};

const kaspiSchema = z.object({
  scheme: schemeSchema.catch('r1'),
  baseUrl: z.string().url().max(300).optional().catch(undefined),
  organizationBin: z.string().regex(/^\d{12}$/).nullable().catch(null),
  tradePointId: z.string().regex(/^\d{1,19}$/).nullable().catch(null),
  tradePointName: z.string().max(200).nullable().catch(null),
  /** The GUID Kaspi gave this till at device/register; tied to the trade point (and BIN in r3). */
  deviceToken: z.string().min(1).max(100).nullable().catch(null),
  statusVersion: z.enum(['v01', 'v02']).catch('v01'),
  /** Extra CA certificates (PEM file path) to trust for Kaspi's TLS, besides the system's. */
  caFile: z.string().max(1000).nullable().catch(null),
  /** What caFile holds, for the screen ("kbs_root_ca, kbs_ca"). */
  caNames: z.string().max(120).nullable().catch(null),
  certificateFileName: z.string().max(200).nullable().catch(null),
  /** Which Kaspi address (origin) each Api-Key may go to, by the key's fingerprint: kaspi/api-key-destination.ts. */
  apiKeyBindings: z.record(z.string().regex(/^[0-9a-f]{16}$/), z.string().max(300)).catch({}),
  /** An address for the key in use, to be bound at the next start (`kassa serve --live --kaspi-url`). */
  apiKeyOrigin: z.string().max(300).nullable().catch(null),
  /** The manager accepted keeping live secrets in an unprotected store (Linux basic_text). */
  riskAccepted: z.boolean().catch(false),
});
export type KaspiSettings = Omit<z.infer<typeof kaspiSchema>, 'baseUrl'> & { baseUrl: string };

const settingsSchema = z.object({
  locale: localeSchema.catch('ru'),
  /** '' until the manager names the shop: the screens then show none (a default would be in one language only). */
  shopName: z.string().trim().max(120).catch(''),
  mode: modeSchema.catch('demo'),
  /** Our id of this till at Kaspi (DeviceId): Latin letters, digits, '-' and '_' only. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
  kaspi: kaspiSchema.catch(() => kaspiSchema.parse({})),
});

export interface Settings {
  locale: z.infer<typeof localeSchema>;
  shopName: string;
  mode: z.infer<typeof modeSchema>;
  deviceId: string;
  kaspi: KaspiSettings;
}

export type SettingsPatch = Partial<Pick<Settings, 'locale' | 'shopName' | 'mode' | 'deviceId'>> & {
  kaspi?: Partial<KaspiSettings>;
};

/** How the settings came back after an unreadable settings.json: from the last good copy, or as defaults. */
export type SettingsRecovery = 'backup' | 'defaults';

export class SettingsService {
  private readonly conf: Conf<Record<string, unknown>>;
  private readonly backupFile: string;
  private cached: Settings;
  /** Set once settings.json was found unreadable (kept aside as settings.json.corrupt-…), until the manager dismisses the banner. */
  recovered: SettingsRecovery | null = null;
  private readonly markerFile: string;

  constructor(dataDir: string) {
    const options = { cwd: dataDir, configName: 'settings', projectName: 'kassa', clearInvalidConfig: false };
    this.backupFile = join(dataDir, 'settings.backup.json');
    let raw: unknown;
    this.markerFile = join(dataDir, RECOVERED_MARKER);
    try {
      this.conf = new Conf<Record<string, unknown>>(options); // reads the file: throws when it is no JSON
      raw = this.conf.store;
      // JSON that is no object (null, [], 5) Conf reads as empty settings: damaged all the same
      if (!holdsAnObject(join(dataDir, 'settings.json'))) throw Object.assign(new Error('settings.json holds no object'), { name: 'SyntaxError' });
    } catch (error) {
      // Only a file that is no JSON is damaged; one that cannot be read now (permissions, a lock held
      // by an antivirus) is not set aside: the till says why it cannot start instead.
      if ((error as { name?: unknown }).name !== 'SyntaxError') throw Object.assign(error as object, { path: join(dataDir, 'settings.json') });
      const file = join(dataDir, 'settings.json');
      renameSync(file, `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      raw = readBackup(this.backupFile);
      // Kept until the manager dismisses the banner (acknowledgeRecovery): a later start — kassa
      // serve --live reads and updates the settings before the till does — still shows it.
      writeFileSync(this.markerFile, raw === null ? 'defaults' : 'backup');
      this.conf = new Conf<Record<string, unknown>>(options);
    }
    this.recovered = readMarker(this.markerFile);
    this.cached = complete(settingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {}), null);
    this.save(this.cached);
  }

  get(): Settings {
    return this.cached;
  }

  update(patch: SettingsPatch): Settings {
    const kaspi = { ...this.cached.kaspi, ...stripUndefined(patch.kaspi ?? {}) };
    // A scheme change keeps a custom URL but follows Kaspi's test host when the old default was in use.
    if (patch.kaspi?.scheme && !patch.kaspi.baseUrl && this.cached.kaspi.baseUrl === KASPI_TEST_URLS[this.cached.kaspi.scheme]) {
      kaspi.baseUrl = KASPI_TEST_URLS[patch.kaspi.scheme];
    }
    const next = complete(settingsSchema.parse({ ...this.cached, ...stripUndefined({ ...patch, kaspi: undefined }), kaspi }), this.cached.deviceId);
    this.save(next); // refused (a full disk, a read-only folder): nothing changes, in memory either
    this.cached = next;
    return this.cached;
  }

  /** The manager has read the banner after a recovery (settings.dismissRecovery): it has done its job. */
  acknowledgeRecovery(): void {
    if (this.recovered === null) return;
    rmSync(this.markerFile, { force: true });
    this.recovered = null;
  }

  /** The file, then its copy (written beside it and renamed into place: never half a copy). */
  private save(settings: Settings): void {
    const stored = toStored(settings);
    this.conf.store = stored;
    const temporary = `${this.backupFile}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(stored, null, '\t')}\n`);
      renameSync(temporary, this.backupFile);
    } catch {
      // settings.json has the change; its copy is brought up to date by the next save that fits
      rmSync(temporary, { force: true });
    }
  }
}

/** settings.json is missing or holds a JSON object (what Conf has just read without complaint). */
function holdsAnObject(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return true; // none yet: a first start
  }
  if (text.trim() === '') return true; // Conf reads an empty file as empty settings, as a first start
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Says that settings.json was found damaged, and how it came back (until the manager saves the settings). */
const RECOVERED_MARKER = 'settings.recovered';

function readMarker(file: string): SettingsRecovery | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text === 'backup' || text === 'defaults' ? text : null;
  } catch {
    return null;
  }
}

function readBackup(file: string): unknown {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function complete(parsed: z.infer<typeof settingsSchema>, deviceId: string | null): Settings {
  return {
    ...parsed,
    deviceId: parsed.deviceId ?? deviceId ?? `KASSA-${randomBytes(4).toString('hex').toUpperCase()}`,
    kaspi: { ...parsed.kaspi, baseUrl: parsed.kaspi.baseUrl ?? KASPI_TEST_URLS[parsed.kaspi.scheme] },
  };
}

function toStored(settings: Settings): Record<string, unknown> {
  return JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
