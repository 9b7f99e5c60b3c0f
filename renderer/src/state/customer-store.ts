// The customer display's whole state: the CustomerView main sends, and whether we reached main.
import { create } from 'zustand';
import type { CustomerView } from '../../../shared/domain.js';
import { toApiError } from '../api/api-error.js';
import { call, on, onLinkChange, onReconnect } from '../api/client.js';

interface CustomerState {
  view: CustomerView | null;
  errorCode: string | null;
  /** Kassa itself is gone: what the display shows is not current (no QR to scan). */
  linkDown: boolean;
}

export const useCustomer = create<CustomerState>(() => ({ view: null, errorCode: null, linkDown: false }));

// Bumped by every event, so a fetch that started before an event cannot overwrite it.
let eventsSeen = 0;

async function fetchView(): Promise<void> {
  const before = eventsSeen;
  try {
    const view = await call('customer.view', {});
    if (eventsSeen === before) useCustomer.setState({ view, errorCode: null });
  } catch (error) {
    useCustomer.setState({ errorCode: toApiError(error).code });
  }
}

/** The display only ever uses customer.view and the customer.updated event. */
export function startCustomerSession(): () => void {
  const stops = [
    on('customer.updated', (view) => {
      eventsSeen++;
      useCustomer.setState({ view, errorCode: null });
    }),
    onReconnect(() => void fetchView()),
    onLinkChange((up) => useCustomer.setState({ linkDown: !up })),
  ];
  void fetchView();
  return () => stops.forEach((stop) => stop());
}
