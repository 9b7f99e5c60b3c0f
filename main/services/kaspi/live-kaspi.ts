// Builds the live Kaspi client from the settings and the secrets, and rebuilds it when either
// changes. Says precisely what is missing when live mode cannot work yet.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { LiveGap } from '../../../shared/domain.js';
import { AppError } from '../app-error.js';
import type { SecretsService } from '../secrets/secrets-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import { apiKeyMayGoTo, keyPrint, originOf } from './api-key-destination.js';
import { KaspiClient } from './kaspi-client.js';
import { KaspiError } from './kaspi-port.js';

/** How many keys' bindings are kept. */
const MAX_KEY_BINDINGS = 8;
/** Longer than any Kaspi call's timeout. */
const RETIRE_AFTER_MS = 60_000;

export class LiveKaspi {
  private cached: { key: string; client: KaspiClient } | null = null;

  constructor(
    private readonly settings: SettingsService,
    private readonly secrets: SecretsService,
  ) {}

  /**
   * Binds the key in use to an address: the one `kassa serve --live --kaspi-url` left for it, else —
   * a key not bound before — the current one; `entered`: the manager just typed it for the current one.
   * Each key keeps its own binding: one that cannot be read at a start, or is replaced for a while by
   * another (from the environment), finds its binding unchanged when it is back.
   */
  bindApiKey(entered = false): void {
    const key = this.secrets.apiKey();
    const k = this.settings.get().kaspi;
    if (key === null) {
      // the address left by `--kaspi-url` was for the key that run had: never for one read later
      if (k.apiKeyOrigin !== null) this.settings.update({ kaspi: { apiKeyOrigin: null } });
      return;
    }
    const print = keyPrint(key);
    const origin = entered ? originOf(k.baseUrl) : (k.apiKeyOrigin ?? (k.apiKeyBindings[print] === undefined ? originOf(k.baseUrl) : null));
    if (origin === null || (k.apiKeyBindings[print] === origin && k.apiKeyOrigin === null)) return;
    // the newest few keys only: a binding of a key long gone is of no use
    const others = Object.entries(k.apiKeyBindings).filter(([p]) => p !== print).slice(-(MAX_KEY_BINDINGS - 1));
    this.settings.update({ kaspi: { apiKeyBindings: Object.fromEntries([...others, [print, origin]]), apiKeyOrigin: null } });
  }

  /** The address the key in use is bound to. */
  private boundOrigin(): string | null {
    const key = this.secrets.apiKey();
    return key === null ? null : (this.settings.get().kaspi.apiKeyBindings[keyPrint(key)] ?? null);
  }

  /** What live mode still needs, in the order a manager would fix it. Empty = ready. */
  gaps(): LiveGap[] {
    const k = this.settings.get().kaspi;
    const gaps: LiveGap[] = [];
    const key = this.secrets.apiKey();
    if (k.scheme === 'r1' && !key) gaps.push('api_key');
    else if (k.scheme === 'r1' && key && !apiKeyMayGoTo(k.baseUrl, this.boundOrigin(), key)) {
      gaps.push('api_key_address');
    }
    if (k.scheme !== 'r1' && !this.secrets.certificate()) gaps.push('certificate');
    if (k.scheme === 'r3' && !k.organizationBin) gaps.push('bin');
    const store = this.secrets.store;
    const fromStore = Object.values(this.secrets.state()).some((s) => s.source === 'store');
    if (fromStore && !store.secure && !k.riskAccepted) gaps.push('secret_store');
    if (!k.tradePointId) gaps.push('trade_point');
    if (!k.deviceToken) gaps.push('device');
    return gaps;
  }

  /** The client for sales and refunds: everything must be configured. */
  client(): KaspiClient {
    const gaps = this.gaps();
    if (gaps.length > 0) throw new AppError('live_not_ready', { missing: gaps[0]! });
    return this.build(true);
  }

  /** The client for setting up (ping, trade points, device registration): no device needed yet. */
  setupClient(): KaspiClient {
    const gaps = this.gaps().filter((g) => g !== 'trade_point' && g !== 'device');
    if (gaps.length > 0) throw new AppError('live_not_ready', { missing: gaps[0]! });
    return this.build(false);
  }

  /** Closes the client at once (the app is quitting). */
  invalidate(): void {
    this.cached?.client.close();
    this.cached = null;
  }

  /** A client built for older settings may still carry a qr/create: closed only once that must be over. */
  private retire(): void {
    const old = this.cached?.client;
    this.cached = null;
    if (old) setTimeout(() => old.close(), RETIRE_AFTER_MS).unref();
  }

  private build(withDevice: boolean): KaspiClient {
    const k = this.settings.get().kaspi;
    const apiKey = this.secrets.apiKey();
    const certificate = this.secrets.certificate();
    // The secrets enter the key as a digest only (the key stays in memory, but why keep them twice).
    const secretDigest = createHash('sha256').update(apiKey ?? '').update('\0').update(certificate?.pfx ?? '').update('\0').update(certificate?.passphrase ?? '').digest('hex');
    // The CA file enters by its content: a renewed CA is saved under the same name, often with the same
    // names inside, and pending work must be read with it at once.
    let ca: string[] | null = null;
    if (k.caFile) {
      try {
        ca = [readFileSync(k.caFile, 'utf8')];
      } catch {
        throw new AppError('kaspi_ca_unreadable');
      }
    }
    const caDigest = ca ? createHash('sha256').update(ca[0]!).digest('hex') : null;
    const key = JSON.stringify([k.scheme, k.baseUrl, k.organizationBin, withDevice && k.deviceToken, k.statusVersion, k.caFile, caDigest, secretDigest]);
    if (this.cached?.key === key) return this.cached.client;
    this.retire();
    // A certificate that does not open (a renewed .p12 with the old password in the environment) is
    // said as such, before any call: else each call would fail in a way that reads as "Kaspi silent".
    if (certificate && k.scheme !== 'r1') {
      // (r1 proves itself with the Api-Key: a certificate left over from another scheme is not its business)
      try {
        createSecureContext({ pfx: certificate.pfx, passphrase: certificate.passphrase });
      } catch {
        throw new AppError('certificate_invalid');
      }
    }
    try {
      const client = new KaspiClient({
        scheme: k.scheme,
        baseUrl: k.baseUrl,
        apiKey,
        certificate,
        ca,
        organizationBin: k.organizationBin,
        deviceToken: withDevice ? k.deviceToken : null,
        statusVersion: k.statusVersion,
      });
      this.cached = { key, client };
      return client;
    } catch (error) {
      if (error instanceof KaspiError) throw new AppError('live_not_ready', { missing: error.message });
      throw new AppError('certificate_invalid');
    }
  }
}
