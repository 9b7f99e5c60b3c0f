// The renderer's one API: call(channel, request), on(event, listener) and upload(file), typed by
// shared/contract.
// The transport is chosen once at start; nothing else in the renderer knows which one runs.
import { channels, events } from '../../../shared/contract.js';
import type { Channel, EventName, EventPayload, Reply, Request } from '../../../shared/contract.js';
import type { KassaBridge } from '../../../shared/bridge.js';
import { ApiError } from './api-error.js';
import { createElectronTransport } from './electron-transport.js';
import { createHttpTransport } from './http-transport.js';
import { takeToken } from './http-token.js';
import type { Transport } from './transport.js';

declare global {
  interface Window {
    kassa?: KassaBridge;
  }
}

export type Screen = 'cashier' | 'customer';

/** "/customer" (or anything under it, or "#/customer" when loaded from a file) is the customer display. */
export function currentScreen(): Screen {
  const { pathname, hash } = window.location;
  return pathname.startsWith('/customer') || hash.startsWith('#/customer') ? 'customer' : 'cashier';
}

let transport: Transport | null = null;

function pick(): Transport {
  if (!transport) {
    const bridge = window.kassa;
    transport =
      bridge?.transport === 'electron' ? createElectronTransport(bridge) : createHttpTransport(takeToken(currentScreen()));
  }
  return transport;
}

/** Call once at start so the HTTP token leaves the address bar before anything renders. */
export function initTransport(): Transport['kind'] {
  return pick().kind;
}

export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Reply<C>> {
  const envelope = await pick().send(channel, request);
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.params);
  // Main already parsed the reply; parsing here too keeps a drifting contract loud instead of subtle.
  const parsed = channels[channel].reply.safeParse(envelope.data);
  if (!parsed.success) {
    console.error(`kassa: reply of ${channel} does not match the contract`, parsed.error.issues);
    throw new ApiError('internal');
  }
  return parsed.data as Reply<C>;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return pick().listen(event, (raw) => {
    const parsed = events[event].payload.safeParse(raw);
    if (!parsed.success) {
      console.error(`kassa: ${event} payload does not match the contract`, parsed.error.issues);
      return;
    }
    listener(parsed.data as EventPayload<E>);
  });
}

/** Hands main a file the manager chose for import; its upload id goes to imports.preview / commit. */
export function upload(file: File, onProgress?: (fraction: number) => void): Promise<{ uploadId: string }> {
  return pick().upload(file, onProgress);
}

/** Main lost (false) or back (true): HTTP only, where the windows can outlive Kassa's process. */
export function onLinkChange(listener: (up: boolean) => void): () => void {
  return pick().onLinkChange(listener);
}

/** After the event stream reconnects (HTTP only), state must be re-fetched. */
export function onReconnect(listener: () => void): () => void {
  return pick().onReconnect(listener);
}
