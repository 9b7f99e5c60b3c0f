// The shape of `window.kassa` that the preload exposes, derived from the contract's channel names:
// "payments.charge" becomes kassa.payments.charge(request). Only named functions cross the bridge.
import type { Channel, Envelope, EventName, EventPayload, Reply, Request } from './contract.js';

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
type Method<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never;

export type BridgeNamespaces = {
  [N in Namespace<Channel>]: {
    [M in Method<Channel, N>]: `${N}.${M}` extends infer C extends Channel
      ? (request: Request<C>) => Promise<Envelope<Reply<C>>>
      : never;
  };
};

export type KassaBridge = BridgeNamespaces & {
  transport: 'electron';
  /**
   * Hands main a file the manager dropped or picked (a DOM File) for import. Only the preload can turn
   * a real File into its path, so the renderer can never name a file of its choosing.
   */
  files: { register(file: object): Promise<Envelope<{ uploadId: string }>> };
  /** Subscribes to a main -> renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The bridge's keys beside the contract's namespaces: what the tests of window.kassa expect, kept with the type. */
export const BRIDGE_OWN_KEYS = ['files', 'on', 'transport'] as const;
type OwnKey = Exclude<keyof KassaBridge, keyof BridgeNamespaces>;
// a key added to KassaBridge and not listed above fails the type check here
const everyOwnKeyListed: [Exclude<OwnKey, (typeof BRIDGE_OWN_KEYS)[number]>] extends [never] ? true : false = true;
void everyOwnKeyListed;

/** HTTP transport (loopback host): paths and header, shared by the host and the renderer client. */
export const HTTP = {
  apiPrefix: '/api/',
  eventsPath: '/events',
  tokenHeader: 'x-kassa-token',
  tokenQuery: 'token',
  /** Above the largest request the contract allows (reconcile.mark: 5000 ids of ≤ 200 chars ≈ 1 MB; a contract test checks). */
  maxBodyBytes: 2 * 1024 * 1024,
  /** POST a file's bytes here (raw body, ?name=<file name>) to import it; answers {uploadId}. */
  uploadPath: '/upload',
  maxUploadBytes: 1024 * 1024 * 1024,
} as const;
