// A deliberately small application menu: no Reload, no DevTools, no links out. Edit (copy/paste for the
// cashier) and the one setting that belongs to the desktop shell: which screen shows the customer view.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/domain.js';
import type { CustomerDisplay } from './customer-display.js';

const LABELS = {
  ru: {
    customer: 'Экран покупателя',
    show: 'Показать экран покупателя',
    auto: 'Автоматически (второй монитор)',
    display: 'Монитор',
    primary: 'основной',
  },
  kk: {
    customer: 'Сатып алушы экраны',
    show: 'Сатып алушы экранын көрсету',
    auto: 'Автоматты (екінші монитор)',
    display: 'Монитор',
    primary: 'негізгі',
  },
  en: {
    customer: 'Customer display',
    show: 'Show customer display',
    auto: 'Automatic (second monitor)',
    display: 'Display',
    primary: 'primary',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** (Re)builds the menu in the app's language; call again when screens, the choice or the locale change. */
export function installMenu(customer: CustomerDisplay, locale: Locale): void {
  const text = LABELS[locale];
  const saved = customer.savedChoice();
  const screens = customer.displays();
  const savedPresent = screens.some(({ display }) => display.id === saved);

  const displayItems: MenuItemConstructorOptions[] = screens.map(({ display, primary }, index) => ({
    label:
      `${display.label || `${text.display} ${index + 1}`} — ${display.bounds.width}×${display.bounds.height}` +
      (primary ? ` (${text.primary})` : ''),
    type: 'radio',
    checked: savedPresent && display.id === saved,
    click: () => customer.choose(display.id),
  }));

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'editMenu' },
    {
      label: text.customer,
      submenu: [
        { label: text.show, click: () => customer.open() },
        { type: 'separator' },
        { label: text.auto, type: 'radio', checked: !savedPresent, click: () => customer.choose(null) },
        ...displayItems,
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
