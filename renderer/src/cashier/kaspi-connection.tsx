// Kaspi connection: scheme (r1 Api-Key, r2 certificate, r3 certificate + BIN), base URL, BIN and
// the status version. Scheme, URL and BIN are refused by main while live, so they are locked then.
import { useEffect, useState } from 'react';
import { SCHEMES, type Locale, type Scheme, type SettingsView } from '../../../shared/domain.js';
import { FilePick } from '../components/file-pick.js';
import { useTranslate } from '../i18n/i18n.js';
import { clearKaspiCa, saveKaspiCa, updateKaspi } from '../state/settings-actions.js';
import { useSettingsUi } from '../state/settings-store.js';
import { DraftField } from './draft-field.js';
import { SettingsFeedback } from './settings-feedback.js';

export function KaspiConnection({ settings, locale }: { settings: SettingsView; locale: Locale }) {
  const t = useTranslate(locale);
  const pending = useSettingsUi((s) => s.pending);
  const { kaspi } = settings;
  const live = settings.mode === 'live';
  const locked = live || pending !== null;
  // the scheme picked but not saved yet (a save elsewhere, or another window's, brings the list back to the saved one)
  const [picked, setScheme] = useState<Scheme | null>(null);
  const scheme = picked ?? kaspi.scheme;
  useEffect(() => setScheme(null), [kaspi.scheme]);

  return (
    <section className="settings__section" data-testid="kaspi-connection" aria-labelledby="kaspi-title">
      <h2 id="kaspi-title" className="settings__title">
        {t('kaspi.title')}
      </h2>
      {live && (
        <p className="settings__locked" data-testid="kaspi-locked">
          {t('settings.liveLocked')}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor="kaspi-scheme">
          {t('kaspi.scheme')}
        </label>
        <span className="settings__inline">
          {/* chosen, then saved: an arrow key on the list must not switch the scheme (and forget the registration) at once */}
          <select
            id="kaspi-scheme"
            aria-describedby="kaspi-scheme-hint"
            data-testid="kaspi-scheme"
            className="field__input field__select field__select--wide"
            value={scheme}
            disabled={locked}
            onChange={(event) => setScheme(event.target.value as Scheme)}
          >
            {SCHEMES.map((option) => (
              <option key={option} value={option}>
                {t(`kaspi.scheme.${option}`)}
              </option>
            ))}
          </select>
          {scheme !== kaspi.scheme && (
            <button type="button" data-testid="kaspi-scheme-save" className="btn btn--ghost" disabled={locked} onClick={() => void updateKaspi({ scheme }, 'scheme')}>
              {t('settings.save')}
            </button>
          )}
        </span>
        <span className="hint" id="kaspi-scheme-hint" data-testid="kaspi-scheme-hint">
          {t(`kaspi.schemeHint.${scheme}`)}
          {scheme !== kaspi.scheme && kaspi.deviceRegistered ? ` ${t('kaspi.schemeForgetsDevice')}` : ''}
        </span>
      </div>
      <DraftField
        key={`url-${kaspi.scheme}`}
        label={t('kaspi.url')}
        value={kaspi.baseUrl}
        testId="kaspi-url"
        saveTestId="kaspi-url-save"
        saveLabel={t('settings.save')}
        disabled={locked}
        maxLength={300}
        inputMode="url"
        placeholder="https://"
        // another address (or BIN) is another till identity at Kaspi: its registration is forgotten, so it is freed first
        hint={kaspi.deviceRegistered ? `${t('kaspi.urlHint')} ${t('kaspi.identityForgetsDevice')}` : t('kaspi.urlHint')}
        onSave={(baseUrl) => updateKaspi({ baseUrl }, 'url', 'kaspi.urlInvalid')}
      />
      {kaspi.scheme === 'r3' && (
        <DraftField
          label={t('kaspi.bin')}
          value={kaspi.organizationBin ?? ''}
          testId="kaspi-bin"
          saveTestId="kaspi-bin-save"
          saveLabel={t('settings.save')}
          disabled={locked}
          maxLength={12}
          inputMode="numeric"
          placeholder="000000000000"
          hint={kaspi.deviceRegistered ? `${t('kaspi.binHint')} ${t('kaspi.identityForgetsDevice')}` : t('kaspi.binHint')}
          onSave={(bin) => updateKaspi({ organizationBin: bin === '' ? null : bin }, 'bin', 'kaspi.binInvalid')}
        />
      )}
      <div className="field" data-testid="kaspi-ca">
        <span className="field__label">{t('kaspi.ca')}</span>
        <span className="hint" data-testid="kaspi-ca-state" data-configured={kaspi.caCertificates !== null}>
          {kaspi.caCertificates ?? t('kaspi.caNone')}
        </span>
        <span className="settings__inline">
          <FilePick label={t('kaspi.caChoose')} testId="kaspi-ca-file" accept=".crt,.pem,.cer" multiple disabled={locked} onFiles={(files) => void saveKaspiCa(files)} />
          {kaspi.caCertificates !== null && (
            <button type="button" data-testid="kaspi-ca-clear" className="btn btn--ghost" disabled={locked} onClick={() => void clearKaspiCa()}>
              {t('kaspi.caClear')}
            </button>
          )}
        </span>
        <span className="hint">{t('kaspi.caHint')}</span>
      </div>
      <details className="settings__advanced">
        <summary>{t('kaspi.advanced')}</summary>
        <label className="field">
          <span className="field__label">{t('kaspi.statusVersion')}</span>
          <select
            data-testid="kaspi-status-version"
            className="field__input field__select"
            value={kaspi.statusVersion}
            disabled={pending !== null}
            onChange={(event) => void updateKaspi({ statusVersion: event.target.value as 'v01' | 'v02' }, 'statusVersion')}
          >
            <option value="v01">v01</option>
            <option value="v02">v02</option>
          </select>
          <span className="hint">{t('kaspi.statusVersionHint')}</span>
        </label>
      </details>
      <SettingsFeedback section="connection" locale={locale} />
    </section>
  );
}
