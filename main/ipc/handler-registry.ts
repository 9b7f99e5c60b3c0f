// The one gate every request passes, whichever transport brought it (Electron IPC or loopback HTTP):
// known channel -> audience allowed -> request parsed with the contract -> handler -> reply parsed.
import type { z } from 'zod';
import { channels, isChannel, type Audience, type Channel, type Envelope, type Reply } from '../../shared/contract.js';
import { AppError } from '../services/app-error.js';
import type { Logger } from '../services/logger.js';
import { storageErrorCode } from '../store/storage-error.js';

export type Handlers = {
  [C in Channel]: (request: z.output<(typeof channels)[C]['request']>) => Promise<Reply<C>> | Reply<C>;
};

export interface HandlerRegistry {
  invoke(channel: string, payload: unknown, audience: Audience): Promise<Envelope<unknown>>;
}

export function createRegistry(handlers: Handlers, log: Logger): HandlerRegistry {
  return {
    async invoke(channel, payload, audience) {
      if (!isChannel(channel)) return failure('unknown_channel');
      const def = channels[channel];
      if (!def.audience.includes(audience)) return failure('forbidden');
      const request = def.request.safeParse(payload === undefined ? {} : payload);
      if (!request.success) {
        const issue = request.error.issues[0];
        const field = issue?.path.length ? issue.path.join('.') : issue?.code ?? 'request';
        return failure('invalid_request', { field: String(field).slice(0, 80) });
      }
      try {
        const handler = handlers[channel] as (r: unknown) => Promise<unknown> | unknown;
        const result = await handler(request.data);
        const reply = def.reply.safeParse(result);
        if (!reply.success) {
          log.error('reply does not match the contract', { channel, issue: reply.error.issues[0]?.message });
          return failure('internal');
        }
        return { ok: true, data: reply.data };
      } catch (error) {
        if (error instanceof AppError) return failure(error.code, error.params);
        log.error('handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
        return failure(storageErrorCode(error) ?? 'internal');
      }
    },
  };
}

function failure(code: string, params?: Record<string, string | number>): Envelope<never> {
  return params ? { ok: false, error: { code, params } } : { ok: false, error: { code } };
}
