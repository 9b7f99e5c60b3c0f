// The one contract between the renderer and main. Every channel and every event is listed here once,
// with its zod schemas; the preload, the handler registry, the HTTP host and the renderer client are
// all derived from these two tables. Adding a channel = one entry here + its handler.
import { z } from 'zod';
import {
  connectionViewSchema,
  customerViewSchema,
  daySummarySchema,
  localeSchema,
  modeSchema,
  refundResolutionSchema,
  refundViewSchema,
  saleViewSchema,
  schemeSchema,
  settingsViewSchema,
  ymdSchema,
} from './domain.js';
import { MAX_SALE_TIYN } from './money.js';
import {
  csvMappingSchema,
  importBatchSchema,
  importFormatSchema,
  importPreviewSchema,
  importProgressSchema,
  previewProgressSchema,
  reconcileStatuses,
  reconcileViewSchema,
  undoImpactSchema,
} from './import-domain.js';

/** Who may call a channel: the cashier window, or also the customer-facing display. */
export type Audience = 'cashier' | 'customer';

interface ChannelDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  reply: Res;
  audience: readonly Audience[];
}
function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  reply: Res,
  audience: readonly Audience[] = ['cashier'],
): ChannelDef<Req, Res> {
  return { request, reply, audience };
}

/** Kaspi's base address without the /{scheme}/{version} (or a bare /{scheme}) Kassa adds to every call, and no trailing slash. */
export function kaspiBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/r[123](\/v0\d)?$/i, '');
}
/**
 * Kaspi's address as a manager or operator types it: https, or plain http to a simulator on this
 * computer only. Kassa adds /{scheme}/{version} itself: the address as Kaspi's documents write it
 * (…:8543/r1/v01) loses that part.
 */
export const kaspiBaseUrlSchema = z
  .string()
  .trim()
  .url()
  .max(300)
  .refine((url) => /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(url), 'https only')
  .transform(kaspiBaseUrl);
/** An Api-Key as Kaspi issues it: 8–200 visible ASCII characters — no spaces, no letters of other scripts (a pasted line of a letter). */
export const apiKeyText = z.string().trim().min(8).max(200).regex(/^[\x21-\x7e]+$/);

const none = z.object({}).strict();
const saleId = z.object({ saleId: z.string().min(1).max(64) }).strict();
const amountTiyn = z.number().int().positive().max(MAX_SALE_TIYN);
const int64Text = z.string().regex(/^\d{1,19}$/);
const uploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const ymd = ymdSchema;
const ordered = (r: { from: string; to: string }) => r.from <= r.to;
/** A reconciliation's period; demo sales take part only when asked for (they never reach a Kaspi report). */
const reconcileRange = z
  .object({
    from: ymd,
    to: ymd,
    includeDemo: z.boolean().optional(),
    /** Only this status's pairs listed (the filter on screen): a busy month's list is cut, problems first. */
    status: z.enum(reconcileStatuses).optional(),
  })
  .strict()
  .refine(ordered, { message: 'from after to', path: ['to'] });

export const channels = {
  'app.info': channel(
    none,
    // the cashier's only: the settings name the device, the BIN and the Kaspi address, none of the customer's business
    z.object({ version: z.string().max(40), settings: settingsViewSchema, transport: z.enum(['electron', 'http']) }),
  ),
  'payments.charge': channel(
    z
      .object({
        amountTiyn,
        description: z.string().trim().max(200).optional(),
        /** 'link': a Kaspi pay link to send to a buyer on the phone, instead of a QR. */
        kind: z.enum(['qr', 'link']).optional(),
      })
      .strict(),
    saleViewSchema,
  ),
  'payments.cancel': channel(saleId, saleViewSchema),
  'payments.get': channel(saleId, saleViewSchema),
  /** The running sale, and the sales paid after the cashier gave them up that no cashier has acknowledged. */
  'payments.current': channel(none, z.object({ sale: saleViewSchema.nullable(), paidLate: z.array(saleViewSchema).max(20) })),
  /** A cashier has seen that this sale was paid after all (its notice goes from every till screen). */
  'payments.ackPaidLate': channel(saleId, saleViewSchema),
  'payments.list': channel(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        beforeId: z.string().max(64).optional(),
        /** Only the sales rung up on this Almaty day. */
        day: ymd.optional(),
      })
      .strict(),
    /** more: older sales (of that day) follow; ask again with beforeId = the last one's id. */
    z.object({ sales: z.array(saleViewSchema).max(500), more: z.boolean() }),
  ),
  /** Without a day: today in Almaty, by main's clock (the reply says which day it was). */
  'payments.daySummary': channel(z.object({ day: ymd.optional() }).strict(), daySummarySchema),
  'demo.scan': channel(saleId, saleViewSchema),
  'demo.confirm': channel(saleId, saleViewSchema),
  'demo.fail': channel(saleId, saleViewSchema),
  'customer.view': channel(none, customerViewSchema, ['cashier', 'customer']),
  'settings.get': channel(none, settingsViewSchema),
  'settings.update': channel(
    z
      .object({
        locale: localeSchema.optional(),
        /** '' takes the name off the customer display. */
        shopName: z.string().trim().max(120).optional(),
        /** Switching to live is refused until the Kaspi settings are complete (error live_not_ready). */
        mode: modeSchema.optional(),
        kaspi: z
          .object({
            scheme: schemeSchema.optional(),
            baseUrl: kaspiBaseUrlSchema.optional(),
            organizationBin: z.string().regex(/^\d{12}$/).nullable().optional(),
            statusVersion: z.enum(['v01', 'v02']).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    settingsViewSchema,
  ),
  /** The manager has read the "settings file was damaged" banner: it goes (SettingsView.recovered → null). */
  'settings.dismissRecovery': channel(none, settingsViewSchema),
  // Secrets go one way only: into main. Replies carry the masked settings view, never a value.
  'secrets.setApiKey': channel(z.object({ apiKey: apiKeyText }).strict(), settingsViewSchema),
  'secrets.setCertificate': channel(
    z
      .object({
        fileName: z.string().trim().min(1).max(200),
        /** The .p12/.pfx file, base64. Kaspi's client certificates are a few KiB. */
        pfxBase64: z.string().min(16).max(60_000).regex(/^[A-Za-z0-9+/=\s]+$/),
        passphrase: z.string().max(200),
      })
      .strict(),
    settingsViewSchema,
  ),
  'secrets.clear': channel(z.object({ which: z.enum(['apiKey', 'certificate']) }).strict(), settingsViewSchema),
  'secrets.acceptRisk': channel(z.object({ accept: z.boolean() }).strict(), settingsViewSchema),
  'kaspi.ping': channel(none, z.object({ latencyMs: z.number().int().nonnegative() })),
  'kaspi.tradePoints': channel(none, z.object({ tradePoints: z.array(z.object({ id: z.string().max(24), name: z.string().max(200) })).max(500) })),
  'kaspi.registerDevice': channel(z.object({ tradePointId: int64Text, tradePointName: z.string().max(200).optional() }).strict(), settingsViewSchema),
  'kaspi.unregisterDevice': channel(none, settingsViewSchema),
  'kaspi.connection': channel(none, connectionViewSchema),
  /** Kaspi's CA certificates (PEM text of kbs_root_ca.crt + kbs_ca.crt), trusted for Kaspi's TLS; null removes them. */
  'kaspi.setCa': channel(z.object({ pem: z.string().max(64_000).nullable() }).strict(), settingsViewSchema),
  /** Refund through Kaspi (r3 direct, r2 via a refund QR the buyer scans). */
  'refunds.start': channel(z.object({ saleId: z.string().min(1).max(64), amountTiyn }).strict(), refundViewSchema),
  /** r1 has no refund API: the cashier refunds in the Kaspi Pay app and records it here. */
  /**
   * seenRefundedTiyn: what the screen showed as refunded already — refused (refund_recorded_meanwhile)
   * when another screen recorded a refund of the sale since, else two tills confirming one Kaspi Pay
   * refund would record it twice.
   */
  'refunds.recordManual': channel(
    z.object({ saleId: z.string().min(1).max(64), amountTiyn, seenRefundedTiyn: z.number().int().min(0).max(MAX_SALE_TIYN).optional() }).strict(),
    refundViewSchema,
  ),
  'refunds.cancel': channel(z.object({ refundId: z.string().min(1).max(64) }).strict(), refundViewSchema),
  'refunds.list': channel(saleId, z.object({ refunds: z.array(refundViewSchema) })),
  /**
   * The manager's verdict on a refund Kaspi never confirmed (errorCode refund_unconfirmed or
   * refund_late_drop), after looking in Kaspi Pay. not_applied is refused (refund_already_applied) once
   * Kaspi shows a drop by at least the refund's amount; a smaller drop is recorded with it as a refund
   * made in the app. refunded_in_app states the app refund's amount (at most the drop Kaspi shows:
   * refund_app_refund_too_much; and what the sale has left: refund_too_much): it is recorded as a manual
   * refund, and what is left of the drop still counts as this one's — done when it is exactly its
   * amount, else it stays unconfirmed and checked (refund_no_app_refund without a drop).
   */
  'refunds.resolve': channel(
    z.discriminatedUnion('outcome', [
      z.object({ refundId: z.string().min(1).max(64), outcome: refundResolutionSchema.exclude(['refunded_in_app']) }).strict(),
      z.object({ refundId: z.string().min(1).max(64), outcome: z.literal('refunded_in_app'), amountTiyn }).strict(),
    ]),
    refundViewSchema,
  ),
  // Imports read a file the manager chose: an upload id from the transport (HTTP POST /upload, or
  // the preload's files.register in Electron) — never a path typed by the renderer.
  'imports.preview': channel(
    // `replaces`: the upload the manager previewed before choosing this one — its preview, if still reading, stops
    z.object({ uploadId, format: importFormatSchema.optional(), mapping: csvMappingSchema.optional(), replaces: uploadId.optional() }).strict(),
    importPreviewSchema,
  ),
  'imports.commit': channel(
    z
      .object({
        uploadId,
        format: importFormatSchema.optional(),
        mapping: csvMappingSchema.optional(),
        /** Import the valid rows of a file that also has invalid ones (default: import nothing). */
        acceptValid: z.boolean().optional(),
      })
      .strict(),
    z.object({ jobId: z.string().max(64) }),
  ),
  'imports.cancel': channel(z.object({ jobId: z.string().min(1).max(64) }).strict(), z.object({ cancelled: z.boolean() })),
  'imports.batches': channel(none, z.object({ batches: z.array(importBatchSchema).max(1000) })),
  /** The imports running now, each as its latest progress (a window opened or reloaded meanwhile shows them). */
  'imports.running': channel(none, z.object({ jobs: z.array(importProgressSchema).max(100) })),
  'imports.undo': channel(z.object({ batchId: z.string().min(1).max(64) }).strict(), importBatchSchema),
  /** What the undo would do, for the question before it. */
  'imports.undoImpact': channel(z.object({ batchId: z.string().min(1).max(64) }).strict(), undoImpactSchema),
  'imports.mappings': channel(none, z.object({ mappings: z.array(z.object({ name: z.string().max(100), mapping: csvMappingSchema })).max(100) })),
  'imports.saveMapping': channel(z.object({ name: z.string().trim().min(1).max(100), mapping: csvMappingSchema }).strict(), z.object({ saved: z.boolean() })),
  'reconcile.run': channel(reconcileRange, reconcileViewSchema),
  /** Locks matched pairs against later fuzzy suggestions. */
  'reconcile.mark': channel(
    z.object({ pairIds: z.array(z.string().min(1).max(200)).min(1).max(5000), includeDemo: z.boolean().optional() }).strict(),
    z.object({ marked: z.number().int() }),
  ),
  /** Takes a mark back (a pair marked by mistake): it is offered as a near duplicate again. */
  'reconcile.unmark': channel(z.object({ pairIds: z.array(z.string().min(1).max(200)).min(1).max(5000) }).strict(), z.object({ unmarked: z.number().int() })),
  'reconcile.export': channel(
    z
      .object({
        from: ymd,
        to: ymd,
        view: z.enum(['till-report', 'report-bank']),
        format: z.enum(['csv', 'xlsx']),
        /** till-report: only the pairs of this status (the filter on screen). */
        status: z.enum(reconcileStatuses).optional(),
        includeDemo: z.boolean().optional(),
      })
      .strict()
      .refine(ordered, { message: 'from after to', path: ['to'] }),
    z.object({ fileName: z.string().max(200), mimeType: z.string().max(100), contentBase64: z.string().max(100_000_000) }),
  ),
} as const;

export type Channel = keyof typeof channels;
export type Request<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type Reply<C extends Channel> = z.infer<(typeof channels)[C]['reply']>;
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** Events main -> renderer. */
export const events = {
  'sale.updated': { payload: saleViewSchema, audience: ['cashier'] as readonly Audience[] },
  'customer.updated': { payload: customerViewSchema, audience: ['cashier', 'customer'] as readonly Audience[] },
  'settings.changed': { payload: settingsViewSchema, audience: ['cashier'] as readonly Audience[] },
  'refund.updated': { payload: refundViewSchema, audience: ['cashier'] as readonly Audience[] },
  'kaspi.connection': { payload: connectionViewSchema, audience: ['cashier'] as readonly Audience[] },
  'import.progress': { payload: importProgressSchema, audience: ['cashier'] as readonly Audience[] },
  /** A batch was undone (in any window): its figures now, for every window's batch history and preview on screen. */
  'import.undone': { payload: importBatchSchema, audience: ['cashier'] as readonly Audience[] },
  'import.previewProgress': { payload: previewProgressSchema, audience: ['cashier'] as readonly Audience[] },
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]['payload']>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Every reply crosses the boundary in this envelope, so errors keep their code on both transports. */
export const errorSchema = z.object({
  code: z.string().max(64),
  /** Values the translated message may interpolate (field names, Kaspi codes...). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppErrorShape = z.infer<typeof errorSchema>;
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** "payments.charge" -> ["payments", "charge"]: the preload's namespaces come from this. */
export function splitChannel(name: Channel): [string, string] {
  const [ns, method] = name.split('.');
  return [ns!, method!];
}
