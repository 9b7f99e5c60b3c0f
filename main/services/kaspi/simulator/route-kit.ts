// What a simulator route is (method, path, schemes, handler) and the small body-reading helpers the
// handlers share. The table itself is in simulator-routes.ts.
import { z } from 'zod';
import type { Scheme } from './simulator-auth.js';
import type { Envelope } from './simulator-codes.js';
import type { SimState } from './simulator-state.js';

export type Version = 'v01' | 'v02';

export interface RouteRequest {
  scheme: Scheme;
  version: Version;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The organization the caller acts for (r1: Api-Key, r2: certificate, r3: the request); null = any. */
  bin: string | null;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Relative to /rN/v0M/, with :params. */
  path: string;
  schemes: Scheme[];
  versions?: Version[];
  /** r3 only: where OrganizationBin is required. */
  bin?: 'body' | 'path';
  handle(req: RouteRequest, state: SimState): Envelope;
}

/** A request Kaspi would not even parse: answered with HTTP 400 (simulator choice). */
export class BadRequest extends Error {}

export const ALL: Scheme[] = ['r1', 'r2', 'r3'];

export const idField = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,19}$/)]).transform(String);
export const tokenField = z.union([z.string().min(1).max(100), z.number().int()]).transform(String);
export const binField = z.string().regex(/^\d{12}$/);

/** Parses a body against a schema, or throws BadRequest naming the broken field. */
export function readBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BadRequest(`Неверный формат запроса: ${issue?.path.join('.') || 'тело'} — ${issue?.message ?? 'ошибка'}`);
}

