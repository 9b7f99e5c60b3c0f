// Headless live mode for `kassa serve --live ...`: writes the Kaspi settings, registers the till
// (idempotent at Kaspi) and switches to live — through the same handlers the Settings tab uses.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, type KassaCore } from '../app-core.js';
import { errorMessage, translate } from '../../shared/i18n/messages.js';
import { schemeSchema, type Locale, type SettingsView } from '../../shared/domain.js';
import { originOf } from '../services/kaspi/api-key-destination.js';
import { SettingsService } from '../services/settings/settings-service.js';
import { openDatabase } from '../store/database.js';
import { RefundsRepo } from '../store/refunds-repo.js';
import { SalesRepo } from '../store/sales-repo.js';
import { kaspiBaseUrlSchema } from '../../shared/contract.js';
import { isValidBin } from '../../shared/bin.js';
import { unconfirmedRefundParams, waitingWorkParams } from '../../shared/waiting-work.js';

export interface LiveFlags {
  scheme?: string;
  kaspiUrl?: string;
  tradePoint?: string;
  deviceId?: string;
  bin?: string;
  kaspiCa?: string;
  statusVersion?: string;
}

/** Before the core starts: the values only the command line may set (device id, CA file). */
export function writeLiveSettings(dataDir: string, flags: LiveFlags, locale: Locale = 'en'): string | null {
  const t = (key: string) => translate(locale, `cli.live.${key}`);
  const scheme = schemeSchema.safeParse(flags.scheme ?? 'r1');
  if (!scheme.success) return t('scheme');
  if (!flags.kaspiUrl) return t('kaspiUrl');
  const typedUrl = kaspiBaseUrlSchema.safeParse(flags.kaspiUrl); // as in Settings: https; …:8543/r1/v01 loses the part Kassa adds
  if (!typedUrl.success) return t('kaspiUrlInvalid');
  const kaspiUrl = typedUrl.data;
  if (!flags.tradePoint || !/^\d{1,19}$/.test(flags.tradePoint)) return t('tradePoint');
  if (flags.deviceId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(flags.deviceId)) {
    return t('deviceId');
  }
  if (scheme.data === 'r3' && !/^\d{12}$/.test(flags.bin ?? '')) return t('binRequired');
  if (flags.bin !== undefined && !isValidBin(flags.bin)) return t('bin');
  if (flags.statusVersion && flags.statusVersion !== 'v01' && flags.statusVersion !== 'v02') return t('statusVersion');
  const settings = new SettingsService(dataDir);
  const current = settings.get().kaspi;
  // The till's identity at Kaspi: what its DeviceToken was issued for. Unchanged (a restart with the
  // same flags, after a crash too), the mode stays as it was: a live sale on screen goes on being read.
  const sameDevice =
    current.scheme === scheme.data &&
    current.baseUrl === kaspiUrl &&
    current.organizationBin === (flags.bin ?? null) &&
    current.tradePointId === flags.tradePoint &&
    (flags.deviceId === undefined || flags.deviceId === settings.get().deviceId);
  if (!sameDevice) {
    // As in Settings: another identity only once no live sale or refund waits for Kaspi's word.
    const pending = pendingLiveWork(join(dataDir, DATABASE_FILE));
    if (pending) return `${errorMessage(locale, pending.code, pending.params)}. ${t('pending')}`;
  }
  settings.update({
    ...(flags.deviceId ? { deviceId: flags.deviceId } : {}),
    ...(sameDevice ? {} : { mode: 'demo' as const }),
    kaspi: {
      scheme: scheme.data,
      baseUrl: kaspiUrl,
      organizationBin: flags.bin ?? null,
      // No --kaspi-ca: the CA the till already has for this address stays (one loaded in Settings; a
      // restart by a service manager names no file). For another address it went with the identity.
      ...(flags.kaspiCa !== undefined ? { caFile: flags.kaspiCa, caNames: null } : current.baseUrl === kaspiUrl ? {} : { caFile: null, caNames: null }),
      // The operator named this address on the command line: the key in use may go there.
      apiKeyOrigin: originOf(kaspiUrl),
      ...(flags.statusVersion ? { statusVersion: flags.statusVersion as 'v01' | 'v02' } : {}),
      ...(sameDevice ? {} : { deviceToken: null, tradePointId: null, tradePointName: null }),
    },
  });
  return null;
}

/** The error that forbids changing the till's Kaspi identity now, if any (the DB is ours: we hold the lock). */
function pendingLiveWork(databaseFile: string): { code: 'live_refund_unconfirmed' | 'live_work_pending'; params: Record<string, string> } | null {
  if (!existsSync(databaseFile)) return null;
  const db = openDatabase(databaseFile);
  try {
    const refunds = new RefundsRepo(db);
    const unconfirmed = unconfirmedRefundParams(refunds.oldestUnconfirmedLive());
    if (unconfirmed) return { code: 'live_refund_unconfirmed', params: unconfirmed };
    const params = waitingWorkParams(new SalesRepo(db).oldestUnsettledLive(), () => refunds.oldestUnsettledLive());
    return params ? { code: 'live_work_pending', params } : null;
  } finally {
    db.close();
  }
}

/** After the core started: register the till when needed, then switch to live. */
export async function goLive(core: KassaCore, tradePointId: string, locale: Locale = 'en'): Promise<string | null> {
  const info = await core.invoke('settings.get', {}, 'cashier');
  const view = info.ok ? (info.data as SettingsView) : null;
  const kaspi = view?.kaspi ?? null;
  if (view?.mode === 'live' && kaspi?.deviceRegistered) {
    // a restart: live already — if it still has everything (a key missing from the environment now?)
    return kaspi.ready ? null : errorMessage(locale, 'live_not_ready', { missing: kaspi.gaps[0] ?? '?' });
  }
  if (!kaspi?.deviceRegistered) {
    const registered = await core.invoke('kaspi.registerDevice', { tradePointId }, 'cashier');
    if (!registered.ok) return errorMessage(locale, registered.error.code, registered.error.params);
  }
  const live = await core.invoke('settings.update', { mode: 'live' }, 'cashier');
  return live.ok ? null : errorMessage(locale, live.error.code, live.error.params);
}
