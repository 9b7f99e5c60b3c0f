// The cashier window: demo banner, settings-recovered, Kaspi connection and paid-late banners, tabs, the error line and the active tab.
import { useEffect, type KeyboardEvent } from 'react';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { useDocumentLocale, useTranslate } from '../i18n/i18n.js';
import { dismissSettingsRecovery, openTab } from '../state/cashier-actions.js';
import { startCashierSession } from '../state/cashier-session.js';
import { selectLocale, useCashier, type Tab } from '../state/cashier-store.js';
import { ConnectionBanner } from './connection-banner.js';
import { HistoryTab } from './history-tab.js';
import { ImportTab } from './import-tab.js';
import { PaidLateBanner } from './paid-late-banner.js';
import { ReconcileTab } from './reconcile-tab.js';
import { SaleTab } from './sale-tab.js';
import { SettingsTab } from './settings-tab.js';

const TABS: readonly Tab[] = ['sale', 'history', 'import', 'reconcile', 'settings'];

/** The tab list as ARIA tabs: arrow keys, Home and End move between tabs; Enter or Space opens the one focused. */
function moveBetweenTabs(event: KeyboardEvent<HTMLElement>): void {
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const at = tabs.indexOf(document.activeElement as HTMLElement);
  const next = at === -1 ? undefined : ({ ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 } as Record<string, number>)[event.key];
  if (next === undefined) return;
  event.preventDefault();
  tabs[(next + tabs.length) % tabs.length]!.focus();
}

function ErrorLine() {
  const error = useCashier((s) => s.error);
  const locale = useCashier(selectLocale);
  const t = useTranslate(locale);
  if (!error) return null;
  const text = error.kind === 'api' ? errorMessage(locale, error.code, error.params) : t(error.key);
  return (
    <div
      className="error-line"
      data-testid="error-message"
      data-code={error.kind === 'api' ? error.code : error.key}
      role="alert"
    >
      {text}
    </div>
  );
}

export function CashierApp() {
  useEffect(() => startCashierSession(), []);
  const locale = useCashier(selectLocale);
  const settings = useCashier((s) => s.settings);
  const tab = useCashier((s) => s.tab);
  const linkDown = useCashier((s) => s.linkDown);
  const t = useTranslate(locale);
  useDocumentLocale(locale, settings?.shopName ? `${t('app.title')} — ${settings.shopName}` : t('app.title'));

  return (
    <div className="cashier" data-testid="cashier-app" data-ready={settings !== null}>
      {settings?.mode === 'demo' && (
        <div className="demo-banner" data-testid="demo-banner" role="note">
          {t('app.demoBanner')}
        </div>
      )}
      {settings?.recovered && (
        <div className="connection-banner" data-testid="settings-recovered" data-recovered={settings.recovered} role="alert">
          {t(`app.settingsRecovered.${settings.recovered}`)}{' '}
          <button type="button" className="btn btn--ghost" data-testid="settings-recovered-dismiss" onClick={() => void dismissSettingsRecovery()}>
            {t('app.settingsRecovered.dismiss')}
          </button>
        </div>
      )}
      {linkDown && (
        <div className="connection-banner" data-testid="link-down" role="alert">
          {t('app.linkDown')}
        </div>
      )}
      <ConnectionBanner locale={locale} />
      <PaidLateBanner locale={locale} />
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true" />
          <span className="topbar__title">{t('app.title')}</span>
          {settings?.shopName && <span className="topbar__shop">{settings.shopName}</span>}
        </div>
        <nav className="tabs" role="tablist" aria-label={t('app.title')} onKeyDown={moveBetweenTabs}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              data-testid={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls="cashier-tabpanel"
              tabIndex={tab === id ? 0 : -1}
              className={`tabs__tab${tab === id ? ' tabs__tab--active' : ''}`}
              onClick={() => openTab(id)}
            >
              {t(`tabs.${id}`)}
            </button>
          ))}
        </nav>
      </header>
      <main className="cashier__main" role="tabpanel" id="cashier-tabpanel" aria-labelledby={`tab-${tab}`} data-tab={tab}>
        <ErrorLine />
        {tab === 'sale' && <SaleTab locale={locale} />}
        {tab === 'history' && <HistoryTab locale={locale} />}
        {tab === 'import' && <ImportTab locale={locale} />}
        {tab === 'reconcile' && <ReconcileTab locale={locale} />}
        {tab === 'settings' && <SettingsTab locale={locale} />}
      </main>
    </div>
  );
}
