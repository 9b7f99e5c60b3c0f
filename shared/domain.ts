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
});
export type SaleView = z.infer<typeof saleViewSchema>;

/** The customer display's whole world: nothing here may identify the shop's account or the till. */
export const customerViewSchema = z.object({
  shopName: z.string().max(120),
  locale: localeSchema,
  sale: z
    .object({
      amountTiyn: amount,
      status: saleStatusSchema,
      qrToken: z.string().max(2048).nullable(),
      paymentMethods: z.array(z.string().max(40)).max(20),
      deadline: isoDate.nullable(),
    })
    .nullable(),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const settingsViewSchema = z.object({
  locale: localeSchema,
  shopName: z.string().max(120),
  mode: modeSchema,
  deviceId: z.string().max(64),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;
