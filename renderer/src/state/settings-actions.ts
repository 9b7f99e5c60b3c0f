// What the Settings tab asks of main: the mode, the Kaspi connection, the secrets (one way: into
// main), and the till's registration at Kaspi. Every reply that is a SettingsView replaces the one
// in the cashier store; settings.changed events do the same for changes made elsewhere.
import { apiKeyText, channels, type Request } from '../../../shared/contract.js';
import type { Mode, SettingsView } from '../../../shared/domain.js';
import { toApiError } from '../api/api-error.js';
import { call } from '../api/client.js';
import { readFileBase64 } from '../cashier/read-file-base64.js';
import { receiveSettings } from './cashier-actions.js';
import { useSettingsUi, type SettingsFeedback, type SettingsSection } from './settings-store.js';

const { getState: get, setState: set } = useSettingsUi;

/** The contract caps a certificate at 60 000 base64 characters, i.e. 45 000 bytes. */
export const MAX_CERTIFICATE_BYTES = 45_000;

function say(section: SettingsSection, feedback: SettingsFeedback | null): void {
  set((s) => {
    const next = { ...s.feedback };
    if (feedback) next[section] = feedback;
    else delete next[section];
    return { feedback: next };
  });
}

/** Runs one call for a section: clears its feedback, reports its error; null when it failed or another ran. */
async function run<T>(section: SettingsSection, action: string, fn: () => Promise<T>): Promise<T | null> {
  if (get().pending) return null;
  set({ pending: action });
  say(section, null);
  try {
    return await fn();
  } catch (error) {
    const e = toApiError(error);
    say(section, { kind: 'api', code: e.code, params: e.params });
    return null;
  } finally {
    set({ pending: null });
  }
}

async function settingsCall(section: SettingsSection, action: string, fn: () => Promise<SettingsView>, ok?: string): Promise<boolean> {
  const settings = await run(section, action, fn);
  if (!settings) return false;
  receiveSettings(settings);
  if (ok) say(section, { kind: 'ok', key: ok });
  return true;
}

/** Opening the tab starts with clean feedback lines. */
export function resetSettingsFeedback(): void {
  set({ feedback: {} });
}

export function setMode(mode: Mode): Promise<boolean> {
  return settingsCall('mode', 'mode', () => call('settings.update', { mode }));
}

type KaspiPatch = NonNullable<Request<'settings.update'>['kaspi']>;

/** Whether main's contract accepts this Kaspi patch (URL shape, 12-digit BIN) — checked before sending. */
export function isValidKaspiPatch(kaspi: KaspiPatch): boolean {
  return channels['settings.update'].request.safeParse({ kaspi }).success;
}

export function updateKaspi(kaspi: KaspiPatch, action: string, invalidKey?: string): Promise<boolean> {
  if (!isValidKaspiPatch(kaspi)) {
    say('connection', { kind: 'message', key: invalidKey ?? 'error.invalid_request' });
    return Promise.resolve(false);
  }
  return settingsCall('connection', action, () => call('settings.update', { kaspi }), 'settings.saved');
}

export function acceptRisk(accept: boolean): Promise<boolean> {
  return settingsCall('secrets', 'acceptRisk', () => call('secrets.acceptRisk', { accept }));
}

/** The key goes to main and nowhere else; the caller clears its input whatever happens. */
export function saveApiKey(apiKey: string): Promise<boolean> {
  const trimmed = apiKey.trim();
  if (!apiKeyText.safeParse(trimmed).success) {
    say('secrets', { kind: 'message', key: 'kaspi.apiKeyShort' });
    return Promise.resolve(false);
  }
  return credentialsChanged(settingsCall('secrets', 'apiKey', () => call('secrets.setApiKey', { apiKey: trimmed }), 'kaspi.secretSaved'));
}

export async function saveCertificate(file: File, passphrase: string): Promise<boolean> {
  if (file.size > MAX_CERTIFICATE_BYTES) {
    say('secrets', { kind: 'message', key: 'kaspi.certificateTooLarge' });
    return false;
  }
  let pfxBase64: string;
  try {
    pfxBase64 = await readFileBase64(file);
  } catch {
    say('secrets', { kind: 'message', key: 'kaspi.certificateUnreadable' });
    return false;
  }
  if (pfxBase64.length < 16) {
    // Read, but a few bytes are no .p12: what main says of any file that is not one.
    say('secrets', { kind: 'api', code: 'certificate_invalid' });
    return false;
  }
  const fileName = file.name.trim().slice(0, 200) || 'certificate.p12';
  return credentialsChanged(
    settingsCall('secrets', 'certificate', () => call('secrets.setCertificate', { fileName, pfxBase64, passphrase }), 'kaspi.secretSaved'),
  );
}

/** Kaspi's CA certificates (kbs_root_ca.crt, kbs_ca.crt): public PEM text, checked by main. */
export async function saveKaspiCa(files: File[]): Promise<boolean> {
  let pem = '';
  try {
    pem = (await Promise.all(files.map((f) => f.text()))).join('\n');
  } catch {
    pem = '';
  }
  if (pem.length === 0 || pem.length > 64_000) {
    say('connection', { kind: 'message', key: 'error.kaspi_ca_invalid' });
    return false;
  }
  return credentialsChanged(settingsCall('connection', 'ca', () => call('kaspi.setCa', { pem }), 'settings.saved'));
}

export function clearKaspiCa(): Promise<boolean> {
  return credentialsChanged(settingsCall('connection', 'ca', () => call('kaspi.setCa', { pem: null }), 'settings.saved'));
}

export function clearSecret(which: 'apiKey' | 'certificate'): Promise<boolean> {
  return credentialsChanged(settingsCall('secrets', `clear-${which}`, () => call('secrets.clear', { which }), 'kaspi.secretCleared'));
}

/** A key, certificate or CA saved or cleared: the last "check connection" answer was of the ones before. */
function credentialsChanged(done: Promise<boolean>): Promise<boolean> {
  return done.then((ok) => {
    if (ok) say('ping', null);
    return ok;
  });
}

export async function pingKaspi(): Promise<void> {
  const reply = await run('ping', 'ping', () => call('kaspi.ping', {}));
  if (reply) say('ping', { kind: 'ok', key: 'kaspi.pingOk', params: { ms: reply.latencyMs } });
}

export async function loadTradePoints(registeredId: string | null): Promise<void> {
  const reply = await run('device', 'tradePoints', () => call('kaspi.tradePoints', {}));
  if (!reply) return;
  const { tradePoints } = reply;
  const keep = tradePoints.find((p) => p.id === get().tradePointId || p.id === registeredId);
  set({ tradePoints, tradePointId: keep?.id ?? tradePoints[0]?.id ?? '' });
  say('device', { kind: 'ok', key: 'kaspi.tradePointsLoaded', params: { count: tradePoints.length } });
}

/** The list belongs to one scheme, address and BIN: forgotten when any of them changes. */
/**
 * The scheme, address or BIN changed: what was learned of the old connection — its trade points, a
 * ping's answer, a registration or mode refusal — says nothing of the new one.
 */
export function forgetConnectionFacts(): void {
  set((s) => {
    const { ping: _ping, device: _device, mode: _mode, ...feedback } = s.feedback;
    return { tradePoints: null, tradePointId: '', feedback };
  });
}

export function selectTradePoint(tradePointId: string): void {
  set({ tradePointId });
}

export function registerDevice(): Promise<boolean> {
  const { tradePointId, tradePoints } = get();
  if (!tradePointId) return Promise.resolve(false);
  const name = tradePoints?.find((p) => p.id === tradePointId)?.name;
  return settingsCall(
    'device',
    'register',
    () => call('kaspi.registerDevice', name ? { tradePointId, tradePointName: name.slice(0, 200) } : { tradePointId }),
    'kaspi.registeredOk',
  );
}

export function unregisterDevice(): Promise<boolean> {
  return settingsCall('device', 'unregister', () => call('kaspi.unregisterDevice', {}), 'kaspi.unregisteredOk');
}
