// Kaspi credentials, one way only: typed or picked here, sent to main, never kept. The screen shows
// only whether each is configured, a masked hint and where it comes from (store or environment).
import { useState } from 'react';
import type { Locale, SecretState, SettingsView } from '../../../shared/domain.js';
import { FilePick } from '../components/file-pick.js';
import { useTranslate, type Translate } from '../i18n/i18n.js';
import { acceptRisk, clearSecret, saveApiKey, saveCertificate } from '../state/settings-actions.js';
import { useSettingsUi } from '../state/settings-store.js';
import { SettingsFeedback } from './settings-feedback.js';
import { SoftButton } from '../components/soft-button.js';

const ENV_VARIABLES = [
  ['KASSA_KASPI_API_KEY', 'kaspi.envApiKey'],
  ['KASSA_KASPI_PFX', 'kaspi.envPfx'],
  ['KASSA_KASPI_PFX_PASSPHRASE', 'kaspi.envPassphrase'],
] as const;

function SecretStateLine({ state, testId, t }: { state: SecretState; testId: string; t: Translate }) {
  let text = t('kaspi.secretNotSet');
  if (state.configured) text = state.hint ? t('kaspi.secretSet', { hint: state.hint }) : t('kaspi.secretSetNoHint');
  // set by a variable whose value cannot be used (main names it in the hint): the variable is what to fix
  const unusable = !state.configured && state.source === 'env';
  if (unusable) text = t('kaspi.secretEnvUnusable', { variable: state.hint ?? '' });
  return (
    <p
      className={`secret-state secret-state--${state.configured ? 'set' : 'unset'}`}
      data-testid={testId}
      data-configured={state.configured}
      data-source={state.source ?? ''}
    >
      {text}
      {state.source === 'env' && !unusable && <span className="secret-state__source"> — {t('kaspi.secretFromEnv')}</span>}
    </p>
  );
}

interface SecretProps {
  state: SecretState;
  /** Inputs are hidden when the store cannot be written, or the value comes from the environment. */
  editable: boolean;
  /** Credentials change in demo mode only (main refuses to clear them while live). */
  live: boolean;
  t: Translate;
}

function ApiKeySecret({ state, editable, live, t }: SecretProps) {
  const pending = useSettingsUi((s) => s.pending);
  // Lives only in this input until Save; cleared right after the call, whatever main answered.
  const [apiKey, setApiKey] = useState('');

  async function save(): Promise<void> {
    const value = apiKey;
    setApiKey('');
    await saveApiKey(value);
  }

  return (
    <div className="secret">
      <span className="field__label">{t('kaspi.apiKey')}</span>
      <SecretStateLine state={state} testId="kaspi-api-key-state" t={t} />
      {editable && (
        <span className="settings__inline">
          <input
            data-testid="kaspi-api-key"
            className="field__input"
            type="password"
            name="kaspi-api-key"
            autoComplete="off"
            spellCheck={false}
            maxLength={1000} /* longer than any key: an over-long paste is refused with a message, never cut */
            aria-label={t('kaspi.apiKey')}
            placeholder={t('kaspi.apiKeyPlaceholder')}
            disabled={live}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && apiKey.trim() && !live) void save();
            }}
          />
          <SoftButton
            data-testid="kaspi-api-key-save"
            className="btn btn--primary"
            unavailable={pending !== null || live || apiKey.trim() === ''}
            onClick={() => void save()}
          >
            {t('settings.save')}
          </SoftButton>
        </span>
      )}
      {state.configured && state.source === 'store' && (
        <button
          type="button"
          data-testid="kaspi-api-key-clear"
          className="btn btn--danger-outline secret__clear"
          disabled={pending !== null || live}
          onClick={() => void clearSecret('apiKey')}
        >
          {t('kaspi.clear')}
        </button>
      )}
    </div>
  );
}

function CertificateSecret({ state, editable, live, t }: SecretProps) {
  const pending = useSettingsUi((s) => s.pending);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');

  async function save(): Promise<void> {
    if (!file) return;
    const chosen = file;
    const secret = passphrase;
    // Nothing of the certificate stays on screen after the call.
    setPassphrase('');
    setFile(null);
    await saveCertificate(chosen, secret);
  }

  return (
    <div className="secret">
      <span className="field__label">{t('kaspi.certificate')}</span>
      <SecretStateLine state={state} testId="kaspi-certificate-state" t={t} />
      {editable && (
        <div className="secret__form">
          <FilePick
            label={t('kaspi.certificateChoose')}
            testId="kaspi-certificate-file"
            accept=".p12,.pfx"
            disabled={live}
            chosen={file?.name ?? null}
            onFiles={([chosen]) => setFile(chosen ?? null)}
          />
          {/* named by its caption alone: the Save beside it is no part of the field's name */}
          <div className="field">
            <label className="field__label" htmlFor="kaspi-certificate-passphrase">
              {t('kaspi.certificatePassphrase')}
            </label>
            <span className="settings__inline">
              <input
                id="kaspi-certificate-passphrase"
                data-testid="kaspi-certificate-passphrase"
                className="field__input"
                type="password"
                name="kaspi-certificate-passphrase"
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                disabled={live}
                value={passphrase}
                onChange={(event) => setPassphrase(event.target.value)}
              />
              <SoftButton
                data-testid="kaspi-certificate-save"
                className="btn btn--primary"
                unavailable={pending !== null || live || file === null}
                onClick={() => void save()}
              >
                {t('settings.save')}
              </SoftButton>
            </span>
          </div>
        </div>
      )}
      {state.configured && state.source === 'store' && (
        <button
          type="button"
          data-testid="kaspi-certificate-clear"
          className="btn btn--danger-outline secret__clear"
          disabled={pending !== null || live}
          onClick={() => void clearSecret('certificate')}
        >
          {t('kaspi.clear')}
        </button>
      )}
    </div>
  );
}

export function KaspiSecrets({ settings, locale }: { settings: SettingsView; locale: Locale }) {
  const t = useTranslate(locale);
  const pending = useSettingsUi((s) => s.pending);
  const { scheme, secrets, secretBackend } = settings.kaspi;
  const envOnly = secretBackend.kind === 'env-only';
  const live = settings.mode === 'live';
  const secret = scheme === 'r1' ? secrets.apiKey : secrets.certificate;
  const props: SecretProps = { state: secret, editable: !envOnly && secret.source !== 'env', live, t };

  return (
    <section className="settings__section" data-testid="kaspi-secrets" aria-labelledby="kaspi-secrets-title">
      <h2 id="kaspi-secrets-title" className="settings__title">
        {t('kaspi.secrets')}
      </h2>
      {envOnly && (
        <div className="notice-box" data-testid="kaspi-env-only">
          <p>{t('kaspi.envOnly')}</p>
          <ul className="env-list">
            {ENV_VARIABLES.map(([name, key]) => (
              <li key={name}>
                <code>{name}</code> — {t(key)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!envOnly && !secretBackend.secure && (
        <div className="warning-box" data-testid="kaspi-insecure-warning" role="note">
          <p>{t('kaspi.insecureWarning')}</p>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="kaspi-accept-risk"
              checked={secretBackend.riskAccepted}
              disabled={pending !== null || live}
              onChange={(event) => void acceptRisk(event.target.checked)}
            />
            <span>{t('kaspi.acceptRisk')}</span>
          </label>
        </div>
      )}
      {scheme === 'r1' ? <ApiKeySecret {...props} /> : <CertificateSecret {...props} />}
      <SettingsFeedback section="secrets" locale={locale} />
    </section>
  );
}
