// The one contract between the renderer and main. Every channel and every event is listed here once,
// with its zod schemas; the preload, the handler registry, the HTTP host and the renderer client are
// all derived from these two tables. Adding a channel = one entry here + its handler.
import { z } from 'zod';
import {
  customerViewSchema,
  localeSchema,
  saleViewSchema,
  settingsViewSchema,
} from './domain.js';
import { MAX_SALE_TIYN } from './money.js';

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

const none = z.object({}).strict();
const saleId = z.object({ saleId: z.string().min(1).max(64) }).strict();

export const channels = {
  'app.info': channel(
    none,
    z.object({ version: z.string().max(40), settings: settingsViewSchema, transport: z.enum(['electron', 'http']) }),
    ['cashier', 'customer'],
  ),
  'payments.charge': channel(
    z
      .object({
        amountTiyn: z.number().int().positive().max(MAX_SALE_TIYN),
        description: z.string().trim().max(200).optional(),
      })
      .strict(),
    saleViewSchema,
  ),
  'payments.cancel': channel(saleId, saleViewSchema),
  'payments.get': channel(saleId, saleViewSchema),
  'payments.current': channel(none, z.object({ sale: saleViewSchema.nullable() })),
  'payments.list': channel(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        beforeId: z.string().max(64).optional(),
      })
      .strict(),
    z.object({ sales: z.array(saleViewSchema) }),
  ),
  'demo.scan': channel(saleId, saleViewSchema),
  'demo.confirm': channel(saleId, saleViewSchema),
  'demo.fail': channel(saleId, saleViewSchema),
  'customer.view': channel(none, customerViewSchema, ['cashier', 'customer']),
  'settings.get': channel(none, settingsViewSchema),
  'settings.update': channel(
    z
      .object({
        locale: localeSchema.optional(),
        shopName: z.string().trim().min(1).max(120).optional(),
      })
      .strict(),
    settingsViewSchema,
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
