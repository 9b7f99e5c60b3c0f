// What `kassa import` prints: one summary object (the --json output, its reasons in English) built
// from a commit outcome or a dry-run preview, its exit code, and the same for people in their language.
import type { Locale } from '../../../shared/domain.js';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n/messages.js';
import { importDoneKind, type ImportFormat, type ImportPreview } from '../../../shared/import-domain.js';
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
  /** Dry run only: new rows with the amount and day of a stored row under another id (never merged). */
  nearDuplicates?: { line: number; amountTiyn: number; date: string; label: string; existingLabel: string }[];
  /** Dry run only: a statement whose import would record its period (none of its days covered yet). */
  recordsPeriod?: true;
  dryRun?: true;
  /** The data folder had no Kassa database: a new one was made (a mistyped --data-dir, another user's home). */
  newDatabase?: true;
  /** Not printed: for the exit code and the human text. */
  sumTiyn?: number;
  invalidCount?: number;
}

const isFileLevel = (code: string): boolean => IMPORT_REASONS[code as ImportReasonCode] === 'file';

function lineOf(reason: ReasonLike): number | null {
  const line = reason.params?.line;
  return typeof line === 'number' ? line : null;
}

function entry(reason: ReasonLike, line: number | null, locale: Locale) {
  return { line, reason: reasonText(reason, locale), code: reason.code };
}

export function summarizeOutcome(outcome: ImportOutcome, locale: Locale = 'en'): ImportSummary {
  const summary: ImportSummary = {
    format: outcome.format,
    rows: outcome.rows,
    imported: outcome.imported,
    duplicates: outcome.duplicates,
    updated: outcome.updated,
    invalid: outcome.invalid.map((i) => entry(i.reason, i.line, locale)),
    batchId: outcome.batch?.id ?? null,
    problems: outcome.problems.map((p) => ({ reason: reasonText(p, locale), code: p.code })),
    sumTiyn: outcome.batch?.sumTiyn ?? 0,
    invalidCount: outcome.invalidCount,
  };
  if (outcome.failure) {
    const failure = { code: outcome.failure.code, ...(outcome.failure.params ? { params: outcome.failure.params } : {}) };
    summary.error = { reason: reasonText(failure, locale), code: failure.code };
    if (failure.code !== 'invalid_rows') summary.invalid = [entry(failure, lineOf(failure), locale), ...summary.invalid];
  }
  if (outcome.phase === 'cancelled') summary.error = { reason: translate(locale, 'import.result.title.cancelled'), code: 'cancelled' };
  return summary;
}

export function summarizePreview(preview: ImportPreview, acceptValid: boolean, locale: Locale = 'en'): ImportSummary {
  const refusal = preview.problems.find((p) => isFileLevel(p.code));
  const summary: ImportSummary = {
    format: refusal ? preview.detectedFormat : preview.format,
    rows: preview.rows,
    imported: refusal || (preview.invalidCount > 0 && !acceptValid) ? 0 : preview.newRows,
    duplicates: preview.duplicates,
    updated: refusal || (preview.invalidCount > 0 && !acceptValid) ? 0 : preview.updatedRows,
    invalid: preview.invalid.map((i) => entry(i.reason, i.line, locale)),
    batchId: null,
    problems: preview.problems.filter((p) => p !== refusal).map((p) => ({ reason: reasonText(p, locale), code: p.code })),
    nearDuplicates: preview.nearDuplicates.map(({ line, amountTiyn, date, label, existingLabel }) => ({ line, amountTiyn, date, label, existingLabel })),
    ...(preview.recordsPeriod && !refusal && !(preview.invalidCount > 0 && !acceptValid) ? { recordsPeriod: true as const } : {}),
    dryRun: true,
    sumTiyn: preview.sumTiyn,
    invalidCount: preview.invalidCount,
  };
  if (refusal) {
    summary.error = { reason: reasonText(refusal, locale), code: refusal.code };
    summary.invalid = [entry(refusal, lineOf(refusal), locale), ...summary.invalid];
  } else if (preview.invalidCount > 0 && !acceptValid) {
    const failure = { code: 'invalid_rows', params: { count: preview.invalidCount } };
    summary.error = { reason: reasonText(failure, locale), code: failure.code };
  }
  return summary;
}

/**
 * The summary of a command that stopped before reading the file (`usage`, a FILE that is missing:
 * `read_failed`) or failed on its own (`internal_error`): nothing read, nothing written.
 */
export function summarizeRefusal(code: ImportReasonCode, params?: ReasonLike['params'], locale: Locale = 'en'): ImportSummary {
  const failure = params === undefined ? { code } : { code, params };
  return {
    format: null,
    rows: 0,
    imported: 0,
    duplicates: 0,
    updated: 0,
    invalid: [entry(failure, lineOf(failure), locale)],
    batchId: null,
    problems: [],
    error: { reason: reasonText(failure, locale), code },
  };
}

/**
 * 0 done, 2 the input was refused (nothing written) — usage, a file that is missing or cannot be
 * read (`read_failed`: the CLI reads the user's own file), a file refused as a whole, invalid rows —
 * 1 our own failure.
 */
export function exitCodeOf(summary: ImportSummary): number {
  if (!summary.error) return 0;
  // 2 only for the input itself; a bug, a cancel, or a database that refused (busy, a full disk): 1
  return ['internal_error', 'cancelled'].includes(summary.error.code) || summary.error.code.startsWith('storage_') ? 1 : 2;
}

/** The --json object: exactly the documented keys, in a stable order. */
export function jsonOf(summary: ImportSummary): string {
  const { format, rows, imported, duplicates, updated, invalid, batchId, problems, error, nearDuplicates, recordsPeriod, dryRun, newDatabase } = summary;
  return JSON.stringify({
    format, rows, imported, duplicates, ...(updated > 0 ? { updated } : {}), invalid, batchId, problems,
    ...(error ? { error } : {}), ...(nearDuplicates?.length ? { nearDuplicates } : {}), ...(recordsPeriod ? { recordsPeriod } : {}), ...(dryRun ? { dryRun } : {}),
    ...(newDatabase ? { newDatabase } : {}),
  });
}

const MAX_LISTED = 20;

function listInvalid(summary: ImportSummary, fileName: string, locale: Locale): string[] {
  const lines = summary.invalid.slice(0, MAX_LISTED).map((i) => `  ${i.line === null ? fileName : translate(locale, 'cli.line', { line: i.line })}: ${i.reason}`);
  const total = Math.max(summary.invalidCount ?? 0, summary.invalid.length);
  if (total > MAX_LISTED) lines.push(`  ${translate(locale, 'cli.import.more', { count: total - MAX_LISTED })}`);
  return lines;
}

/**
 * Human text in the manager's language (the summary's reasons must be in it too: summarize… with
 * the same locale): `out` for stdout (the result), `err` for stderr (why nothing was written, warnings).
 */
export function humanOf(summary: ImportSummary, fileName: string, locale: Locale = 'en'): { out: string[]; err: string[] } {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const out: string[] = [];
  const err: string[] = summary.problems.map((p) => t('cli.import.warning', { text: p.reason }));
  const kind = summary.format ? t(`import.format.${summary.format}`) : t('cli.import.unknownFormat');
  if (summary.error && summary.error.code !== 'invalid_rows') {
    const first = summary.invalid[0];
    const where = first && first.line !== null ? ` ${t('cli.line', { line: first.line })}` : '';
    const hint = summary.error.code === 'needs_mapping' || summary.error.code === 'no_header' ? ` ${t(`cli.import.hint.${summary.error.code}`)}` : '';
    err.push(`kassa import: ${fileName}${where}: ${summary.error.reason}${hint}`, t('cli.import.nothingImported'));
    return { out, err };
  }
  if (summary.error) {
    const valid = summary.rows > 0 ? ` ${t('cli.import.acceptValid', { rows: summary.rows })}` : '';
    err.push(`kassa import: ${t('cli.import.invalidRows', { file: fileName, kind, count: summary.invalidCount ?? 0 })}${valid}:`, ...listInvalid(summary, fileName, locale));
    return { out, err };
  }
  const found = t('cli.import.found', { file: fileName, kind, rows: summary.rows });
  const sum = formatTenge(summary.sumTiyn ?? 0);
  if (summary.dryRun) {
    out.push(t('cli.import.dryRun', { found, sum, imported: summary.imported, duplicates: summary.duplicates }));
    if (summary.recordsPeriod) out.push(t('cli.import.wouldRecordPeriod'));
  } else if (summary.imported === 0 && importDoneKind(summary) === 'period_only')
    out.push(t('cli.import.periodRecorded', { found, duplicates: summary.duplicates, batch: summary.batchId ?? '' }));
  else if (summary.imported === 0) out.push(t('cli.import.nothingNew', { found, duplicates: summary.duplicates }));
  else out.push(t('cli.import.imported', { found, sum, imported: summary.imported, batch: summary.batchId ?? '', duplicates: summary.duplicates }));
  if (summary.updated > 0) out.push(t(summary.dryRun ? 'cli.import.wouldFill' : 'cli.import.filled', { count: summary.updated }));
  if ((summary.invalidCount ?? 0) > 0) out.push(t('cli.import.skipped', { count: summary.invalidCount ?? 0 }), ...listInvalid(summary, fileName, locale));
  const near = summary.nearDuplicates ?? [];
  if (near.length > 0) {
    err.push(t('cli.import.nearDuplicates', { count: near.length }));
    for (const n of near.slice(0, MAX_LISTED)) err.push(`  ${t('cli.line', { line: n.line })}: ${t('cli.import.nearDuplicate', { amount: formatTenge(n.amountTiyn), date: n.date, label: n.label, existing: n.existingLabel })}`);
  }
  return { out, err };
}
