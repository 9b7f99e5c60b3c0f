// The till at Kaspi: check the connection, list the organization's trade points, register this
// till (DeviceId -> DeviceToken) at one of them, or unregister it. Registration changes are
// refused by main while live, so they are locked then.
import { useEffect } from 'react';
import type { Locale, SettingsView } from '../../../shared/domain.js';
import { useTranslate } from '../i18n/i18n.js';
import {
  forgetConnectionFacts,
  loadTradePoints,
  pingKaspi,
  registerDevice,
  selectTradePoint,
  unregisterDevice,
} from '../state/settings-actions.js';
import { useSettingsUi } from '../state/settings-store.js';
import { SettingsFeedback } from './settings-feedback.js';
import { SoftButton } from '../components/soft-button.js';

export function KaspiDevice({ settings, locale }: { settings: SettingsView; locale: Locale }) {
  const t = useTranslate(locale);
  const pending = useSettingsUi((s) => s.pending);
  const tradePoints = useSettingsUi((s) => s.tradePoints);
  const tradePointId = useSettingsUi((s) => s.tradePointId);
  const { kaspi } = settings;
  const live = settings.mode === 'live';
  const busy = pending !== null;

  // What was learned of another scheme, address or account says nothing about this one.
  useEffect(() => forgetConnectionFacts(), [kaspi.scheme, kaspi.baseUrl, kaspi.organizationBin]);

  return (
    <section className="settings__section" data-testid="kaspi-device" aria-labelledby="kaspi-device-title">
      <h2 id="kaspi-device-title" className="settings__title">
        {t('kaspi.device')}
      </h2>
      <div className="registration" data-testid="kaspi-registration" data-registered={kaspi.deviceRegistered}>
        <p className={`registration__line${kaspi.deviceRegistered ? ' registration__line--ok' : ''}`}>
          {kaspi.deviceRegistered
            ? t('kaspi.registered', { name: kaspi.tradePointName ?? '—', id: kaspi.tradePointId ?? '—' })
            : t('kaspi.notRegistered')}
        </p>
        <p className="hint registration__device" data-testid="kaspi-device-id">
          {t('kaspi.deviceIdLine', { id: settings.deviceId })}
        </p>
      </div>
      <div className="settings__actions">
        <SoftButton data-testid="kaspi-ping" className="btn btn--ghost" unavailable={busy} onClick={() => void pingKaspi()}>
          {pending === 'ping' ? '…' : t('kaspi.ping')}
        </SoftButton>
        <SettingsFeedback section="ping" locale={locale} />
      </div>
      <div className="settings__actions">
        <SoftButton
          data-testid="kaspi-load-trade-points"
          className="btn btn--ghost"
          unavailable={busy}
          onClick={() => void loadTradePoints(kaspi.tradePointId)}
        >
          {pending === 'tradePoints' ? '…' : t('kaspi.loadTradePoints')}
        </SoftButton>
      </div>
      {tradePoints && tradePoints.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor="kaspi-trade-point">
            {t('kaspi.tradePoint')}
          </label>
          <span className="settings__inline">
            <select
              id="kaspi-trade-point"
              data-testid="kaspi-trade-point"
              className="field__input field__select field__select--wide"
              value={tradePointId}
              disabled={busy}
              onChange={(event) => selectTradePoint(event.target.value)}
            >
              {tradePoints.map((point) => (
                <option key={point.id} value={point.id}>
                  {point.name} ({point.id})
                </option>
              ))}
            </select>
            <SoftButton
              data-testid="kaspi-register"
              className="btn btn--primary"
              unavailable={busy || live || !tradePointId}
              onClick={() => void registerDevice()}
            >
              {t('kaspi.register')}
            </SoftButton>
          </span>
        </div>
      )}
      {kaspi.deviceRegistered && (
        <div className="settings__actions">
          <button
            type="button"
            data-testid="kaspi-unregister"
            className="btn btn--danger-outline"
            disabled={busy || live}
            onClick={() => void unregisterDevice()}
          >
            {t('kaspi.unregister')}
          </button>
        </div>
      )}
      <SettingsFeedback section="device" locale={locale} />
    </section>
  );
}
