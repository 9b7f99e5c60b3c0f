// The sale tab: amount entry, the running sale, or its result, driven by the current sale's status.
import { useRef } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { useCashier } from '../state/cashier-store.js';
import { AmountEntry } from './amount-entry.js';
import { RunningSale } from './running-sale.js';
import { SaleResult } from './sale-result.js';
import { salePhase, useSaleKeys } from './use-sale-keys.js';

export function SaleTab({ locale }: { locale: Locale }) {
  const sale = useCashier((s) => s.sale);
  const demo = useCashier((s) => s.settings?.mode === 'demo');
  const amountInput = useRef<HTMLInputElement>(null);
  useSaleKeys(amountInput);

  const phase = salePhase(sale);
  if (phase === 'entry' || !sale) return <AmountEntry locale={locale} inputRef={amountInput} />;
  if (phase === 'running') return <RunningSale sale={sale} locale={locale} demo={demo} />;
  return <SaleResult sale={sale} locale={locale} />;
}
