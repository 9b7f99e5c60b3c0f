// A deliberately small application menu: no Reload, no DevTools, no links out. Edit (copy/paste for the
// cashier) and the one setting that belongs to the desktop shell: which screen shows the customer view.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/domain.js';
import { translate, type MessageKey } from '../../shared/i18n/messages.js';
import type { CustomerDisplay } from './customer-display.js';

/** (Re)builds the menu in the app's language; call again when screens, the choice or the locale change. */
export function installMenu(customer: CustomerDisplay, locale: Locale): void {
  const t = (key: MessageKey, params?: Record<string, number>) => translate(locale, key, params);
  const saved = customer.savedChoice();
  const screens = customer.displays();
  const savedPresent = screens.some(({ display }) => display.id === saved);

  const displayItems: MenuItemConstructorOptions[] = screens.map(({ display, primary }, index) => ({
    label:
      `${display.label || t('menu.display', { number: index + 1 })} — ${display.bounds.width}×${display.bounds.height}` +
      (primary ? ` (${t('menu.primary')})` : ''),
    type: 'radio',
    checked: savedPresent && display.id === saved,
    click: () => customer.choose(display.id),
  }));

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    {
      // Electron's own editMenu labels are fixed English on Windows and Linux: the same roles, our words.
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.customer'),
      submenu: [
        { label: t('menu.show'), click: () => customer.open() },
        { type: 'separator' },
        { label: t('menu.auto'), type: 'radio', checked: !savedPresent, click: () => customer.choose(null) },
        ...displayItems,
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
