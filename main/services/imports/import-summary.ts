// What `kassa import` prints: one summary object (the --json output) built from a commit outcome or a
// dry-run preview, its exit code, and the same in concise English for people.
import type { ImportFormat, ImportPreview } from '../../../shared/import-domain.js';
import { formatTenge } from '../../../shared/money.js';
import type { ImportOutcome } from './import-job.js';
import { IMPORT_REASONS, type ImportReasonCode } from './reason-codes.js';
import { reasonText } from './reason-text.js';

type ReasonLike = { code: string; params?: Record<string, string | number | boolean | null> };

export interface ImportSummary {
  format: ImportFormat | null;
  /** Valid rows in the file. */
  rows: number;
  /** Rows written (dry run: rows that would be). */
  imported: number;
  /** Valid rows already in the database. */
  duplicates: number;
  /** Of those, report rows whose empty settlement date / fee were filled (dry run: would be); printed only when > 0. */
  updated: number;
  /** Invalid rows — or the reason the whole file was refused — with line numbers where known. */
  invalid: { line: number | null; reason: string; code: string }[];
  batchId: string | null;
  /** File-wide warnings (balances that do not bridge, …); the rows still import. */
  problems: { reason: string; code: string }[];
  /** Why nothing was imported. */
  error?: { reason: string; code: string };
  dryRun?: true;
  /** Not printed: for the exit code and the human text. */
  sumTiyn?: number;
  invalidCount?: number;
}

const LABEL: Record<ImportFormat, string> = {
  'kaspi-report': 'Kaspi sales report',
  '1c': '1C statement',
  mt940: 'MT940 statement',
  csv: 'CSV (mapped)',
  'kaspi-gold': 'Kaspi Gold statement lines',
  json: 'JSON payments',
};

/** What to do next, for the reasons a command line can act on. */
const HINTS: Record<string, string> = {
  needs_mapping: 'Give its columns with --format csv --mapping FILE.json.',
  no_header: 'If it is another kind of file, say which with --format.',
};

const isFileLevel = (code: string): boolean => IMPORT_REASONS[code as ImportReasonCode] === 'file';

function lineOf(reason: ReasonLike): number | null {
  const line = reason.params?.line;
  return typeof line === 'number' ? line : null;
}

function entry(reason: ReasonLike, line: number | null) {
  return { line, reason: reasonText(reason), code: reason.code };
}

export function summarizeOutcome(outcome: ImportOutcome): ImportSummary {
  const summary: ImportSummary = {
    format: outcome.format,
    rows: outcome.rows,
    imported: outcome.imported,
    duplicates: outcome.duplicates,
    updated: outcome.updated,
    invalid: outcome.invalid.map((i) => entry(i.reason, i.line)),
    batchId: outcome.batch?.id ?? null,
    problems: outcome.problems.map((p) => ({ reason: reasonText(p), code: p.code })),
    sumTiyn: outcome.batch?.sumTiyn ?? 0,
    invalidCount: outcome.invalidCount,
  };
  if (outcome.failure) {
    const failure = { code: outcome.failure.code, ...(outcome.failure.params ? { params: outcome.failure.params } : {}) };
    summary.error = { reason: reasonText(failure), code: failure.code };
    if (failure.code !== 'invalid_rows') summary.invalid = [entry(failure, lineOf(failure)), ...summary.invalid];
  }
  if (outcome.phase === 'cancelled') summary.error = { reason: 'The import was cancelled.', code: 'cancelled' };
  return summary;
}

export function summarizePreview(preview: ImportPreview, acceptValid: boolean): ImportSummary {
  const refusal = preview.problems.find((p) => isFileLevel(p.code));
  const summary: ImportSummary = {
    format: refusal ? preview.detectedFormat : preview.format,
    rows: preview.rows,
    imported: refusal || (preview.invalidCount > 0 && !acceptValid) ? 0 : preview.newRows,
    duplicates: preview.duplicates,
    updated: refusal || (preview.invalidCount > 0 && !acceptValid) ? 0 : preview.updatedRows,
    invalid: preview.invalid.map((i) => entry(i.reason, i.line)),
    batchId: null,
    problems: preview.problems.filter((p) => p !== refusal).map((p) => ({ reason: reasonText(p), code: p.code })),
    dryRun: true,
    sumTiyn: preview.sumTiyn,
    invalidCount: preview.invalidCount,
  };
  if (refusal) {
    summary.error = { reason: reasonText(refusal), code: refusal.code };
    summary.invalid = [entry(refusal, lineOf(refusal)), ...summary.invalid];
  } else if (preview.invalidCount > 0 && !acceptValid) {
    const failure = { code: 'invalid_rows', params: { count: preview.invalidCount } };
    summary.error = { reason: reasonText(failure), code: failure.code };
  }
  return summary;
}

/**
 * The summary of a command that stopped before reading the file (`usage`, a FILE that is missing:
 * `read_failed`) or failed on its own (`internal_error`): nothing read, nothing written.
 */
export function summarizeRefusal(code: ImportReasonCode, params?: ReasonLike['params']): ImportSummary {
  const failure = params === undefined ? { code } : { code, params };
  return {
    format: null,
    rows: 0,
    imported: 0,
    duplicates: 0,
    updated: 0,
    invalid: [entry(failure, lineOf(failure))],
    batchId: null,
    problems: [],
    error: { reason: reasonText(failure), code },
  };
}

/**
 * 0 done, 2 the input was refused (nothing written) — usage, a file that is missing or cannot be
 * read (`read_failed`: the CLI reads the user's own file), a file refused as a whole, invalid rows —
 * 1 our own failure.
 */
export function exitCodeOf(summary: ImportSummary): number {
  if (!summary.error) return 0;
  return ['internal_error', 'cancelled'].includes(summary.error.code) ? 1 : 2;
}

/** The --json object: exactly the documented keys, in a stable order. */
export function jsonOf(summary: ImportSummary): string {
  const { format, rows, imported, duplicates, updated, invalid, batchId, problems, error, dryRun } = summary;
  return JSON.stringify({
    format, rows, imported, duplicates, ...(updated > 0 ? { updated } : {}), invalid, batchId, problems,
    ...(error ? { error } : {}), ...(dryRun ? { dryRun } : {}),
  });
}

const MAX_LISTED = 20;

function listInvalid(summary: ImportSummary, fileName: string): string[] {
  const lines = summary.invalid.slice(0, MAX_LISTED).map((i) => `  ${i.line === null ? fileName : `line ${i.line}`}: ${i.reason}`);
  const total = Math.max(summary.invalidCount ?? 0, summary.invalid.length);
  if (total > MAX_LISTED) lines.push(`  … and ${total - MAX_LISTED} more`);
  return lines;
}

/** Human text: `out` for stdout (the result), `err` for stderr (why nothing was written, warnings). */
export function humanOf(summary: ImportSummary, fileName: string): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = summary.problems.map((p) => `warning: ${p.reason}`);
  const kind = summary.format ? LABEL[summary.format] : 'unknown format';
  if (summary.error && summary.error.code !== 'invalid_rows') {
    const first = summary.invalid[0];
    const where = first && first.line !== null ? ` line ${first.line}` : '';
    const hint = HINTS[summary.error.code];
    err.push(`kassa import: ${fileName}${where}: ${summary.error.reason}${hint ? ` ${hint}` : ''}`, 'nothing was imported');
    return { out, err };
  }
  if (summary.error) {
    err.push(
      `kassa import: ${fileName} (${kind}): ${summary.invalidCount} invalid rows, nothing was imported` +
        (summary.rows > 0 ? ` (--accept-valid imports the ${summary.rows} valid ones):` : ':'),
      ...listInvalid(summary, fileName),
    );
    return { out, err };
  }
  const found = `${fileName}: ${kind}, ${summary.rows} rows`;
  if (summary.dryRun) {
    out.push(`${found}, ${formatTenge(summary.sumTiyn ?? 0)}: ${summary.imported} new, ${summary.duplicates} already imported (dry run: nothing written)`);
  } else if (summary.imported === 0) {
    out.push(`${found}: nothing new, all ${summary.duplicates} were already imported`);
  } else {
    out.push(`${found}: imported ${summary.imported} as batch ${summary.batchId} (${formatTenge(summary.sumTiyn ?? 0)}), ${summary.duplicates} already imported`);
  }
  if (summary.updated > 0) {
    out.push(`${summary.dryRun ? 'would fill' : 'filled'} the empty settlement date or fee of ${summary.updated} rows imported before`);
  }
  if ((summary.invalidCount ?? 0) > 0) out.push(`skipped ${summary.invalidCount} invalid rows:`, ...listInvalid(summary, fileName));
  return { out, err };
}
