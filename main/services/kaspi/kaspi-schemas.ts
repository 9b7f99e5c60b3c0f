// zod schemas of Kaspi QR API responses (PascalCase, {StatusCode, Message, Data} envelope).
// Every response — from the real API or from our simulator — is parsed through these. Numbers arrive
// through kaspi-json.ts: safe integers as numbers, bigger integers and all decimals as strings.
import { z } from 'zod';
import { parseLenientIso } from '../../../shared/almaty-time.js';
import { kaspiTengeToTiyn } from '../../../shared/money.js';

export const envelopeSchema = z.object({
  StatusCode: z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]),
  // Kaspi's words on an error, for the log: never a reason to lose the answer (a Processed status).
  Message: z.unknown().transform((v) => (typeof v === 'string' ? v : null)).optional(),
  message: z.unknown().transform((v) => (typeof v === 'string' ? v : null)).optional(),
  Data: z.unknown().optional(),
});
export type KaspiEnvelope = z.infer<typeof envelopeSchema>;

/**
 * A QrToken is drawn as received, whatever its form (KASPI_QR_API.md §5.5), in a level-M QR code
 * (renderer/src/components/qr-symbol.ts), which holds at most 2 331 bytes: a longer one could never be shown.
 */
export const QR_TOKEN_MAX_BYTES = 2331;
const qrTokenSchema = z
  .string()
  .min(1)
  .refine((token) => new TextEncoder().encode(token).length <= QR_TOKEN_MAX_BYTES, 'QrToken too long for a QR code');

/** Int64 ids arrive as JSON numbers (or strings); we keep them as decimal strings. */
export const int64Schema = z
  .union([z.number().int().nonnegative().refine(Number.isSafeInteger, 'id beyond 2^53 lost precision'), z.string().regex(/^\d{1,19}$/)])
  .transform((v) => String(v));

/** Tenge (a Double with two decimals) -> integer tiyn, exactly; anything finer is refused. */
export const tengeSchema = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((value, ctx) => {
  try {
    return kaspiTengeToTiyn(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a tenge amount' });
    return z.NEVER;
  }
});

const seconds = z.number().int().positive().max(24 * 3600);
/**
 * Kaspi's dates, read leniently (KASPI_QR_API.md §4): "2020-01-16T10:30:00+06", 7-digit fractions,
 * no offset (= Almaty wall clock), non-padded days. Normalized to "2021-11-03T11:55:14+06:00"; a value
 * that cannot be read is kept as sent rather than failing the whole answer.
 */
const date = z
  .string()
  .min(8)
  .max(40)
  .transform((text) => parseLenientIso(text) ?? text);

/**
 * qr/create: only QrToken and QrPaymentId are needed to show the QR and watch the purchase. The rest
 * must not turn a purchase that exists into an "unknown" one: ExpireDate is only kept, and timers
 * that are missing or unreadable take the documented values (5 / 180 / 65 s, KASPI_QR_API.md §5.13).
 */
export const qrCreateDataSchema = z.object({
  QrToken: qrTokenSchema,
  ExpireDate: date.nullable().catch(null),
  QrPaymentId: int64Schema,
  PaymentMethods: z.array(z.string().max(40)).max(20).catch([]).default([]),
  QrPaymentBehaviorOptions: z
    .object({
      StatusPollingInterval: seconds.catch(5),
      QrCodeScanWaitTimeout: seconds.catch(180),
      PaymentConfirmationTimeout: seconds.catch(65),
    })
    .catch({ StatusPollingInterval: 5, QrCodeScanWaitTimeout: 180, PaymentConfirmationTimeout: 65 }),
});

/** qr/create-link, as leniently as qr/create: only the link and the id are needed. */
export const linkCreateDataSchema = z.object({
  PaymentLink: z.string().url().max(500),
  ExpireDate: date.nullable().catch(null),
  PaymentId: int64Schema,
  PaymentMethods: z.array(z.string().max(40)).max(20).catch([]).default([]),
  PaymentBehaviorOptions: z
    .object({
      StatusPollingInterval: seconds.catch(5),
      LinkActivationWaitTimeout: seconds.catch(180),
      PaymentConfirmationTimeout: seconds.catch(65),
    })
    .catch({ StatusPollingInterval: 5, LinkActivationWaitTimeout: 180, PaymentConfirmationTimeout: 65 }),
});

/**
 * An optional extra of a status answer (v02's TransactionId, ProductType: [H], values seen only in
 * mocks). Whatever form it takes, it must never make the answer unreadable — a Processed status would
 * be lost with it. A string or a finite number is kept (clipped to 64 characters); anything else is null.
 */
const optionalText = z.unknown().transform((value) => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length === 0) return null;
  return value.slice(0, 64);
}).optional();

/** Only Status is required: v01 sends nothing else, and v02's extras are all optional (KASPI_QR_API.md §5.7). */
export const statusDataSchema = z
  .object({
    Status: z.string().min(1).max(64),
    TransactionId: optionalText,
    ProductType: optionalText,
  })
  .passthrough();

export const tradePointsDataSchema = z
  .array(z.object({ TradePointId: int64Schema, TradePointName: z.string().max(200) }))
  .max(500);

export const deviceRegisterDataSchema = z.object({ DeviceToken: z.union([z.string().min(1).max(100), z.number()]).transform(String) });

// Fields Kassa never uses are read as leniently as qr/create's: an odd TransactionDate or ExpireDate,
// or missing timer settings, must not make the answer unreadable — a refund whose answer was lost is
// checked (and resolved by the manager) through payment/details alone.
export const detailsDataSchema = z.object({
  QrPaymentId: int64Schema,
  TotalAmount: tengeSchema,
  AvailableReturnAmount: tengeSchema,
  TransactionDate: date.nullish().catch(null),
});

export const returnDataSchema = z.object({ ReturnOperationId: int64Schema });

export const returnCreateDataSchema = z.object({
  QrToken: qrTokenSchema,
  ExpireDate: date.nullable().catch(null),
  QrReturnId: int64Schema,
  QrReturnBehaviorOptions: z
    .object({ QrCodeScanEventPollingInterval: seconds.catch(5), QrCodeScanWaitTimeout: seconds.catch(180) })
    .catch({ QrCodeScanEventPollingInterval: 5, QrCodeScanWaitTimeout: 180 }),
});

export const returnOperationsDataSchema = z
  .array(z.object({ QrPaymentId: int64Schema, TransactionDate: date.nullish().catch(null), Amount: tengeSchema }))
  .max(10);
