// Binds every contract channel to a service call. One line per channel; the logic lives in services.
import { AppError } from '../services/app-error.js';
import type { PaymentService } from '../services/payments/payment-service.js';
import type { SettingsService } from '../services/settings/settings-service.js';
import type { Handlers } from './handler-registry.js';
import type { CustomerView } from '../../shared/domain.js';

export interface HandlerDeps {
  payments: PaymentService;
  settings: SettingsService;
  version: string;
  transport: 'electron' | 'http';
  customerView: () => CustomerView;
  onSettingsChanged: () => void;
}

export function createHandlers(d: HandlerDeps): Handlers {
  const demoOnly = () => {
    if (d.settings.get().mode !== 'demo') throw new AppError('demo_only');
  };
  return {
    'app.info': () => ({ version: d.version, settings: d.settings.view(), transport: d.transport }),
    'payments.charge': (r) => d.payments.charge(r.amountTiyn, r.description ?? null),
    'payments.cancel': (r) => d.payments.cancel(r.saleId),
    'payments.get': (r) => d.payments.get(r.saleId),
    'payments.current': () => ({ sale: d.payments.current() }),
    'payments.list': (r) => ({ sales: d.payments.list(r.limit ?? 100, r.beforeId) }),
    'demo.scan': (r) => (demoOnly(), d.payments.demoAction(r.saleId, 'scan')),
    'demo.confirm': (r) => (demoOnly(), d.payments.demoAction(r.saleId, 'confirm')),
    'demo.fail': (r) => (demoOnly(), d.payments.demoAction(r.saleId, 'fail')),
    'customer.view': () => d.customerView(),
    'settings.get': () => d.settings.view(),
    'settings.update': (r) => {
      d.settings.update(r);
      d.onSettingsChanged();
      return d.settings.view();
    },
  };
}
