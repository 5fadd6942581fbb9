import type { rosterMethods } from '../../shared/contract/roster';
import type { Handlers } from '../core/handlers';
import { exportRosterXlsx } from './export-xlsx';
import { fromRow, SELECT_EMPLOYEE, type EmployeeRow } from './columns';
import { employeeHistory, getEmployee, listEmployees, saveEmployee } from './employees';
import { importCommit, importPreview, importSheets } from './import';
import { getMapping, saveMapping } from './mappings';
import { addUnit, getUnitByCode, listUnits, updateUnit } from './units';
import { applyImportStatement, nextEmployeeId } from '../ledger/import-statement';
import { isoMonth } from '../../shared/rules/month';
import { singleFlight } from '../core/single-flight';

export const rosterHandlers: Handlers<typeof rosterMethods> = {
  'unit.add': (input, ctx) => addUnit(ctx.db, input, ctx.now()),
  'unit.list': (_input, ctx) => ({ units: listUnits(ctx.db) }),
  'unit.get': (input, ctx) => getUnitByCode(ctx.db, input.code),
  'unit.update': (input, ctx) => updateUnit(ctx.db, input.code, input.patch, ctx.now(), input.expectedUpdatedAt),
  'employee.list': (input, ctx) => listEmployees(ctx.db, input),
  'employee.get': (input, ctx) => getEmployee(ctx.db, input.id),
  'employee.save': (input, ctx) => saveEmployee(ctx.db, input, ctx.now(), ctx.face === 'cli' ? 'cli' : 'form'),
  'employee.history': (input, ctx) => ({ items: employeeHistory(ctx.db, input.id) }),
  'roster.importSheets': (input) => importSheets(input.file),
  'roster.importPreview': (input, ctx) => importPreview(ctx, input),
  // The same file committed twice at once ("Nhập" double-clicked, two tabs) is one import with one result.
  'roster.importCommit': (whole, ctx) =>
    singleFlight(ctx.dataDir, 'roster.importCommit', whole, () => {
      const { participatingSince, ...input } = whole;
      const firstNew = nextEmployeeId(ctx.db);
      const flag = participatingSince ? isoMonth(participatingSince) : null;
      return importCommit(ctx, input, {
        // Without the import-wide month, only rows with their own month state anything (applyImportStatement).
        statements: flag ? 'all' : 'own',
        apply: (plan) => applyImportStatement(ctx.db, plan.statements, flag, firstNew, ctx.now()),
      });
    }),
  'roster.export': (input, ctx) => {
    const unit = getUnitByCode(ctx.db, input.unitCode);
    const rows = ctx.db
      .prepare(`${SELECT_EMPLOYEE} WHERE e.unit_id = ? ORDER BY e.full_name, e.id`)
      .iterate(unit.id) as IterableIterator<EmployeeRow>;
    const records = Array.from(rows, fromRow);
    const bytes = exportRosterXlsx(records);
    return {
      file: { name: `danh-sach-lao-dong-${unit.code}.xlsx`, base64: bytes.toString('base64') },
      count: records.length,
    };
  },
  'roster.mappingGet': (input, ctx) => ({ mapping: getMapping(ctx.db, getUnitByCode(ctx.db, input.unitCode).id) }),
  'roster.mappingSave': (input, ctx) => {
    saveMapping(ctx.db, getUnitByCode(ctx.db, input.unitCode).id, input.mapping, ctx.now());
    return { mapping: input.mapping };
  },
};
