// zod schemas of Kaspi QR API responses (PascalCase, {StatusCode, Message, Data} envelope).
// Every response — from the real API or from our simulator — is parsed through these.
import { z } from 'zod';

export const envelopeSchema = z.object({
  StatusCode: z.number().int(),
  Message: z.string().nullish(),
  message: z.string().nullish(),
  Data: z.unknown().optional(),
});
export type KaspiEnvelope = z.infer<typeof envelopeSchema>;

/** Int64 ids arrive as JSON numbers (or strings); we keep them as decimal strings. */
export const int64Schema = z.union([
  z.number().int().nonnegative().refine(Number.isSafeInteger, 'id beyond 2^53 lost precision'),
  z.string().regex(/^\d{1,19}$/),
]).transform((v) => String(v));

const seconds = z.number().int().positive().max(24 * 3600);

export const qrCreateDataSchema = z.object({
  QrToken: z.string().min(1).max(2048),
  ExpireDate: z.string().min(10).max(40),
  QrPaymentId: int64Schema,
  PaymentMethods: z.array(z.string().max(40)).max(20).default([]),
  QrPaymentBehaviorOptions: z.object({
    StatusPollingInterval: seconds,
    QrCodeScanWaitTimeout: seconds,
    PaymentConfirmationTimeout: seconds,
  }),
});

export const statusDataSchema = z.object({ Status: z.string().min(1).max(64) }).passthrough();
