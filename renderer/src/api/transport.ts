// The transport seam: Electron IPC or HTTP+SSE, both reduced to "send a channel, get an envelope"
// and "listen to an event". Types come straight from shared/contract.
import type { Channel, Envelope, EventName, EventPayload, Reply, Request } from '../../../shared/contract.js';
import type { UploadReply } from './upload-reply.js';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

export interface Transport {
  readonly kind: 'electron' | 'http';
  /** Resolves with the envelope; rejects only with ApiError (e.g. code "network"). */
  send<C extends Channel>(channel: C, request: Request<C>): Promise<Envelope<Reply<C>>>;
  /** Raw (unvalidated) event payloads; returns the unsubscribe function. */
  listen(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Called each time the event stream (re)starts: events published before it may have been missed. */
  onReconnect(listener: () => void): () => void;
  /** Main was lost (false: its process ended, or restarted with other tokens) or is back (true). */
  onLinkChange(listener: (up: boolean) => void): () => void;
  /**
   * Hands main a file the manager dropped or picked, for import (HTTP: POST /upload; Electron: the
   * preload's files.register). Rejects only with ApiError. `onProgress` (0..1) follows the bytes
   * while they travel (HTTP only: Electron passes the file's path, nothing to send).
   */
  upload(file: File, onProgress?: (fraction: number) => void): Promise<UploadReply>;
}

export type { Channel, EventName, EventPayload, Reply, Request, UploadReply };
