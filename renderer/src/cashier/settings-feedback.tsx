// The line under a Settings section: "Saved", "Connected, 84 ms", or the translated error from main.
import type { Locale } from '../../../shared/domain.js';
import { errorMessage, translate } from '../../../shared/i18n/messages.js';
import { useSettingsUi, type SettingsSection } from '../state/settings-store.js';

const TEST_IDS: Record<SettingsSection, string> = {
  mode: 'mode-feedback',
  connection: 'kaspi-connection-feedback',
  secrets: 'kaspi-secrets-feedback',
  ping: 'kaspi-ping-result',
  device: 'kaspi-device-feedback',
};

export function SettingsFeedback({ section, locale }: { section: SettingsSection; locale: Locale }) {
  const feedback = useSettingsUi((s) => s.feedback[section]);
  if (!feedback) return null;
  const ok = feedback.kind === 'ok';
  const text =
    feedback.kind === 'api' ? errorMessage(locale, feedback.code, feedback.params) : translate(locale, feedback.key, feedback.params);
  return (
    <p
      className={`feedback feedback--${ok ? 'ok' : 'error'}`}
      data-testid={TEST_IDS[section]}
      data-ok={ok}
      data-code={feedback.kind === 'api' ? feedback.code : feedback.key}
      role={ok ? 'status' : 'alert'}
    >
      {text}
    </p>
  );
}
