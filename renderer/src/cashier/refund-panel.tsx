// The refund of one paid sale, under its History row: amount (default: all that is left), then a
// Kaspi refund (r3 directly, r2 through a refund QR on the customer display) or, for r1 or when
// main says refund_manual_only (or the r2 buyer check cannot reach the sale), the Kaspi Pay app plus
// "record it here". A refund Kaspi never confirmed waits for the manager's verdict (applied, not
// applied, or refunded in Kaspi Pay instead); a drop seen after "not applied" is shown as an alert and
// reviewed the same way (ours after all, or a refund made in the app).
// Follows refund.updated.
import { useRef, useState, type Ref } from 'react';
import type { Locale, RefundView, SaleView } from '../../../shared/domain.js';
import { errorMessage, translate } from '../../../shared/i18n/messages.js';
import { formatTenge, parseAmountInput } from '../../../shared/money.js';
import { Countdown } from '../components/countdown.js';
import { formatAlmatyDateTime, useTranslate } from '../i18n/i18n.js';
import { useCashier } from '../state/cashier-store.js';
import { appRefundDigits, cancelRefund, closeRefund, recordInsteadOf, recordRefundedOutside, refundableTiyn, refundedOutsideTiyn, refundAmountToAsk, refundDigits, resolveRefund, setAppRefundAmount, setRefundAmount, submitRefund } from '../state/refund-actions.js';
import { isAppliedAfterVerdict, isSettled, isUnconfirmed, RECORD_OFFERED_AFTER, REFUNDED_OUTSIDE, refundStatusKey, useRefund, type RefundError } from '../state/refund-store.js';
import { AmountInput } from './amount-input.js';
import { useFocusWhenLost } from '../hooks/use-focus-when-lost.js';

function errorText(locale: Locale, error: RefundError): string {
  return error.kind === 'api' ? errorMessage(locale, error.code, error.params) : translate(locale, error.key, error.params);
}

export function RefundStatusLine({ refund, locale, ref }: { refund: RefundView; locale: Locale; ref?: Ref<HTMLParagraphElement> }) {
  // Why it failed, why it waits for the manager, or what to know about how it was done.
  const explained = refund.status === 'failed' || refund.status === 'done' || isUnconfirmed(refund);
  const reason = explained && refund.errorCode ? errorMessage(locale, refund.errorCode, refund.errorParams ?? undefined) : null;
  return (
    <p ref={ref} tabIndex={-1} className={`refund-status refund-status--${refund.status}`} data-testid="refund-status" data-status={refund.status} role={isAppliedAfterVerdict(refund) ? 'alert' : 'status'}>
      <span className="refund-status__label">{translate(locale, refundStatusKey(refund))}</span>
      <span className="refund-status__amount"> · {formatTenge(refund.amountTiyn)}</span>
      {reason && (
        <span className="refund-status__reason" data-code={refund.errorCode ?? ''}>
          {' '}
          — {reason}
        </span>
      )}
    </p>
  );
}

/**
 * The manager's verdict on a refund Kaspi never confirmed, after looking in the Kaspi Pay app; or
 * (`review`) on one marked "not applied" that Kaspi then showed a drop for: ours after all, or a refund
 * made in the app ("not applied" is what the drop contradicts).
 */
function ResolveUnconfirmed({ refund, locale, busy, review }: { refund: RefundView; locale: Locale; busy: boolean; review: boolean }) {
  const t = useTranslate(locale);
  const appDigits = useRefund((s) => s.appDigits);
  return (
    <div className="refund-panel__resolve" data-testid="refund-resolve" data-review={review}>
      <p className="refund-panel__note">{t(review ? 'refund.reviewHint' : 'refund.resolveHint')}</p>
      <button type="button" data-testid="refund-resolve-applied" className="btn btn--primary" disabled={busy} onClick={() => void resolveRefund('applied')}>
        {t('refund.resolveApplied')}
      </button>
      {!review && (
        <button type="button" data-testid="refund-resolve-not-applied" className="btn btn--danger-outline" disabled={busy} onClick={() => void resolveRefund('not_applied')}>
          {t('refund.resolveNotApplied')}
        </button>
      )}
      <label className="field">
        <span className="field__label">{t('refund.appAmount')}</span>
        <span className="refund-panel__amount">
          <AmountInput
            data-testid="refund-app-amount"
            className="field__input"
            autoComplete="off"
            spellCheck={false}
            text={appRefundDigits(refund, appDigits)}
            onText={setAppRefundAmount}
          />
          <span aria-hidden="true">₸</span>
        </span>
      </label>
      <button type="button" data-testid="refund-resolve-in-app" className="btn btn--ghost" disabled={busy} onClick={() => void resolveRefund('refunded_in_app')}>
        {t(review ? 'refund.reviewInApp' : 'refund.resolveInApp')}
      </button>
    </div>
  );
}

function RefundList({ refunds, locale }: { refunds: readonly RefundView[]; locale: Locale }) {
  const t = useTranslate(locale);
  return (
    <div className="refund-list">
      <span className="field__label">{t('refund.list')}</span>
      <ul data-testid="refund-list">
        {refunds.map((refund) => (
          <li key={refund.id} data-testid="refund-item" data-refund-id={refund.id} data-status={refund.status}>
            <time dateTime={refund.createdAt}>{formatAlmatyDateTime(locale, refund.createdAt)}</time>
            <span className="refund-list__amount">{formatTenge(refund.amountTiyn)}</span>
            <span className="refund-list__method">{t(`refundMethod.${refund.method}`)}</span>
            <span className={`refund-list__status refund-list__status--${refund.status}`}>{t(refundStatusKey(refund))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RefundPanel({ sale, locale }: { sale: SaleView; locale: Locale }) {
  const t = useTranslate(locale);
  const scheme = useCashier((s) => s.settings?.kaspi.scheme);
  const digits = useRefund((s) => s.digits);
  const manualReason = useRefund((s) => s.manualReason);
  const refund = useRefund((s) => s.refund);
  const refunds = useRefund((s) => s.refunds);
  const busy = useRefund((s) => s.busy);
  const error = useRefund((s) => s.error);

  // r1 has no refund API; a live r1 sale is refunded in Kaspi Pay and recorded here.
  const r1 = sale.mode === 'live' && scheme === 'r1';
  const manual = r1 || manualReason !== null;
  const left = refundableTiyn(sale, refunds, manualReason === REFUNDED_OUTSIDE);
  const outside = manual ? 0 : refundedOutsideTiyn(sale, refunds);
  const running = refund !== null && !isSettled(refund.status);
  // a refund to review (marked "not applied", then seen at Kaspi): no new refund until the manager answers
  const reviewing = refunds.some(isAppliedAfterVerdict);
  const submitTestId = manual ? 'refund-record-manual' : 'refund-submit';
  // Money leaves the shop: the amount is confirmed once before it is sent (or recorded).
  const [asking, setAsking] = useState(false);
  const amountInput = useRef<HTMLInputElement>(null);
  // The confirmation is gone once asked: the refund's status line takes the focus (and is read out).
  const statusLine = useRef<HTMLParagraphElement>(null);
  useFocusWhenLost(statusLine, refund?.id);
  // The amount field takes the focus when the panel opens — not when it shows again after a refund
  // (the status line has it then).
  const openedWith = useRef(refund?.id);
  /** "No": back to the amount, where the cashier corrects it (the focus would fall to the page). */
  const keepAmount = () => {
    setAsking(false);
    amountInput.current?.focus();
  };
  const typed = parseAmountInput(refundDigits(sale, digits, refunds));
  const askedAmount = typed === null ? '—' : formatTenge(typed);

  return (
    <div
      className="refund-panel"
      data-testid="refund-panel"
      data-sale-id={sale.id}
      data-flow={manual ? 'manual' : 'kaspi'}
      onKeyDown={(event) => event.key === 'Escape' && closeRefund()}
    >
      <div className="refund-panel__head">
        <h3 className="refund-panel__title">
          {t('refund.title', { amount: formatTenge(sale.amountTiyn), order: sale.orderNumber ?? '—' })}
        </h3>
        <button type="button" data-testid="refund-close" className="btn btn--ghost" onClick={closeRefund}>
          {t('refund.close')}
        </button>
      </div>
      {manual && (
        <p className="refund-panel__note" data-testid="refund-manual-note">
          {manualReason ? errorMessage(locale, manualReason) : t('refund.manualR1')}
        </p>
      )}
      {left === 0 ? (
        <p className="refund-panel__done" data-testid="refund-nothing-left">
          {t('refund.nothingLeft')}
        </p>
      ) : (
        !running &&
        !reviewing && (
          <div className="refund-panel__form">
            <label className="field">
              <span className="field__label">{t('refund.amount')}</span>
              <span className="refund-panel__amount">
                <AmountInput
                  inputRef={amountInput}
                  autoFocus={refund?.id === openedWith.current}
                  data-testid="refund-amount"
                  className="field__input"
                  autoComplete="off"
                  spellCheck={false}
                  text={refundDigits(sale, digits, refunds)}
                  onText={(raw, retyped) => {
                    setAsking(false);
                    setRefundAmount(raw, retyped);
                  }}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter') return;
                    // else the same key press would click the confirmation's focused "no" at once
                    event.preventDefault();
                    if (refundAmountToAsk(sale) !== null) setAsking(true);
                  }}
                />
                <span aria-hidden="true">₸</span>
              </span>
              <span className="hint">{t('refund.available', { amount: formatTenge(left) })}</span>
            </label>
            {asking ? (
              <div
                className="refund-panel__confirm"
                role="group"
                aria-labelledby="refund-confirm-ask"
                onKeyDown={(event) => {
                  if (event.key !== 'Escape') return;
                  event.stopPropagation(); // "No" only: the panel stays open
                  keepAmount();
                }}
              >
                <span id="refund-confirm-ask">{t(manual ? 'refund.confirmRecordAsk' : 'refund.confirmAsk', { amount: askedAmount })}</span>
                <button
                  type="button"
                  data-testid="refund-confirm"
                  className="btn btn--primary"
                  disabled={busy}
                  onClick={() => {
                    setAsking(false);
                    void submitRefund(sale, manual);
                  }}
                >
                  {manual ? t('refund.recordManual') : t('refund.submit')}
                </button>
                {/* the safe answer has the focus: Enter twice never refunds by accident */}
                <button type="button" data-testid="refund-confirm-no" className="btn btn--ghost" autoFocus onClick={keepAmount}>
                  {t(manual ? 'refund.confirmRecordNo' : 'refund.confirmNo')}
                </button>
              </div>
            ) : (
              <button type="button" data-testid={submitTestId} className="btn btn--primary" disabled={busy} onClick={() => refundAmountToAsk(sale) !== null && setAsking(true)}>
                {manual ? t('refund.recordManual') : t('refund.submit')}
              </button>
            )}
          </div>
        )
      )}
      {refund && <RefundStatusLine refund={refund} locale={locale} ref={statusLine} />}
      {!manual && refund?.status === 'failed' && RECORD_OFFERED_AFTER.includes(refund.errorCode ?? '') && (
        <button type="button" data-testid="refund-offer-manual" className="btn btn--ghost" onClick={() => recordInsteadOf(refund.errorCode!)}>
          {t('refund.recordManual')}
        </button>
      )}
      {outside > 0 && (
        // Kaspi refused as too much: it shows money back that Kassa has no record of (a refund in the app)
        <button type="button" data-testid="refund-offer-outside" className="btn btn--ghost" onClick={() => recordRefundedOutside(outside)}>
          {t('refund.recordOutside', { amount: formatTenge(outside) })}
        </button>
      )}
      {refund?.status === 'qr_shown' && (
        <div className="refund-panel__qr" data-testid="refund-qr-hint">
          <p className="refund-panel__note">{t('refund.showQr')}</p>
          <Countdown deadline={refund.deadline} locale={locale} testId="refund-countdown" />
          <button type="button" data-testid="refund-cancel" className="btn btn--danger-outline" disabled={busy} onClick={() => void cancelRefund()}>
            {t('refund.cancel')}
          </button>
        </div>
      )}
      {refund && (isUnconfirmed(refund) || isAppliedAfterVerdict(refund)) && <ResolveUnconfirmed refund={refund} locale={locale} busy={busy} review={!isUnconfirmed(refund)} />}
      {error && (
        <p className="refund-panel__error" data-testid="refund-error" data-code={error.kind === 'api' ? error.code : error.key} role="alert">
          {errorText(locale, error)}
        </p>
      )}
      {refunds.length > 0 && <RefundList refunds={refunds} locale={locale} />}
    </div>
  );
}
