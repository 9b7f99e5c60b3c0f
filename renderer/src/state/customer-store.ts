// The customer display's whole state: the CustomerView main sends, and whether we reached main.
import { create } from 'zustand';
import type { CustomerView } from '../../../shared/domain.js';
import { toApiError } from '../api/api-error.js';
import { call, on, onLinkChange, onReconnect } from '../api/client.js';
import { ReadOrder } from './read-order.js';

interface CustomerState {
  view: CustomerView | null;
  errorCode: string | null;
  /** Kassa itself is gone: what the display shows is not current (no QR to scan). */
  linkDown: boolean;
}

export const useCustomer = create<CustomerState>(() => ({ view: null, errorCode: null, linkDown: false }));

const viewReads = new ReadOrder();

/** What the display shows, read afresh (at start and after the event stream came back). */
export async function readCustomerView(): Promise<void> {
  const newest = viewReads.begin();
  try {
    const view = await call('customer.view', {});
    if (newest()) useCustomer.setState({ view, errorCode: null });
  } catch (error) {
    if (newest()) useCustomer.setState({ errorCode: toApiError(error).code });
  }
}

/** The display only ever uses customer.view and the customer.updated event. */
export function startCustomerSession(): () => void {
  const stops = [
    on('customer.updated', (view) => {
      viewReads.heard();
      useCustomer.setState({ view, errorCode: null });
    }),
    onReconnect(() => void readCustomerView()),
    onLinkChange((up) => useCustomer.setState({ linkDown: !up })),
  ];
  void readCustomerView();
  return () => stops.forEach((stop) => stop());
}
