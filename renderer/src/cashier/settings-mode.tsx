// Demo / live switch. Live is refused by main until the Kaspi settings are complete (live_not_ready,
// shown translated); the readiness line names what is still missing.
import type { Locale, Mode, SettingsView } from '../../../shared/domain.js';
import { translate } from '../../../shared/i18n/messages.js';
import { useTranslate } from '../i18n/i18n.js';
import { setMode } from '../state/settings-actions.js';
import { useSettingsUi } from '../state/settings-store.js';
import { SettingsFeedback } from './settings-feedback.js';

export function SettingsMode({ settings, locale }: { settings: SettingsView; locale: Locale }) {
  const t = useTranslate(locale);
  const pending = useSettingsUi((s) => s.pending);
  const { ready, gaps } = settings.kaspi;
  // a key from the environment cannot be entered here: its own way out is named
  const fromEnv = settings.kaspi.secrets.apiKey.source === 'env';
  const missing = gaps
    .map((gap) => translate(locale, gap === 'api_key_address' && fromEnv ? 'liveGap.api_key_address_env' : `liveGap.${gap}`))
    .join(', ');

  // Buttons, not radios: an arrow key on a radio group would switch a live till to demo (or back) at once.
  const option = (mode: Mode) => (
    <button
      type="button"
      className={`mode-switch__option${settings.mode === mode ? ' mode-switch__option--on' : ''}`}
      data-testid={`mode-${mode}`}
      aria-pressed={settings.mode === mode}
      disabled={pending !== null}
      onClick={() => settings.mode !== mode && void setMode(mode)}
    >
      {t(`settings.mode.${mode}`)}
    </button>
  );

  return (
    <section className="settings__section" aria-labelledby="settings-mode-title">
      <div className="settings__heading">
        <h2 id="settings-mode-title" className="settings__title">
          {t('settings.mode')}
        </h2>
        <span className={`mode mode--${settings.mode}`} data-testid="settings-mode" data-mode={settings.mode}>
          {t(`settings.mode.${settings.mode}`)}
        </span>
      </div>
      <div className="mode-switch" role="group" aria-labelledby="settings-mode-title">
        {option('demo')}
        {option('live')}
      </div>
      <p className={`readiness readiness--${ready ? 'ready' : 'missing'}`} data-testid="kaspi-ready" data-ready={ready}>
        {ready ? t('settings.ready') : t('settings.notReady', { missing: missing || '…' })}
      </p>
      <SettingsFeedback section="mode" locale={locale} />
      <p className="hint">{t('settings.modeHint')}</p>
    </section>
  );
}
