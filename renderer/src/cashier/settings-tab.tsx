// Language (applies at once, to both screens), shop name, the till id; then the demo/live switch and
// the Kaspi connection: scheme and address, keys, and the till's registration at Kaspi.
import { useEffect, useId, useState } from 'react';
import { LOCALES, type Locale, type SettingsView } from '../../../shared/domain.js';
import { translate } from '../../../shared/i18n/messages.js';
import { useTranslate } from '../i18n/i18n.js';
import { updateSettings } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';
import { resetSettingsFeedback } from '../state/settings-actions.js';
import { KaspiConnection } from './kaspi-connection.js';
import { KaspiDevice } from './kaspi-device.js';
import { KaspiSecrets } from './kaspi-secrets.js';
import { SettingsMode } from './settings-mode.js';
import { SoftButton } from '../components/soft-button.js';

function ShopNameField({ settings, locale }: { settings: SettingsView; locale: Locale }) {
  const t = useTranslate(locale);
  // null = not being edited: follow what main says (another window may rename the shop).
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const value = draft ?? settings.shopName;
  const trimmed = value.trim();
  const canSave = trimmed !== settings.shopName; // '' too: the name comes off the customer display
  const id = useId();

  async function save(): Promise<void> {
    if (!canSave) return;
    if (await updateSettings({ shopName: trimmed })) {
      setDraft(null);
      setSaved(true);
    }
  }

  return (
    <div className="settings__row">
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('settings.shopName')}
        </label>
        <span className="settings__inline">
          <input
            id={id}
            data-testid="shop-name-input"
            className="field__input"
            type="text"
            maxLength={120}
            value={value}
            onChange={(event) => {
              setDraft(event.target.value);
              setSaved(false);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void save();
            }}
          />
          <SoftButton data-testid="shop-name-save" className="btn btn--primary" unavailable={!canSave} onClick={() => void save()}>
            {t('settings.save')}
          </SoftButton>
        </span>
      </div>
      {saved && (
        <span className="settings__saved" data-testid="settings-saved" role="status">
          {t('settings.saved')}
        </span>
      )}
    </div>
  );
}

export function SettingsTab({ locale }: { locale: Locale }) {
  const settings = useCashier((s) => s.settings);
  const t = useTranslate(locale);
  useEffect(() => resetSettingsFeedback(), []);
  if (!settings) return null;

  return (
    <section className="settings" data-testid="settings">
      <section className="settings__section" aria-labelledby="settings-general-title">
        <h2 id="settings-general-title" className="settings__title">
          {t('settings.general')}
        </h2>
        <div className="settings__row">
          <label className="field">
            <span className="field__label">{t('settings.language')}</span>
            <select
              data-testid="language-select"
              className="field__input field__select"
              value={settings.locale}
              onChange={(event) => void updateSettings({ locale: event.target.value as Locale })}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {translate(code, `lang.${code}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ShopNameField settings={settings} locale={locale} />
        <div className="settings__row">
          <span className="field__label">{t('settings.deviceId')}</span>
          <code className="settings__device" data-testid="settings-device-id">
            {settings.deviceId}
          </code>
        </div>
      </section>
      <SettingsMode settings={settings} locale={locale} />
      <KaspiConnection settings={settings} locale={locale} />
      <KaspiSecrets settings={settings} locale={locale} />
      <KaspiDevice settings={settings} locale={locale} />
    </section>
  );
}
