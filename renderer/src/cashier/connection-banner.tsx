// Red line over every tab while main cannot reach Kaspi: sales are kept and polled again by main.
import type { Locale } from '../../../shared/domain.js';
import { formatAlmatyMoment, useTranslate } from '../i18n/i18n.js';
import { useCashier } from '../state/cashier-store.js';

export function ConnectionBanner({ locale }: { locale: Locale }) {
  const connection = useCashier((s) => s.connection);
  const t = useTranslate(locale);
  if (!connection || connection.online) return null;
  const time = connection.since ? formatAlmatyMoment(locale, connection.since) : '—';
  return (
    <div className="connection-banner" data-testid="connection-banner" data-since={connection.since ?? ''} data-refused={connection.refused} role="alert">
      {t(connection.refused ? 'connection.refused' : 'connection.offline', { time })}
    </div>
  );
}
