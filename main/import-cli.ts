// `kassa import FILE …` and `kassa reconcile --from … --to …`: the import pipeline and the
// reconciliation on the same data dir `kassa serve` uses. Exit codes: 0 done, 2 invalid input
// (nothing written), 1 internal error. With --json, import prints exactly one JSON object on stdout
// whatever happens — a usage error, a FILE that cannot be read and an internal error included —
// (progress goes to stderr as JSON lines) and reconcile prints the ReconcileView.
import { isYmd } from './services/reconcile/almaty-days.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localeSchema, type Locale } from '../shared/domain.js';
import { translate } from '../shared/i18n/messages.js';
import { IMPORT_FORMATS, MAX_RECONCILE_YEARS, periodTooLong, reconcileStatuses, type ImportFormat } from '../shared/import-domain.js';
import { DATABASE_FILE } from './app-core.js';
import { defaultDataDir } from './host/data-dir.js';
import { readCsvMapping } from './services/imports/csv-mapping.js';
import { ImportService } from './services/imports/import-service.js';
import { exitCodeOf, humanOf, jsonOf, summarizeOutcome, summarizePreview, summarizeRefusal } from './services/imports/import-summary.js';
import { fileLogger } from './services/logger.js';
import { ReconcileService } from './services/reconcile/reconcile-service.js';
import type { PairStatus } from './services/reconcile/till-report.js';
import { reconcileText } from './services/reconcile/reconcile-text.js';
import { asUsageError, errorText, UsageError } from './cli-args.js';
import { cliLocale, localeOfArgs } from './cli-locale.js';
import { startupErrorText } from './startup-error.js';
import { writeWhole } from './write-whole.js';
import { DatabaseOpenError, openDatabase, snapshotDatabase, type Db } from './store/database.js';
import { ImportsRepo } from './store/imports-repo.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Live progress on stderr (a terminal). */
  interactive: boolean;
  /** Where KASSA_LANG is read (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

/** --json as typed, even on a command line that does not parse (options end at `--`). */
function wantsJson(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

function openAt(dataDir: string | undefined, mustExist: boolean): Db {
  const dir = resolve(dataDir ?? defaultDataDir());
  const file = join(dir, DATABASE_FILE);
  if (mustExist && !existsSync(file)) throw new UsageError('cli.arg.noDatabase', { dir });
  // reconcile (mustExist) only reads: a read-only copy of the database will do
  return openDatabase(file, undefined, { write: !mustExist });
}

/** --out must name a file in a folder that exists: checked before the work, not after it. */
function checkOutPath(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError('cli.arg.outFolder', { file: out, folder });
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError('cli.arg.outIsFolder', { file: out });
}

function readMapping(path: string): unknown {
  let mapping: unknown;
  try {
    mapping = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (error) {
    // a file that cannot be read says why (by its meaning); one that is no JSON, in the catalogue's words
    throw new UsageError('cli.arg.mapping', { file: path }, 'usage', error instanceof SyntaxError ? { code: 'bad_json' } : error);
  }
  const read = readCsvMapping(mapping);
  if (!read.ok) throw new UsageError('cli.arg.mapping', { file: path }, 'usage', { code: 'bad_mapping', params: { path: read.path || 'mapping', issue: read.issue } });
  return mapping;
}

export async function runImportCli(args: string[], io: CliIo = processIo): Promise<number> {
  const json = wantsJson(args);
  /** The language of what this run says before (or outside) the import. */
  const early: Locale = localeOfArgs(args, io.env ?? process.env);
  /** With --json, the one stdout line of a run that ended before (or outside) the import. */
  const refuse = (exit: number, code: 'usage' | 'read_failed' | 'internal_error' | 'database_unavailable', detail: string): number => {
    const param = code === 'usage' || code === 'database_unavailable' ? 'detail' : 'message';
    if (json) io.stdout(`${jsonOf(summarizeRefusal(code, { [param]: detail.slice(0, 300) }))}\n`);
    return exit;
  };
  let request: { file: string; size: number; format?: ImportFormat; mapping?: unknown; mappingName?: string; dryRun: boolean; acceptValid: boolean; json: boolean; dataDir?: string; lang?: string };
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        mapping: { type: 'string' },
        'data-dir': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'accept-valid': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout(translate(early, 'cli.usage.import'));
      return 0;
    }
    if (values.lang !== undefined && !localeSchema.safeParse(values.lang).success) throw new UsageError('cli.arg.lang');
    if (positionals.length !== 1) throw new UsageError('cli.arg.oneFile');
    const file = resolve(positionals[0]!);
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new UsageError('cli.arg.notAFile');
      size = stat.size;
    } catch (error) {
      throw new UsageError('cli.arg.cannotRead', { file: positionals[0]! }, 'read_failed', error);
    }
    if (values.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError('cli.arg.format', { formats: IMPORT_FORMATS.join(', ') });
    }
    request = {
      file,
      size,
      format: values.format as ImportFormat | undefined,
      // --mapping: a JSON file, or (no such file) the name of a mapping saved in the Import tab
      ...(values.mapping === undefined ? {} : existsSync(resolve(values.mapping)) ? { mapping: readMapping(values.mapping) } : { mappingName: values.mapping }),
      dryRun: values['dry-run'],
      acceptValid: values['accept-valid'],
      json: values.json,
      dataDir: values['data-dir'],
      lang: values.lang,
    };
  } catch (caught) {
    const error = asUsageError(caught);
    const usage = caught instanceof UsageError ? '' : translate(early, 'cli.usage.import'); // a call that does not parse
    io.stderr(`kassa import: ${error instanceof UsageError ? error.text(early) : errorText(error, early)}\n${usage}`);
    return error instanceof UsageError ? refuse(2, error.code, error.detail) : refuse(2, 'usage', errorText(error));
  }

  const requestedDir = resolve(request.dataDir ?? defaultDataDir());
  const isNew = !existsSync(join(requestedDir, DATABASE_FILE));
  // A dry run works on a copy made aside (of the database, or an empty one): it writes nothing to the
  // data folder — no migration, no backup, no log.
  let scratch: string | null = null;
  const dropScratch = () => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  // Ctrl+C during a dry run: its copy goes with it (the default would leave it in the temp folder).
  const interrupted = (signal: NodeJS.Signals) => {
    dropScratch();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  let db: Db;
  try {
    if (request.dryRun) {
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      scratch = mkdtempSync(join(tmpdir(), 'kassa-dry-run-'));
      if (!isNew) snapshotDatabase(join(requestedDir, DATABASE_FILE), join(scratch, DATABASE_FILE));
    }
    db = openAt(scratch ?? requestedDir, false);
  } catch (error) {
    dropScratch();
    if (error instanceof DatabaseOpenError) {
      // Not the file's fault, and no bug: the data folder's database cannot be used (nothing written).
      io.stderr(`kassa import: ${startupErrorText(early, error, requestedDir)}\n`);
      return refuse(2, 'database_unavailable', startupErrorText('en', error, requestedDir));
    }
    io.stderr(`kassa import: ${translate(early, 'cli.cannotOpenDatabase', { reason: errorText(error, early) })}\n`);
    return refuse(1, 'internal_error', translate('en', 'cli.cannotOpenDatabase', { reason: errorText(error) }));
  }
  // A mistyped --data-dir would import into a database the till never reads: say so.
  if (isNew && !scratch && !request.json) io.stderr(`kassa import: ${translate(early, 'cli.import.newDatabase', { dir: requestedDir })}\n`);
  const dataDir = scratch ?? requestedDir;
  if (request.mappingName !== undefined) {
    const mappings = new ImportsRepo(db).mappings();
    const found = mappings.find((m) => m.name === request.mappingName);
    if (!found) {
      db.close();
      dropScratch();
      const params = { name: request.mappingName, names: mappings.map((m) => m.name).join(', ') || '—' };
      io.stderr(`kassa import: ${translate(early, 'cli.arg.noSuchMapping', params)}\n`);
      return refuse(2, 'usage', translate('en', 'cli.arg.noSuchMapping', params));
    }
    request.mapping = found.mapping;
  }
  const imports = new ImportService({ db, log: fileLogger(dataDir) });
  const fileName = basename(request.file);
  const locale = request.json ? 'en' : cliLocale(requestedDir, request.lang, io.env);
  let printed = false;
  try {
    const uploadId = imports.registerUpload({ path: request.file, fileName, size: request.size, temporary: false });
    const options = { format: request.format, mapping: request.mapping, acceptValid: request.acceptValid };
    const summary = request.dryRun
      ? summarizePreview(await imports.preview(uploadId, options), request.acceptValid, locale)
      : summarizeOutcome(
          await imports.commit(uploadId, options, (p) => {
            if (request.json) io.stderr(`${JSON.stringify({ progress: { phase: p.phase, rows: p.rows, bytesRead: p.bytesRead, totalBytes: p.totalBytes } })}\n`);
            else if (io.interactive && (p.phase === 'parsing' || p.phase === 'writing')) {
              const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 0;
              const key = p.phase === 'parsing' ? 'cli.import.progressParsing' : 'cli.import.progressWriting';
              io.stderr(`\r${translate(locale, key, { rows: p.rows, percent })}   `);
            }
          }).outcome,
          locale,
        );
    if (io.interactive && !request.json && !request.dryRun) io.stderr('\r\x1b[K');
    if (isNew && !scratch) summary.newDatabase = true; // said on stderr above; --json carries it too
    printed = true;
    if (request.json) io.stdout(`${jsonOf(summary)}\n`);
    else {
      const text = humanOf(summary, fileName, locale);
      if (text.out.length > 0) io.stdout(`${text.out.join('\n')}\n`);
      if (text.err.length > 0) io.stderr(`${text.err.join('\n')}\n`);
    }
    return exitCodeOf(summary);
  } catch (error) {
    io.stderr(`kassa import: ${translate(early, 'cli.internalError', { reason: errorText(error, early) })}\n`);
    return printed ? 1 : refuse(1, 'internal_error', errorText(error));
  } finally {
    await imports.close();
    db.close();
    dropScratch();
  }
}

export async function runReconcileCli(args: string[], io: CliIo = processIo): Promise<number> {
  const early: Locale = localeOfArgs(args, io.env ?? process.env);
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        view: { type: 'string' },
        status: { type: 'string' },
        lang: { type: 'string' },
        'include-demo': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
    if (values.help) {
      io.stdout(translate(early, 'cli.usage.reconcile'));
      return 0;
    }
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (!values.from || !values.to || !day.test(values.from) || !day.test(values.to)) throw new UsageError('cli.arg.days');
    if (!isYmd(values.from) || !isYmd(values.to)) {
      throw new UsageError('cli.arg.realDays');
    }
    if (values.from > values.to) throw new UsageError('cli.arg.fromAfterTo');
    if (periodTooLong(values.from, values.to)) throw new UsageError('error.reconcile_period_too_long', { years: MAX_RECONCILE_YEARS });
    if (values.view !== undefined && values.view !== 'till-report' && values.view !== 'report-bank') throw new UsageError('cli.arg.view');
    if (values.status !== undefined && !(reconcileStatuses as readonly string[]).includes(values.status)) {
      throw new UsageError('cli.arg.status', { statuses: reconcileStatuses.join(', ') });
    }
    // --status filters the pairs of an exported till ↔ report view: anywhere else it would be taken and do nothing
    if (values.status !== undefined && (values.out === undefined || values.view === 'report-bank')) throw new UsageError('cli.arg.statusWhere');
    if (values.lang !== undefined && !localeSchema.safeParse(values.lang).success) throw new UsageError('cli.arg.lang');
    if (values.out !== undefined && !['.csv', '.xlsx'].includes(extname(values.out).toLowerCase())) throw new UsageError('cli.arg.outExtension');
    if (values.out !== undefined) checkOutPath(resolve(values.out));
  } catch (caught) {
    const error = asUsageError(caught);
    const usage = caught instanceof UsageError ? '' : translate(early, 'cli.usage.reconcile'); // a call that does not parse
    io.stderr(`kassa reconcile: ${error instanceof UsageError ? error.text(early) : errorText(error, early)}\n${usage}`);
    return 2;
  }
  let db: Db;
  try {
    db = openAt(values['data-dir'], true);
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      io.stderr(`kassa reconcile: ${startupErrorText(early, error, resolve(values['data-dir'] ?? defaultDataDir()))}\n`);
      return 2;
    }
    const words = error instanceof UsageError ? error.text(early) : translate(early, 'cli.cannotOpenDatabase', { reason: errorText(error, early) });
    io.stderr(`kassa reconcile: ${words}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  try {
    const locale = cliLocale(resolve(values['data-dir'] ?? defaultDataDir()), values.lang, io.env);
    const reconcile = new ReconcileService({ db });
    const scope = { includeDemo: values['include-demo'] };
    const view = reconcile.run(values.from, values.to, scope);
    if (values.out !== undefined) {
      const format = extname(values.out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
      const file = await reconcile.export(values.from, values.to, (values.view ?? 'till-report') as 'till-report' | 'report-bank', format, locale, {
        ...scope,
        status: values.status as PairStatus | undefined,
      });
      try {
        writeWhole(resolve(values.out), file.content); // a cut write leaves an earlier export as it was
      } catch (error) {
        io.stderr(`kassa reconcile: ${translate(locale, 'cli.cannotWrite', { file: values.out, reason: errorText(error, locale) })}\n`);
        // a full disk or a failing device: 1, as for the database; a folder that is missing, read-only or not ours: 2
        return ['ENOSPC', 'EDQUOT', 'EIO'].includes(String((error as { code?: unknown }).code)) ? 1 : 2;
      }
    }
    if (values.json) io.stdout(`${JSON.stringify(view)}\n`);
    else io.stdout(`${reconcileText(view, locale).join('\n')}\n${values.out ? `${translate(locale, 'cli.reconcile.written', { file: values.out })}\n` : ''}`);
    return 0;
  } catch (error) {
    io.stderr(`kassa reconcile: ${translate(early, 'cli.internalError', { reason: errorText(error, early) })}\n`);
    return 1;
  } finally {
    db.close();
  }
}
