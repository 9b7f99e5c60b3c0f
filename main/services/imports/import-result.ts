// The shape every parser speaks: a stream of events (bounded memory for huge files) and a
// collected result for callers that want arrays. Streams never throw: unexpected errors become
// a `fatal` event with code internal_error / read_failed.
import { readFailureMessage } from '../../fs-error-text.js';
import {
  failure,
  reason,
  type FileFailure,
  type InvalidEntry,
  type Reason,
} from './reason-codes.js';

export type ImportEvent<Row, Meta> =
  | { kind: 'row'; row: Row }
  | { kind: 'invalid'; line: number | null; reason: Reason }
  | { kind: 'problem'; reason: Reason }
  | { kind: 'fatal'; failure: FileFailure }
  | { kind: 'end'; meta: Meta };

export interface ParseSuccess<Row, Meta> {
  ok: true;
  rows: Row[];
  /** The first `maxInvalid` invalid entries (all of them for normal files). */
  invalid: InvalidEntry[];
  /** How many invalid entries there were in total. */
  invalidCount: number;
  /** File-level warnings: the rows are usable, but the manager should look (balances, ...). */
  problems: Reason[];
  meta: Meta;
}

export type ParseResult<Row, Meta> = ParseSuccess<Row, Meta> | FileFailure;

export const DEFAULT_MAX_INVALID = 1000;

/** Runs an event stream to the end and gathers it. */
export async function collect<Row, Meta>(
  events: AsyncIterable<ImportEvent<Row, Meta>>,
  options: { maxInvalid?: number } = {},
): Promise<ParseResult<Row, Meta>> {
  const maxInvalid = options.maxInvalid ?? DEFAULT_MAX_INVALID;
  const rows: Row[] = [];
  const invalid: InvalidEntry[] = [];
  const problems: Reason[] = [];
  let invalidCount = 0;
  let meta: Meta | undefined;
  for await (const event of guardEvents(events)) {
    switch (event.kind) {
      case 'row':
        rows.push(event.row);
        break;
      case 'invalid':
        invalidCount++;
        if (invalid.length < maxInvalid) invalid.push({ line: event.line, reason: event.reason });
        break;
      case 'problem':
        problems.push(event.reason);
        break;
      case 'fatal':
        return event.failure;
      case 'end':
        meta = event.meta;
        break;
    }
  }
  if (meta === undefined) return failure('internal_error', { message: 'stream ended without meta' });
  if (invalidCount > invalid.length) {
    problems.push(reason('invalid_truncated', { kept: invalid.length, total: invalidCount }));
  }
  return { ok: true, rows, invalid, invalidCount, problems, meta };
}

/** Wraps a stream so that a thrown error becomes a final `fatal` event instead of a rejection. */
export async function* guardEvents<Row, Meta>(
  events: AsyncIterable<ImportEvent<Row, Meta>>,
): AsyncGenerator<ImportEvent<Row, Meta>> {
  try {
    for await (const event of events) {
      yield event;
      if (event.kind === 'fatal' || event.kind === 'end') return;
    }
  } catch (error) {
    yield { kind: 'fatal', failure: failureFromError(error) };
  }
}

/**
 * The batched form of `guardEvents`, for parsers that hand out the events of one chunk at a time:
 * a thrown error becomes a final `[fatal]` batch, and nothing follows a fatal or end event.
 */
export async function* guardBatches<Row, Meta>(
  batches: AsyncIterable<ImportEvent<Row, Meta>[]>,
): AsyncGenerator<ImportEvent<Row, Meta>[]> {
  try {
    for await (const batch of batches) {
      const last = batch.findIndex((e) => e.kind === 'fatal' || e.kind === 'end');
      if (last === -1) {
        if (batch.length > 0) yield batch;
        continue;
      }
      yield last === batch.length - 1 ? batch : batch.slice(0, last + 1);
      return;
    }
  } catch (error) {
    yield [{ kind: 'fatal', failure: failureFromError(error) }];
  }
}

/** One event at a time out of a batched stream. */
export async function* flattenBatches<Row, Meta>(
  batches: AsyncIterable<ImportEvent<Row, Meta>[]>,
): AsyncGenerator<ImportEvent<Row, Meta>> {
  for await (const batch of batches) yield* batch;
}

/** Errors raised by the byte source itself (disk, network) vs. our own bugs. */
export class SourceReadError extends Error {
  override readonly name = 'SourceReadError';
}

export function failureFromError(error: unknown): FileFailure {
  if (error instanceof SourceReadError) return failure('read_failed', { message: readFailureMessage(error.cause ?? error) });
  return failure('internal_error', { message: (error instanceof Error ? error.message : String(error)).slice(0, 200) });
}
