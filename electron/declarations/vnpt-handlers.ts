import type { sheetMethods } from '../../shared/contract/sheets';
import { parseDraft } from '../../shared/draft/parse';
import { safeFileName } from '../../shared/security/file-name';
import type { Handlers } from '../core/handlers';
import { validationError } from '../core/app-error';
import { fromRow, SELECT_EMPLOYEE, type EmployeeRow } from '../roster/columns';
import { getUnitByCode } from '../roster/units';
import { draftFromVnptWorkbook, draftToVnptWorkbook, rosterToVnptWorkbook } from './vnpt-sheet';

const blob = (name: string, bytes: Uint8Array) => ({
  name,
  base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
});

export const sheetHandlers: Handlers<typeof sheetMethods> = {
  'dossier.fromSheet': (input, ctx) => {
    const unit = getUnitByCode(ctx.db, input.unitCode);
    const r = draftFromVnptWorkbook(Buffer.from(input.file.base64, 'base64'), unit, input.period, {
      sheet: input.sheet,
      today: ctx.now(),
    });
    return { draft: r.draft as unknown as Record<string, unknown>, problems: r.problems, sheet: r.sheet };
  },
  'dossier.toSheet': (input) => {
    const parsed = parseDraft(input.draft);
    if (!parsed.ok) throw validationError(parsed.problems);
    // `loai` is kept as the draft gives it (a row read from a VNPT sheet); otherwise it follows the PA.
    const raw = Array.isArray(input.draft.rows) ? (input.draft.rows as { loai?: unknown }[]) : [];
    const rows = parsed.draft.rows.map((r, i) => {
      const loai = raw[i]?.loai;
      return typeof loai === 'number' ? { ...r, loai } : r;
    });
    const d = parsed.draft;
    return {
      // The unit code and period come from the draft as given (unchecked text): the one safe-name rule.
      file: blob(
        safeFileName(`D02-TS-${d.unit.code}-${d.period.replace('/', '-')}-VNPT.xlsx`, 'D02-TS-VNPT.xlsx'),
        draftToVnptWorkbook({ rows }),
      ),
      rows: rows.length,
    };
  },
  'roster.toSheet': (input, ctx) => {
    const unit = getUnitByCode(ctx.db, input.unitCode);
    const rows = ctx.db
      .prepare(`${SELECT_EMPLOYEE} WHERE e.unit_id = ? ORDER BY e.full_name, e.id`)
      .all(unit.id) as EmployeeRow[];
    return {
      file: blob(`danh-sach-lao-dong-${unit.code}-VNPT.xlsx`, rosterToVnptWorkbook(rows.map(fromRow))),
      rows: rows.length,
    };
  },
};
