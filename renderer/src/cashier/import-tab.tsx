// Statement import is the next feature; until it exists the tab says so plainly.
import type { Locale } from '../../../shared/domain.js';
import { useTranslate } from '../i18n/i18n.js';

export function ImportTab({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  return (
    <section className="notice" data-testid="import-unavailable">
      <p>{t('import.unavailable')}</p>
    </section>
  );
}
