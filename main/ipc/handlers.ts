// Binds every contract channel to a service call. One line per channel where possible; the logic
// lives in services.
import type { CustomerView, SettingsView } from '../../shared/domain.js';
import { AppError } from '../services/app-error.js';
import { kaspiErrorCode } from '../services/kaspi/kaspi-error-code.js';
import { KaspiError } from '../services/kaspi/kaspi-port.js';
import { describeCaPem, removeCaPem, saveCaPem } from '../services/kaspi/kaspi-ca.js';
import type { LiveKaspi } from '../services/kaspi/live-kaspi.js';
import type { PaymentService } from '../services/payments/payment-service.js';
import type { SalesHistory } from '../services/payments/sales-history.js';
import type { RefundService } from '../services/refunds/refund-service.js';
import type { SecretsService } from '../services/secrets/secrets-service.js';
import type { SettingsService } from '../services/settings/settings-service.js';
import type { Handlers } from './handler-registry.js';
import { isValidBin } from '../../shared/bin.js';
import { waitingWorkParams } from '../../shared/waiting-work.js';

export interface HandlerDeps {
  payments: PaymentService;
  history: SalesHistory;
  refunds: RefundService;
  settings: SettingsService;
  secrets: SecretsService;
  live: LiveKaspi;
  version: string;
  dataDir: string;
  transport: 'electron' | 'http';
  customerView: () => CustomerView;
  settingsView: () => SettingsView;
  onSettingsChanged: () => void;
}

type CoreChannels = Exclude<keyof Handlers, `imports.${string}` | `reconcile.${string}`>;

export function createHandlers(d: HandlerDeps): Pick<Handlers, CoreChannels> {
  const demoOnly = () => {
    if (d.settings.get().mode !== 'demo') throw new AppError('demo_only');
  };
  const changed = () => {
    d.onSettingsChanged();
    return d.settingsView();
  };
  const riskAccepted = () => d.settings.get().kaspi.riskAccepted;
  // Kaspi identity (scheme, host, BIN, device and trade point) may not change under a live sale or
  // refund Kassa is still watching: its next status read would go to another account and find nothing.
  // Credentials for the same identity (API key, certificate, Kaspi's CA) may be replaced: they change
  // only how we prove who we are, and a revoked key or an expired certificate must be replaceable while
  // that work is stuck behind it. The live client is rebuilt with them for the pending work too.
  // Removing a credential still waits: the pending work would be left with none.
  // A refund Kaspi never confirmed waits for the manager's resolution, not for a timer: say so.
  const noLiveWork = () => {
    const unconfirmed = d.refunds.unconfirmedLiveParams();
    if (unconfirmed) throw new AppError('live_refund_unconfirmed', unconfirmed);
    // named, so that the manager knows which one; when Kaspi keeps refusing the old key, certificate or
    // address, only those can read it to its end
    const waiting = waitingWorkParams(d.payments.oldestUnsettledLive(), () => d.refunds.oldestUnsettledLive());
    if (waiting) throw new AppError('live_work_pending', waiting);
  };
  return {
    'app.info': () => ({ version: d.version, settings: d.settingsView(), transport: d.transport }),
    'payments.charge': (r) => d.payments.charge(r.amountTiyn, r.description ?? null, r.kind ?? 'qr'),
    'payments.cancel': (r) => d.payments.cancel(r.saleId),
    'payments.get': (r) => d.payments.get(r.saleId),
    'payments.current': () => ({ sale: d.payments.currentForWindow(), paidLate: d.payments.paidLate() }),
    'payments.ackPaidLate': (r) => d.payments.acknowledgePaidLate(r.saleId),
    'payments.list': (r) => d.history.page(r),
    'payments.daySummary': (r) => d.history.daySummary(r.day),
    'demo.scan': (r) => (demoOnly(), d.payments.demoAction(r.saleId, 'scan')),
    'demo.confirm': (r) => (demoOnly(), d.payments.demoAction(r.saleId, 'confirm')),
    'demo.fail': (r) => (demoOnly(), d.payments.demoAction(r.saleId, 'fail')),
    'customer.view': () => d.customerView(),
    'settings.get': () => d.settingsView(),
    'settings.dismissRecovery': () => {
      d.settings.acknowledgeRecovery();
      return changed();
    },
    'settings.update': (r) => {
      const kaspi = d.settings.get().kaspi;
      const identityChanged =
        (r.kaspi?.scheme !== undefined && r.kaspi.scheme !== kaspi.scheme) ||
        (r.kaspi?.baseUrl !== undefined && r.kaspi.baseUrl !== kaspi.baseUrl) ||
        (r.kaspi?.organizationBin !== undefined && r.kaspi.organizationBin !== kaspi.organizationBin);
      if (r.mode === 'live' && d.settings.get().mode !== 'live') {
        // another Kaspi identity has no registration yet: live must wait for it
        const gap = identityChanged ? 'trade_point' : d.live.gaps()[0];
        if (gap) throw new AppError('live_not_ready', { missing: gap });
      }
      if (r.mode && r.mode !== d.settings.get().mode && d.payments.current()) throw new AppError('sale_in_progress');
      // a refund QR on the customer display stays under the banner of the mode it was made in
      if (r.mode && r.mode !== d.settings.get().mode && d.refunds.qrRunning()) throw new AppError('refund_qr_showing');
      if (r.kaspi?.organizationBin && !isValidBin(r.kaspi.organizationBin)) throw new AppError('kaspi_bin_invalid');
      if (identityChanged && d.settings.get().mode === 'live') throw new AppError('switch_to_demo_first');
      if (identityChanged) noLiveWork();
      d.settings.update({
        locale: r.locale,
        shopName: r.shopName,
        mode: r.mode,
        // A DeviceToken belongs to one host, scheme and BIN: changing any of them asks for a new registration.
        kaspi: { ...r.kaspi, ...(identityChanged ? { deviceToken: null, tradePointId: null, tradePointName: null } : {}) },
      });
      return changed();
    },
    'secrets.setApiKey': async (r) => {
      await d.secrets.setApiKey(r.apiKey, riskAccepted());
      // Entered for this address: bound to it. Not while a key from the environment is the one in use
      // (anyone could "enter" a key and so move that one to any address).
      if (d.secrets.state().apiKey.source === 'store') d.live.bindApiKey(true);
      return changed();
    },
    'secrets.setCertificate': async (r) => {
      await d.secrets.setCertificate(r.fileName, r.pfxBase64, r.passphrase, riskAccepted());
      d.settings.update({ kaspi: { certificateFileName: r.fileName } });
      return changed();
    },
    'secrets.clear': async (r) => {
      noLiveWork();
      if (d.settings.get().mode === 'live') throw new AppError('switch_to_demo_first');
      await d.secrets.clear(r.which);
      return changed();
    },
    'secrets.acceptRisk': (r) => {
      d.settings.update({ kaspi: { riskAccepted: r.accept } });
      return changed();
    },
    'kaspi.ping': async () => {
      const started = Date.now();
      await kaspiCall(() => d.live.setupClient().ping());
      return { latencyMs: Date.now() - started };
    },
    'kaspi.tradePoints': async () => ({ tradePoints: await kaspiCall(() => d.live.setupClient().tradePoints()) }),
    'kaspi.registerDevice': async (r) => {
      // Registering the SAME till again (same scheme, host and BIN — settings this call never changes —
      // and the same trade point) is allowed under pending live work: device/register is idempotent for
      // a DeviceId and trade point, and after the device was deleted in the Kaspi Pay app (-1501) it is
      // the only way to let the pending work (e.g. the read a refund verdict needs) reach Kaspi again.
      const kaspi = d.settings.get().kaspi;
      if (kaspi.tradePointId === null || r.tradePointId !== kaspi.tradePointId) noLiveWork();
      const token = await kaspiCall(() => d.live.setupClient().registerDevice(d.settings.get().deviceId, r.tradePointId));
      // Another window changed the Kaspi address, scheme or BIN while Kaspi answered: the token is not theirs.
      const now = d.settings.get().kaspi;
      if (now.scheme !== kaspi.scheme || now.baseUrl !== kaspi.baseUrl || now.organizationBin !== kaspi.organizationBin) throw new AppError('kaspi_settings_changed');
      d.settings.update({ kaspi: { deviceToken: token, tradePointId: r.tradePointId, tradePointName: r.tradePointName ?? null } });
      return changed();
    },
    'kaspi.unregisterDevice': async () => {
      noLiveWork();
      if (d.settings.get().mode === 'live') throw new AppError('switch_to_demo_first');
      try {
        await kaspiCall(() => d.live.client().deleteDevice());
      } catch (error) {
        // A device already removed in the Kaspi Pay app answers -1501: it is gone either way.
        if (!(error instanceof AppError && error.params?.code === -1501)) throw error;
      }
      d.settings.update({ kaspi: { deviceToken: null, tradePointId: null, tradePointName: null } });
      return changed();
    },
    'kaspi.connection': () => d.payments.connectionState(),
    'kaspi.setCa': (r) => {
      if (d.settings.get().mode === 'live') throw new AppError('switch_to_demo_first');
      if (r.pem === null) {
        noLiveWork();
        removeCaPem(d.dataDir);
        d.settings.update({ kaspi: { caFile: null, caNames: null } });
      } else {
        const names = describeCaPem(r.pem);
        d.settings.update({ kaspi: { caFile: saveCaPem(d.dataDir, r.pem), caNames: names } });
      }
      return changed();
    },
    'refunds.start': (r) => d.refunds.start(r.saleId, r.amountTiyn),
    'refunds.recordManual': (r) => d.refunds.recordManual(r.saleId, r.amountTiyn, r.seenRefundedTiyn),
    'refunds.cancel': (r) => d.refunds.cancel(r.refundId),
    'refunds.list': (r) => ({ refunds: d.refunds.list(r.saleId) }),
    'refunds.resolve': (r) => d.refunds.resolve(r.refundId, r.outcome, r.outcome === 'refunded_in_app' ? r.amountTiyn : undefined),
  };
}

/** Kaspi's answers to setup calls become translated errors the manager can act on. */
async function kaspiCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof KaspiError) {
      const { code, statusCode } = kaspiErrorCode(error);
      throw new AppError(code, statusCode !== null ? { code: statusCode } : { reason: error.message.slice(0, 40) });
    }
    throw error;
  }
}
