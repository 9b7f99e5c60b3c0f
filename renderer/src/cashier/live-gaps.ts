// What live mode still needs, read from the settings view in the order a manager fixes it. main's
// `kaspi.ready` has the last word; this only names the gaps (translated with liveGap.*).
import type { KaspiSettingsView } from '../../../shared/domain.js';

export function liveGaps(kaspi: KaspiSettingsView): string[] {
  const gaps: string[] = [];
  if (kaspi.scheme === 'r1' && !kaspi.secrets.apiKey.configured) gaps.push('api_key');
  if (kaspi.scheme !== 'r1' && !kaspi.secrets.certificate.configured) gaps.push('certificate');
  if (kaspi.scheme === 'r3' && !kaspi.organizationBin) gaps.push('bin');
  const fromStore = [kaspi.secrets.apiKey, kaspi.secrets.certificate].some((s) => s.source === 'store');
  if (fromStore && !kaspi.secretBackend.secure && !kaspi.secretBackend.riskAccepted) gaps.push('secret_store');
  if (!kaspi.tradePointId) gaps.push('trade_point');
  if (!kaspi.deviceRegistered) gaps.push('device');
  return gaps;
}
