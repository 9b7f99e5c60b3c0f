// Starts the cashier window: event subscriptions first (so nothing is missed), then the initial
// fetches; after an event-stream reconnect everything that may have changed is fetched again.
import { on, onLinkChange, onReconnect } from '../api/client.js';
import {
  loadConnection,
  loadSettings,
  receiveConnection,
  receiveCustomerView,
  receiveSale,
  receiveSettings,
  refreshCurrent,
} from './cashier-actions.js';
import { importReconnected, receivePreviewProgress, receiveProgress, receiveUndone } from './import-actions.js';
import { loadHistory } from './history-actions.js';
import { receiveRefund, refreshRefunds } from './refund-actions.js';
import { useCashier } from './cashier-store.js';

export function startCashierSession(): () => void {
  const stops = [
    on('sale.updated', receiveSale),
    on('settings.changed', receiveSettings),
    on('kaspi.connection', receiveConnection),
    on('refund.updated', receiveRefund),
    on('import.progress', receiveProgress),
    on('import.undone', receiveUndone),
    on('import.previewProgress', receivePreviewProgress),
    on('customer.updated', receiveCustomerView),
    onLinkChange((up) => useCashier.setState({ linkDown: !up })),
    onReconnect(() => {
      void loadSettings();
      void refreshCurrent();
      void loadConnection();
      if (useCashier.getState().tab === 'history') void loadHistory();
      refreshRefunds();
      // Imports made meanwhile (or the end of ours, if its event was missed) show in the history.
      importReconnected();
    }),
  ];
  void loadSettings();
  void refreshCurrent();
  void loadConnection();
  return () => stops.forEach((stop) => stop());
}
