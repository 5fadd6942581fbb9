import type { FileBlob } from '../../../shared/contract/common';
import type { ColumnMapping, ImportPreview, ImportResult } from '../../../shared/contract/roster';
import type { ServiceContext } from '../../core/context';
import { commitImport } from '../../roster/import-commit';
import { ImportPlanner, type ImportPlan } from '../../roster/import-plan';
import { isXlsx, readSpreadsheet } from '../../roster/read-file';
import { streamXlsx } from '../../roster/read-xlsx';
import { getMapping, saveMapping } from './mappings';
import { getUnitByCode } from './units';

interface ImportRequest {
  unitCode: string;
  file: FileBlob;
  mapping?: ColumnMapping;
}

async function plan(ctx: ServiceContext, req: ImportRequest): Promise<{ unitId: number; plan: ImportPlan }> {
  const unit = getUnitByCode(ctx.db, req.unitCode);
  const bytes = Buffer.from(req.file.base64, 'base64');
  const mapping = req.mapping ?? getMapping(ctx.db, unit.id);
  const planner = new ImportPlanner(ctx.db, unit.id, mapping, ctx.now(), (done) => ctx.progress({ stage: 'validate', done, total: 0 }));
  ctx.progress({ stage: 'read', done: 0, total: 0 });
  // .xlsx rows are validated batch by batch as exceljs parses them; a .csv is read at once.
  if (isXlsx(bytes)) await streamXlsx(bytes, (rows) => planner.push(rows));
  else planner.push((await readSpreadsheet(req.file.name, bytes)).rows);
  return { unitId: unit.id, plan: planner.finish() };
}

export async function importPreview(ctx: ServiceContext, req: ImportRequest): Promise<ImportPreview> {
  const { plan: p } = await plan(ctx, req);
  return {
    headers: p.headers,
    mapping: p.mapping,
    unmapped: p.unmapped,
    totalRows: p.totalRows,
    toInsert: p.inserts.length,
    toUpdate: p.updates.length,
    rejectedRows: p.rejectedRows,
    problems: p.problems,
    convertedCells: p.convertedCells,
    sample: p.sample,
  };
}

/** Valid rows are written in one transaction; rejected rows are listed and nothing of them is written. */
export async function importCommit(ctx: ServiceContext, req: ImportRequest & { dryRun: boolean; rememberMapping: boolean }): Promise<ImportResult> {
  const { unitId, plan: p } = await plan(ctx, req);
  const rejected = p.problems.filter((x) => x.severity === 'error').map(({ row, column, code, message }) => ({ row, column, code, message }));
  if (req.dryRun) return { imported: p.inserts.length, updated: p.updates.length, rejected };
  const done = commitImport(ctx.db, unitId, p, ctx.now(), ctx.testMode, (d, total) => ctx.progress({ stage: 'write', done: d, total }));
  if (req.rememberMapping) saveMapping(ctx.db, unitId, p.mapping, ctx.now());
  return { ...done, rejected };
}
