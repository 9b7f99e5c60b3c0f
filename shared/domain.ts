// Domain types shared by main and renderer. Pure data, no I/O.
import { z } from 'zod';

/** The persisted life of a sale. See main/services/payments/payment-machine.ts for the legal moves. */
export const SALE_STATUSES = [
  'created', // row written, Kaspi not yet asked
  'unknown', // qr/create was sent but its outcome is not known (timeout, dropped connection)
  'qr_shown', // Kaspi created the purchase; the QR is on screen
  'scanned', // the buyer scanned it and is confirming in the Kaspi app (Kaspi "Wait")
  'paid', // Kaspi said Processed; an order exists
  'failed', // Kaspi said Error, or refused to create the purchase
  'expired', // a Kaspi timer ran out on our side
  'cancelled', // the cashier gave up on it
] as const;
export const saleStatusSchema = z.enum(SALE_STATUSES);
export type SaleStatus = z.infer<typeof saleStatusSchema>;

export const REFUND_STATUSES = [
  'created', // row written, Kaspi not yet asked
  'qr_shown', // r2: the refund QR is on the customer display, waiting for the buyer to scan it
  'identified', // r2: the buyer scanned it (CustomerIdentityObtained)
  'returning', // payment/return sent
  'done', // Kaspi confirmed the refund (or the cashier recorded a manual one, r1)
  'failed', // Kaspi refused it; nothing was returned
  'unknown', // payment/return outcome unknown (timeout): checked against AvailableReturnAmount, never re-sent
  'cancelled', // the cashier gave up before anything was sent
] as const;
export const refundStatusSchema = z.enum(REFUND_STATUSES);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

/**
 * An 'unknown' refund Kaspi never confirmed within the check window. It may still be applied (nothing
 * bounds how late), so it is never failed on its own: its amount stays reserved, it is checked on, and
 * only a drop of AvailableReturnAmount or the manager's resolution ends it.
 */
export const REFUND_UNCONFIRMED = 'refund_unconfirmed';
/**
 * An unconfirmed refund after which AvailableReturnAmount dropped by at least its amount. A refund made
 * in the Kaspi Pay app looks the same, so the drop is not taken as ours: the amount stays reserved, it
 * is still checked, and the manager says which it was.
 */
export const REFUND_LATE_DROP = 'refund_late_drop';
/**
 * A refund the manager marked "not applied" after which AvailableReturnAmount dropped by at least its
 * amount (Kassa's own later refunds not explaining it): failed, flagged for the manager to review in
 * Kaspi Pay — ours went through after all ('applied': it becomes done), or the drop was a refund made
 * in the app ('refunded_in_app': recorded, ours stays failed and watched).
 */
export const REFUND_APPLIED_AFTER_VERDICT = 'refund_applied_after_verdict';
/** Reasons of an 'unknown' refund that only the manager's verdict ends. */
export const REFUND_AWAITING_VERDICT = [REFUND_UNCONFIRMED, REFUND_LATE_DROP] as const;
/**
 * The manager's verdict on an unconfirmed refund, after looking in the Kaspi Pay app. refunded_in_app:
 * (part of) the drop Kaspi shows is a refund made in the app instead — its amount, stated by the
 * manager, recorded as a manual refund; the rest of the drop still counts as ours (done when it is
 * exactly ours, else ours stays unconfirmed and checked: Kaspi may still apply it).
 */
export const REFUND_RESOLUTIONS = ['applied', 'not_applied', 'refunded_in_app'] as const;
export const refundResolutionSchema = z.enum(REFUND_RESOLUTIONS);
export type RefundResolution = z.infer<typeof refundResolutionSchema>;

/** Statuses after which the cashier screen is free for a new sale. */
export const CLOSED_STATUSES: readonly SaleStatus[] = ['paid', 'failed', 'expired', 'cancelled', 'unknown'];

export const LOCALES = ['ru', 'kk', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const MODES = ['demo', 'live'] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

const isoDate = z.string().max(40);
const amount = z.number().int().safe();

/** What the cashier window knows of a sale. Never carries credentials. */
export const saleViewSchema = z.object({
  id: z.string().max(64),
  amountTiyn: amount,
  description: z.string().max(200).nullable(),
  status: saleStatusSchema,
  mode: modeSchema,
  qrToken: z.string().max(2048).nullable(),
  qrPaymentId: z.string().max(24).nullable(),
  paymentMethods: z.array(z.string().max(40)).max(20),
  /** When the current Kaspi timer runs out (scan wait, then confirmation), if one is running. */
  deadline: isoDate.nullable(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
  orderNumber: z.string().max(32).nullable(),
  /** Translatable error code for failed / unknown / expired sales. */
  errorCode: z.string().max(64).nullable(),
  /** Kaspi's raw last status, shown in History for support. */
  kaspiStatus: z.string().max(64).nullable(),
  /** 'link': a Kaspi pay link (qr/create-link) for a buyer on the phone instead of a QR on screen. */
  kind: z.enum(['qr', 'link']),
  payLink: z.string().max(500).nullable(),
  /** Sum of completed refunds of this sale. */
  refundedTiyn: amount,
  /** A refund of this sale Kaspi never confirmed waits for the manager's verdict (in its refund panel). */
  refundAwaitingVerdict: z.boolean(),
  /** A refund of this sale marked "not applied" was then seen at Kaspi (REFUND_APPLIED_AFTER_VERDICT): the manager reviews it. */
  refundToReview: z.boolean(),
  /**
   * Paid after the cashier gave it up (cancelled, or its timers ran out): 'unseen' until a cashier
   * acknowledged it — the buyer must not be asked to pay again.
   */
  paidLate: z.enum(['unseen', 'seen']).nullable(),
});
export type SaleView = z.infer<typeof saleViewSchema>;

/** A calendar day, yyyy-mm-dd (Asia/Almaty where it stands for a day of the till). */
export const ymdSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const takings = z.object({ count: z.number().int().nonnegative(), tiyn: amount });
/**
 * One Almaty day of the till in its current mode, for the cashier's end-of-day check: the paid sales
 * rung up that day and the refunds sent that day that Kaspi confirmed (whatever day their sale was, whenever the confirmation came).
 */
/** At most this many of a day's refunds are listed under its takings (all are counted). */
export const MAX_DAY_REFUNDS = 200;
export const daySummarySchema = z.object({
  day: ymdSchema,
  mode: modeSchema,
  paid: takings,
  refunded: takings,
  /** The refunds `refunded` counts, oldest first: the sale each gave back (its day may be an earlier one). */
  refunds: z
    .array(
      z.object({
        id: z.string().max(64),
        sentAt: isoDate,
        amountTiyn: amount,
        saleId: z.string().max(64),
        saleCreatedAt: isoDate,
        orderNumber: z.string().max(20).nullable(),
      }),
    )
    .max(MAX_DAY_REFUNDS),
  /** Sales of the other mode that day (demo ones after going live, say): listed, not counted. */
  otherModeSales: z.number().int().nonnegative(),
});
export type DaySummary = z.infer<typeof daySummarySchema>;

/** The customer display's whole world: nothing here may identify the shop's account or the till. */
export const customerViewSchema = z.object({
  shopName: z.string().max(120),
  locale: localeSchema,
  /** Demo mode: the buyer is told no payment is real (a real Kaspi app could scan the QR). */
  demo: z.boolean(),
  sale: z
    .object({
      amountTiyn: amount,
      status: saleStatusSchema,
      qrToken: z.string().max(2048).nullable(),
      paymentMethods: z.array(z.string().max(40)).max(20),
      deadline: isoDate.nullable(),
      /** The deadline passed while Kaspi could not be heard: the buyer may have paid, it is being checked. */
      checking: z.boolean(),
    })
    .nullable(),
  /** r2 refunds: the refund QR the buyer scans in the Kaspi app. */
  refund: z
    .object({
      amountTiyn: amount,
      status: refundStatusSchema,
      qrToken: z.string().max(2048).nullable(),
      deadline: isoDate.nullable(),
    })
    .nullable(),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const SCHEMES = ['r1', 'r2', 'r3'] as const;
export const schemeSchema = z.enum(SCHEMES);
export type Scheme = z.infer<typeof schemeSchema>;

/** What the screen may know of a secret: that it is set, where from, and a masked hint. Never the value. */
export const secretStateSchema = z.object({
  configured: z.boolean(),
  source: z.enum(['store', 'env']).nullable(),
  hint: z.string().max(40).nullable(),
});
export type SecretState = z.infer<typeof secretStateSchema>;

export const SECRET_BACKENDS = ['safe-storage', 'keyring', 'env-only'] as const;

/**
 * What live mode still needs, in the order a manager fixes it (translated as liveGap.*).
 * api_key_address: an Api-Key is there, but not for this Kaspi address (it is sent only to Kaspi's
 * domain, this computer, or the address it was entered for).
 */
export const LIVE_GAPS = ['api_key', 'api_key_address', 'certificate', 'bin', 'secret_store', 'trade_point', 'device'] as const;
export const liveGapSchema = z.enum(LIVE_GAPS);
export type LiveGap = z.infer<typeof liveGapSchema>;

export const kaspiSettingsViewSchema = z.object({
  scheme: schemeSchema,
  /** Base URL without the /r1/v01 path, e.g. https://mtokentest.kaspi.kz:8543 */
  baseUrl: z.string().max(300),
  organizationBin: z.string().max(12).nullable(),
  tradePointId: z.string().max(24).nullable(),
  tradePointName: z.string().max(200).nullable(),
  deviceRegistered: z.boolean(),
  statusVersion: z.enum(['v01', 'v02']),
  /** Kaspi's extra CA certificates, by name; null = only the system's trusted roots. */
  caCertificates: z.string().max(120).nullable(),
  secrets: z.object({ apiKey: secretStateSchema, certificate: secretStateSchema }),
  secretBackend: z.object({
    kind: z.enum(SECRET_BACKENDS),
    /** false for Linux's unprotected basic_text store: live secrets then need the manager's explicit consent. */
    secure: z.boolean(),
    riskAccepted: z.boolean(),
  }),
  /** Everything live mode needs is configured (credentials, trade point, registered device). */
  ready: z.boolean(),
  /** What is still missing (empty when ready). */
  gaps: z.array(liveGapSchema).max(LIVE_GAPS.length),
});
export type KaspiSettingsView = z.infer<typeof kaspiSettingsViewSchema>;

export const settingsViewSchema = z.object({
  locale: localeSchema,
  shopName: z.string().max(120),
  mode: modeSchema,
  deviceId: z.string().max(64),
  kaspi: kaspiSettingsViewSchema,
  /** This start found settings.json unreadable: restored from the last good copy, or reset to defaults. */
  recovered: z.enum(['backup', 'defaults']).nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;


export const refundViewSchema = z.object({
  id: z.string().max(64),
  saleId: z.string().max(64),
  amountTiyn: amount,
  /** api: r3 direct; qr: r2 with the buyer scanning a refund QR; manual: r1, done by the cashier in Kaspi Pay. */
  method: z.enum(['api', 'qr', 'manual']),
  status: refundStatusSchema,
  qrToken: z.string().max(2048).nullable(),
  deadline: isoDate.nullable(),
  errorCode: z.string().max(64).nullable(),
  errorParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
});
export type RefundView = z.infer<typeof refundViewSchema>;

export const connectionViewSchema = z.object({
  /** false while Kaspi cannot be reached (network down, -999, 5xx); sales are kept and polling goes on. */
  online: z.boolean(),
  since: isoDate.nullable(),
  /** Offline because Kaspi refuses the till's key or certificate: a manager must look at the Kaspi settings. */
  refused: z.boolean(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;
