// The settings as the cashier window may see them: no secret, only whether each one is configured.
import type { SettingsView } from '../../../shared/domain.js';
import type { LiveKaspi } from '../kaspi/live-kaspi.js';
import type { SecretsService } from '../secrets/secrets-service.js';
import type { Settings, SettingsRecovery } from './settings-service.js';

export function toSettingsView(settings: Settings, secrets: SecretsService, live: LiveKaspi, recovered: SettingsRecovery | null = null): SettingsView {
  const k = settings.kaspi;
  const gaps = live.gaps();
  return {
    locale: settings.locale,
    shopName: settings.shopName,
    mode: settings.mode,
    deviceId: settings.deviceId,
    kaspi: {
      scheme: k.scheme,
      baseUrl: k.baseUrl,
      organizationBin: k.organizationBin,
      tradePointId: k.tradePointId,
      tradePointName: k.tradePointName,
      deviceRegistered: k.deviceToken !== null,
      statusVersion: k.statusVersion,
      caCertificates: k.caFile ? (k.caNames ?? k.caFile.split(/[\\/]/).pop() ?? null) : null,
      secrets: secrets.state(),
      secretBackend: { kind: secrets.store.kind, secure: secrets.store.secure, riskAccepted: k.riskAccepted },
      ready: gaps.length === 0,
      gaps,
    },
    recovered,
  };
}
