// Keyboard-first till: on the sale tab digits go to the amount wherever focus is (after a finished
// sale they start the next one), Enter charges (or starts a new sale after a finished one), Esc
// cancels the running sale or clears the input.
import { useEffect, type RefObject } from 'react';
import type { SaleView } from '../../../shared/domain.js';
import {
  cancelSale,
  chargeTyped,
  clearEntry,
  newSale,
  typeAmountKey,
} from '../state/cashier-actions.js';
import { saleLabel } from '../../../shared/sale-label.js';
import { isClosed, useCashier } from '../state/cashier-store.js';

export type SalePhase = 'entry' | 'running' | 'result';

export function salePhase(sale: SaleView | null): SalePhase {
  if (!sale) return 'entry';
  return isClosed(sale.status) ? 'result' : 'running';
}

/** A key that types one visible character: a digit, "," / ".", or a sign the amount warns about ("-", a letter). */
function isTypedSign(key: string): boolean {
  return key.length === 1 && key !== ' ';
}

/** A finished sale whose payment is not known (checking, unresolved). */
function isUnsure(sale: SaleView): boolean {
  const label = saleLabel(sale);
  return label === 'checking' || label === 'unresolved';
}

function isTextField(el: HTMLElement | null): boolean {
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/** Elements whose own Enter behaviour (click, open) must not be doubled by ours. */
function handlesEnterItself(el: HTMLElement | null): boolean {
  return !!el && ['BUTTON', 'A', 'SELECT', 'TEXTAREA', 'SUMMARY'].includes(el.tagName);
}

export function useSaleKeys(amountInput: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const phase = salePhase(useCashier.getState().sale);

      if (event.key === 'Escape') {
        event.preventDefault();
        if (phase === 'running') void cancelSale();
        else if (phase === 'result') newSale();
        else {
          clearEntry();
          amountInput.current?.focus();
        }
        return;
      }
      if (event.key === 'Enter') {
        if (handlesEnterItself(target)) return;
        event.preventDefault();
        if (phase === 'entry') void chargeTyped();
        else if (phase === 'result') newSale();
        return;
      }
      const sale = useCashier.getState().sale;
      if (phase === 'result' && !isTextField(target) && isTypedSign(event.key) && sale && !isUnsure(sale)) {
        // The next buyer's amount typed straight over a finished sale starts the new sale (a sign too:
        // "-5" must warn, not charge 5). Not over one whose payment is unknown: its "do not charge
        // again" must be read, and only Enter or the button leave it.
        event.preventDefault();
        newSale();
        typeAmountKey(event.key);
        setTimeout(() => amountInput.current?.focus(), 0); // the amount field is there once the entry renders
        return;
      }
      if (phase === 'entry' && !isTextField(target) && (isTypedSign(event.key) || event.key === 'Backspace')) {
        event.preventDefault();
        typeAmountKey(event.key);
        amountInput.current?.focus();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [amountInput]);
}
