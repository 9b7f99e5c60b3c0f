// Browser mode: POST /api/<channel> with the token header; events over SSE (/events?token=...).
import { HTTP } from '../../../shared/bridge.js';
import type { Channel, Envelope, EventName, Reply, Request } from '../../../shared/contract.js';
import { EVENT_NAMES } from '../../../shared/contract.js';
import { ApiError } from './api-error.js';
import type { Transport } from './transport.js';
import { readUploadReply, type UploadReply } from './upload-reply.js';

const RETRY_AFTER_CLOSE_MS = 2000;
/** A stream down this long (EventSource retries after ~3 s) means Kassa is gone, not a blip. */
const LINK_GRACE_MS = 4000;

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown } };
  return v.ok === true || (v.ok === false && typeof v.error?.code === 'string');
}

/**
 * POST the raw file to the host (XMLHttpRequest, not fetch: only it reports upload progress). The
 * host answers the usual envelope: {uploadId}, or 401 / 413 / 400 with an error code.
 */
function uploadFile(token: string, file: File, onProgress?: (fraction: number) => void): Promise<UploadReply> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${HTTP.uploadPath}?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader(HTTP.tokenHeader, token);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'text';
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
      });
    }
    xhr.addEventListener('error', () => reject(new ApiError('network')));
    xhr.addEventListener('abort', () => reject(new ApiError('network')));
    xhr.addEventListener('load', () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError(xhr.status === 401 ? 'unauthorized' : xhr.status === 413 ? 'payload_too_large' : 'network'));
        return;
      }
      try {
        resolve(readUploadReply(body));
      } catch (error) {
        reject(error);
      }
    });
    xhr.send(file);
  });
}

export function createHttpTransport(token: string): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  const linkListeners = new Set<(up: boolean) => void>();
  let source: EventSource | null = null;
  let linkUp = true;
  let downTimer: ReturnType<typeof setTimeout> | null = null;
  const setLink = (up: boolean) => {
    if (up === linkUp) return;
    linkUp = up;
    linkListeners.forEach((fn) => fn(up));
  };

  function connect(): void {
    const es = new EventSource(`${HTTP.eventsPath}?${HTTP.tokenQuery}=${encodeURIComponent(token)}`);
    source = es;
    es.addEventListener('open', () => {
      if (downTimer) clearTimeout(downTimer);
      downTimer = null;
      setLink(true);
      // Every open, the first too: what was published before the stream started (between the
      // window's first fetches and now) or while it was down reached no one, so it is read again.
      reconnectListeners.forEach((fn) => fn());
    });
    es.addEventListener('error', () => {
      // Kassa's process ended (a crash, kill) or came back with other tokens (a 401, never reopened)
      downTimer ??= setTimeout(() => {
        downTimer = null;
        if (source?.readyState !== EventSource.OPEN) setLink(false);
      }, LINK_GRACE_MS);
      // EventSource retries by itself unless the server answered with a non-stream (then it is CLOSED).
      if (es.readyState === EventSource.CLOSED && source === es) {
        source = null;
        setTimeout(connect, RETRY_AFTER_CLOSE_MS);
      }
    });
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (message: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          console.error(`kassa: unreadable ${name} event`);
          return;
        }
        listeners.get(name)?.forEach((fn) => fn(payload));
      });
    }
  }

  return {
    kind: 'http',
    async send<C extends Channel>(channel: C, request: Request<C>): Promise<Envelope<Reply<C>>> {
      let response: Response;
      try {
        response = await fetch(`${HTTP.apiPrefix}${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP.tokenHeader]: token },
          body: JSON.stringify(request),
          cache: 'no-store',
        });
      } catch {
        throw new ApiError('network');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError(response.status === 401 ? 'unauthorized' : 'network');
      }
      if (!isEnvelope(body)) throw new ApiError('internal');
      return body as Envelope<Reply<C>>;
    },
    listen(event, listener) {
      if (!source) connect();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onLinkChange(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    upload(file, onProgress) {
      return uploadFile(token, file, onProgress);
    },
  };
}
