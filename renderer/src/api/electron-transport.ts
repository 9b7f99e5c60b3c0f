// Electron: the preload exposes window.kassa.<namespace>.<method>(request) -> Envelope.
import { splitChannel, type Channel, type Envelope, type Reply, type Request } from '../../../shared/contract.js';
import type { KassaBridge } from '../../../shared/bridge.js';
import { ApiError } from './api-error.js';
import type { Transport } from './transport.js';
import { readUploadReply } from './upload-reply.js';

type AnyMethod = (request: unknown) => Promise<unknown>;

export function createElectronTransport(bridge: KassaBridge): Transport {
  return {
    kind: 'electron',
    async send<C extends Channel>(channel: C, request: Request<C>): Promise<Envelope<Reply<C>>> {
      const [ns, method] = splitChannel(channel);
      const namespace = (bridge as unknown as Record<string, Record<string, AnyMethod> | undefined>)[ns];
      const fn = namespace?.[method];
      if (typeof fn !== 'function') throw new ApiError('unknown_channel');
      return (await fn(request)) as Envelope<Reply<C>>;
    },
    listen(event, listener) {
      return bridge.on(event, (payload) => listener(payload));
    },
    onReconnect() {
      // IPC does not drop: nothing to re-fetch.
      return () => {};
    },
    onLinkChange() {
      return () => {}; // the window lives and dies with main
    },
    async upload(file) {
      // Only the preload can turn a real File into its path; main reads the file where it is.
      let envelope: unknown;
      try {
        envelope = await bridge.files.register(file);
      } catch {
        throw new ApiError('network');
      }
      return readUploadReply(envelope);
    },
  };
}
