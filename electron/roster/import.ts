import type { FileBlob } from '../../shared/contract/common';
import { safeFileName } from '../../shared/security/file-name';
import type { ColumnMapping, ImportPreview, ImportResult } from '../../shared/contract/roster';
import type { ServiceContext } from '../core/context';
import { commitImport, ImportWriter, inImportTransaction } from './import-commit';
import { ImportPlanner, type ImportPlan, type SheetChoices, type StatementRows } from './import-plan';
import { isXlsx, readSpreadsheet, xlsxSheets } from './read-file';
import { streamXlsx } from './read-xlsx';
import { fileBytes, pullXlsxRows, streamXlsxRows, XlsxWorkerUnavailable } from './xlsx-worker';
import { getMapping, saveMapping } from './mappings';
import { getUnitByCode } from './units';

interface ImportRequest {
  unitCode: string;
  file: FileBlob;
  mapping?: ColumnMapping;
  sheet?: string;
  headerRow?: number;
  skipHiddenRows?: boolean;
}

function planner(
  ctx: ServiceContext,
  unitId: number,
  mapping: ColumnMapping | null,
  choices: SheetChoices,
  sink: ConstructorParameters<typeof ImportPlanner>[5],
  statementRows: StatementRows,
): ImportPlanner {
  return new ImportPlanner(
    ctx.db,
    unitId,
    mapping,
    ctx.now(),
    (done) => ctx.progress({ stage: 'validate', done, total: 0 }),
    sink,
    { headerRow: choices.headerRow, skipHiddenRows: choices.skipHiddenRows },
    statementRows,
  );
}

/** The sheets of an .xlsx and the one an import reads unless told otherwise. */
export function importSheets(file: FileBlob): { sheets: { name: string; hidden: boolean }[]; suggested: string } {
  const bytes = Buffer.from(file.base64, 'base64');
  if (!isXlsx(bytes)) return { sheets: [], suggested: '' };
  const { sheets, chosen } = xlsxSheets(bytes);
  return { sheets, suggested: chosen };
}

/** A sink that keeps nothing: a preview or dry run needs the counts, not 50,000 planned rows in memory. */
const countOnly = () => undefined;

/**
 * Reads and validates the whole file without writing (preview, dry run): the event loop keeps running. Planned rows
 * are kept only when `keepRows` (a commit that writes after planning); otherwise only counts and the report remain.
 */
async function plan(
  ctx: ServiceContext,
  req: ImportRequest,
  keepRows = false,
  statementRows: StatementRows = 'none',
): Promise<{ unitId: number; plan: ImportPlan; sheet?: string }> {
  const sink = keepRows ? undefined : countOnly;
  const unit = getUnitByCode(ctx.db, req.unitCode);
  const bytes = fileBytes(req.file.base64);
  const mapping = req.mapping ?? getMapping(ctx.db, unit.id);
  ctx.progress({ stage: 'read', done: 0, total: 0 });
  // .xlsx rows are validated batch by batch as the parsing thread produces them; a .csv is read at once.
  if (isXlsx(bytes)) {
    const sheet = xlsxSheets(bytes, req.sheet).chosen;
    let p = planner(ctx, unit.id, mapping, req, sink, statementRows);
    let merges: string[] = [];
    try {
      merges = await streamXlsxRows(bytes, sheet, (rows) => p.push(rows));
    } catch (e) {
      if (!(e instanceof XlsxWorkerUnavailable)) throw e;
      p = planner(ctx, unit.id, mapping, req, sink, statementRows);
      streamXlsx(bytes, { sheet, formulaRows: true, onMerges: (m) => (merges = m) }, (rows) => p.push(rows));
    }
    return { unitId: unit.id, plan: p.finish(merges), sheet };
  }
  const p = planner(ctx, unit.id, mapping, req, sink, statementRows);
  p.push(readSpreadsheet(req.file.name, bytes).rows);
  return { unitId: unit.id, plan: p.finish() };
}

export async function importPreview(ctx: ServiceContext, req: ImportRequest): Promise<ImportPreview> {
  const { plan: p, sheet } = await plan(ctx, req);
  return {
    sheet,
    headerRow: p.headerRow,
    ...(p.hiddenRows ? { hiddenRows: p.hiddenRows } : {}),
    ...(p.problemsOmitted ? { problemsOmitted: p.problemsOmitted } : {}),
    headers: p.headers,
    mapping: p.mapping,
    unmapped: p.unmapped,
    totalRows: p.totalRows,
    toInsert: p.toInsert,
    toUpdate: p.toUpdate,
    rejectedRows: p.rejectedRows,
    problems: p.problems.filter((x) => x.severity === 'error'),
    ...warningsOf(p),
    convertedCells: p.convertedCells,
    sample: p.sample,
    unchanged: p.unchanged,
    accepted: p.report.accepted,
  };
}

/**
 * The result's counts add up: every non-empty data row is new, an update, unchanged or rejected. With rejected rows the
 * result carries the error workbook (the clerk's rows + row number + reason), kept by the screen after writing.
 */
function resultOf(p: ImportPlan, fileName: string): ImportResult {
  const errorFile = p.report.hasRejected
    ? {
        // The clerk's own file name (any text over the API): made safe and short before the suffix goes on.
        name: `${safeFileName(fileName.replace(/\.[^.]*$/, ''), 'tep-nhap')}-dong-bi-tu-choi.xlsx`,
        base64: Buffer.from(p.report.errorWorkbook()).toString('base64'),
      }
    : undefined;
  const warnings = warningsOf(p).warnings?.map(({ row, column, code, message }) => ({ row, column, code, message }));
  return {
    imported: p.toInsert,
    updated: p.toUpdate,
    unchanged: p.unchanged,
    rejectedRows: p.rejectedRows,
    totalRows: p.totalRows,
    rejected: rejectedOf(p),
    ...(warnings ? { warnings } : {}),
    ...(p.hiddenRows ? { hiddenRows: p.hiddenRows } : {}),
    ...omitted(p),
    errorFile,
  };
}

/** Problems that refuse no row (a merged cell read as empty), when there are any. */
function warningsOf(p: ImportPlan): { warnings?: ImportPreview['problems'] } {
  const warnings = p.problems.filter((x) => x.severity === 'warning');
  return warnings.length ? { warnings } : {};
}

/** The count of problems left off the capped list, when there are any. */
function omitted(p: ImportPlan): { rejectedOmitted?: number } {
  return p.problemsOmitted ? { rejectedOmitted: p.problemsOmitted } : {};
}

function rejectedOf(p: ImportPlan): ImportResult['rejected'] {
  return p.problems
    .filter((x) => x.severity === 'error')
    .map(({ row, column, code, message }) => ({ row, column, code, message }));
}

/**
 * An .xlsx commit in one pass: the parsing thread reads the file while this thread validates each batch and writes
 * its rows, all inside ONE transaction that this thread holds without yielding to the event loop (nothing else can
 * run statements on the connection meanwhile). A rejected row is never written; a failure anywhere rolls back all.
 */
function commitXlsxStreaming(
  ctx: ServiceContext,
  unitId: number,
  bytes: Buffer,
  mapping: ColumnMapping | null,
  sheet: string,
  choices: SheetChoices,
  afterWrite: AfterWrite,
): ImportPlan {
  const writer = new ImportWriter(ctx.db, unitId, ctx.now(), ctx.testMode, (d) =>
    ctx.progress({ stage: 'write', done: d, total: 0 }),
  );
  return inImportTransaction(ctx.db, () => {
    const p = planner(ctx, unitId, mapping, choices, (r) => writer.write(r), afterWrite.statements);
    const merges = pullXlsxRows(bytes, sheet, (rows) => p.push(rows));
    const done = p.finish(merges);
    writer.finish();
    afterWrite.apply(done);
    return done;
  });
}

/** Runs once the rows are written (not on a dry run): the ledger statement of the import (issue 10). */
export interface AfterWrite {
  /** The rows `apply` reads in `plan.statements`. */
  statements: StatementRows;
  apply(plan: ImportPlan): void;
}

const NOTHING_AFTER: AfterWrite = { statements: 'none', apply: () => undefined };

/** Valid rows are written in one transaction; rejected rows are listed and nothing of them is written. */
export async function importCommit(
  ctx: ServiceContext,
  req: ImportRequest & { dryRun: boolean; rememberMapping: boolean },
  afterWrite: AfterWrite = NOTHING_AFTER,
): Promise<ImportResult> {
  if (!req.dryRun) {
    const unit = getUnitByCode(ctx.db, req.unitCode);
    const bytes = fileBytes(req.file.base64);
    const mapping = req.mapping ?? getMapping(ctx.db, unit.id);
    if (isXlsx(bytes)) {
      try {
        ctx.progress({ stage: 'read', done: 0, total: 0 });
        const p = commitXlsxStreaming(
          ctx,
          unit.id,
          bytes,
          mapping,
          xlsxSheets(bytes, req.sheet).chosen,
          req,
          afterWrite,
        );
        if (req.rememberMapping) saveMapping(ctx.db, unit.id, p.mapping, ctx.now());
        return resultOf(p, req.file.name);
      } catch (e) {
        // No parsing thread (rolled back before any row): plan on this thread, then write.
        if (!(e instanceof XlsxWorkerUnavailable)) throw e;
      }
    }
  }
  const { unitId, plan: p } = await plan(ctx, req, !req.dryRun, req.dryRun ? 'none' : afterWrite.statements);
  if (req.dryRun) return resultOf(p, req.file.name);
  commitImport(ctx.db, unitId, p, ctx.now(), ctx.testMode, (d, total) =>
    ctx.progress({ stage: 'write', done: d, total }),
  );
  afterWrite.apply(p);
  if (req.rememberMapping) saveMapping(ctx.db, unitId, p.mapping, ctx.now());
  return resultOf(p, req.file.name);
}
