// What both transports answer for an upload: the usual envelope around {uploadId}, checked here so
// a drifting host stays loud (the id is what imports.preview / imports.commit take).
import { z } from 'zod';
import { ApiError } from './api-error.js';

const uploadReplySchema = z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });
export type UploadReply = z.infer<typeof uploadReplySchema>;

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string().max(64), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  }),
]);

/** The envelope's {uploadId}, or the ApiError it carries. */
export function readUploadReply(body: unknown): UploadReply {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new ApiError('internal');
  if (!envelope.data.ok) throw new ApiError(envelope.data.error.code, envelope.data.error.params);
  const reply = uploadReplySchema.safeParse(envelope.data.data);
  if (!reply.success) {
    console.error('kassa: upload reply does not match {uploadId}', reply.error.issues);
    throw new ApiError('internal');
  }
  return reply.data;
}
