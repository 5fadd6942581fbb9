import type {
  ColumnMapping,
  EmployeeField,
  EmployeeFields,
  EmployeeStatus,
  ImportProblem,
} from '../../shared/contract/roster';
import { BLANK_EMPLOYEE } from '../../shared/contract/roster';
import { EMPLOYEE_FIELD_LABELS, EMPLOYEE_STATUS_LABELS } from '../../shared/identity/employee-labels';
import { foldKey } from '../../shared/text/fold';
import type { LegacyEncoding } from '../../shared/text/legacy/decode';
import { cellDate, cellDigits, cellGender, cellNumber, cellText, type DateOrder } from './cells';
import { mayBeSwapped, swappedDateMessage } from './swapped-dates';
import type { CellValue } from './sheet';

const DATE_FIELDS = new Set<EmployeeField>(['contractSigned', 'contractStart', 'contractEnd']);
const NUMBER_FIELDS = new Set<EmployeeField>([
  'salary',
  'allowancePosition',
  'allowanceSeniorityExcess',
  'allowanceSeniorityJob',
  'allowanceSalary',
  'allowanceOther',
]);
/** Allowances the forms state in percent (PhuCapTNVK, PhuCapTNNghe: 5 = 5 %). */
const PERCENT_FIELDS = new Set<EmployeeField>(['allowanceSeniorityExcess', 'allowanceSeniorityJob']);

/**
 * A percent allowance as the sheet shows it: "5%" or "5 %" typed (or saved by Excel in a CSV) is 5, and a cell
 * formatted as a percentage, which holds the fraction (5 % is 0.05), is its percent. Both allowances are whole
 * percents from 5 up (1 % a year beyond), so a value between 0 and 1 can only be such a fraction; read as it was,
 * 5 % was stored as 0.05 %.
 */
function cellPercent(v: CellValue): number | null {
  const text = typeof v === 'string' ? cellText(v).text : '';
  const n = text.endsWith('%') ? cellNumber(text.slice(0, -1)) : cellNumber(v);
  if (n === null || Number.isNaN(n) || text.endsWith('%')) return n;
  return n > 0 && n < 1 ? Number((n * 100).toPrecision(15)) : n;
}

const CODE_WIDTHS: Partial<Record<EmployeeField, number[]>> = {
  insuranceNumber: [10],
  cccd: [12, 9],
  cmnd: [9, 12],
  ethnicity: [2],
  birthProvince: [2],
  birthDistrict: [3],
  birthWard: [5],
  wageRegion: [2],
  hospitalCode: [5],
};

/** "?" next to a letter: what a code page without Vietnamese letters writes for them ("Nguy?n V?n"). */
const LOST_LETTER = /\p{L}\?|\?\p{L}/u;

/**
 * Identifiers whose text may have lost leading zeros in a CSV Excel saved from a number column (the .xlsx number
 * cell is padded back in `cellDigits`; in text the zeros' absence cannot be told from a typo): the width, and the
 * code checkEmployee would give.
 */
const ZERO_LOST: Partial<Record<EmployeeField, { digits: number; code: string }>> = {
  insuranceNumber: { digits: 10, code: 'BHXH_NUMBER_FORMAT' },
  cccd: { digits: 12, code: 'CCCD_FORMAT' },
};

/**
 * A status column's words, folded (no accents, spaces or case), as HR lists write them: the app's own labels
 * (EMPLOYEE_STATUS_LABELS, what the roster export writes) and the everyday short forms — "Đang làm", "Đã nghỉ",
 * "Thôi việc", "Nghỉ sinh" — which a list kept by hand uses more than the long ones. A word that could mean two
 * statuses ("Nghỉ" alone: sick, maternity or left?) is not guessed: the row is refused listing the words taken.
 */
const STATUS_WORDS: Record<string, EmployeeStatus> = {
  '': 'working',
  // The labels, Vietnamese and English ("Đang làm việc", "Sick leave"…): a roster exported by the app reads back.
  ...Object.fromEntries(
    (Object.entries(EMPLOYEE_STATUS_LABELS) as [EmployeeStatus, { vi: string; en: string }][]).flatMap(([s, l]) => [
      [foldKey(l.vi), s],
      [foldKey(l.en), s],
    ]),
  ),
  danglam: 'working',
  lamviec: 'working',
  conlam: 'working',
  conlamviec: 'working',
  dangcongtac: 'working',
  dilam: 'working',
  om: 'sick',
  omdau: 'sick',
  nghiomdau: 'sick',
  sick: 'sick',
  thaisan: 'maternity',
  nghisinh: 'maternity',
  nghisinhcon: 'maternity',
  maternity: 'maternity',
  nghikhonghuongluong: 'unpaid',
  khongluong: 'unpaid',
  unpaid: 'unpaid',
  nghiviec: 'left',
  danghi: 'left',
  thoiviec: 'left',
  dathoiviec: 'left',
  nghihuu: 'left',
  danghihuu: 'left',
};

/** The statuses' labels, for a message that says what to write. */
const STATUS_CHOICES = {
  vi: Object.values(EMPLOYEE_STATUS_LABELS)
    .map((l) => l.vi)
    .join(', '),
  en: Object.values(EMPLOYEE_STATUS_LABELS)
    .map((l) => l.en)
    .join(', '),
};

/** Column index of each mapped field in the header row. */
export function columnIndexes(headers: string[], mapping: ColumnMapping): Partial<Record<EmployeeField, number>> {
  const out: Partial<Record<EmployeeField, number>> = {};
  for (const [field, header] of Object.entries(mapping)) {
    const i = headers.indexOf(header);
    if (i >= 0 && field in EMPLOYEE_FIELD_LABELS) out[field as EmployeeField] = i;
  }
  return out;
}

export interface ReadRow {
  row: number;
  value: EmployeeFields;
  problems: ImportProblem[];
  convertedCells: number;
}

/**
 * BLANK_EMPLOYEE is frozen, and V8 copies a frozen object by the slow generic path: spreading this unfrozen copy is
 * ~11× faster (measured: 0.06 vs 0.7 µs a row), which a 50,000-row import notices.
 */
const TEMPLATE: EmployeeFields = { ...BLANK_EMPLOYEE };

/** Values of the fields a file does not have: the contract schema's defaults (one copy per row). */
function defaults(): EmployeeFields {
  return { ...TEMPLATE };
}

type Kind = 'text' | 'birth' | 'date' | 'number' | 'digits';
const SPECIAL = new Set<EmployeeField>(['gender', 'status', 'salaryKind']);

export type RowReader = (row: number, cells: CellValue[]) => ReadRow;

/** Converted cells counted by `specialText` for the row being read (rows are read one at a time, synchronously). */
let specialConverted = 0;

/** Text of a special column (gender, status, salary kind): only needed for messages and words, rarely converted. */
function specialText(
  cells: CellValue[],
  i: number | undefined,
  encodings: readonly (LegacyEncoding | undefined)[],
): string {
  if (i === undefined) return '';
  const r = cellText(cells[i] ?? null, encodings[i]);
  if (r.converted) specialConverted++;
  return r.text;
}

/**
 * Builds the reader of one file's rows: each mapped column's conversion is decided once (text, birth date, date,
 * number, identifier digits), so a 50,000-row file runs a flat loop. A row → employee fields, with the problems
 * found while reading cells (unreadable numbers, genders, statuses); field rules (CCCD against birth year…) are
 * checked afterwards by `checkEmployee`. Fields without a column keep their defaults.
 */
export function makeRowReader(
  idx: Partial<Record<EmployeeField, number>>,
  mapping: ColumnMapping,
  encodings: readonly (LegacyEncoding | undefined)[] = [],
  /** How the file's dates read: month first, or with date cells a program swapped (see `dateOrder`). */
  dates: DateOrder = { order: 'day-first' },
): RowReader {
  const monthFirst = dates.order === 'month-first';
  const swapped = dates.swapped;
  const plan: { f: EmployeeField; i: number; kind: Kind; enc: LegacyEncoding | undefined; widths: number[] }[] = [];
  for (const [f, i] of Object.entries(idx) as [EmployeeField, number][]) {
    if (SPECIAL.has(f)) continue;
    const kind: Kind =
      f === 'birthDate'
        ? 'birth'
        : DATE_FIELDS.has(f)
          ? 'date'
          : NUMBER_FIELDS.has(f)
            ? 'number'
            : CODE_WIDTHS[f]
              ? 'digits'
              : 'text';
    plan.push({ f, i, kind, enc: encodings[i], widths: CODE_WIDTHS[f] ?? [] });
  }
  const col = (f: EmployeeField) => mapping[f] ?? EMPLOYEE_FIELD_LABELS[f].vi;
  const gi = idx.gender;
  const si = idx.status;
  const ki = idx.salaryKind;

  return (row, cells) => {
    const problems: ImportProblem[] = [];
    let convertedCells = 0;
    const v = defaults() as unknown as Record<string, unknown>;
    specialConverted = 0;
    for (const p of plan) {
      const c = cells[p.i] ?? null;
      switch (p.kind) {
        case 'text': {
          const r = cellText(c, p.enc);
          if (r.converted) convertedCells++;
          v[p.f] = r.text;
          if (r.text.includes('?') && LOST_LETTER.test(r.text))
            problems.push(
              problem(
                row,
                col(p.f),
                'LOST_CHARACTERS',
                `"${r.text}" có dấu "?" thay cho chữ: tệp đã mất chữ tiếng Việt khi được lưu bằng bảng mã không có tiếng Việt — hãy lưu lại dạng "CSV UTF-8" hoặc .xlsx`,
                `"${r.text}" has "?" in place of letters: the file lost its Vietnamese letters when saved in an encoding without them — save it again as "CSV UTF-8" or .xlsx`,
              ),
            );
          break;
        }
        case 'birth':
        case 'date':
          v[p.f] = cellDate(c, p.kind === 'birth', monthFirst);
          if (swapped && c instanceof Date && mayBeSwapped(c)) {
            const m = swappedDateMessage(c, swapped.text, monthFirst);
            problems.push(problem(row, col(p.f), 'DATE_SWAPPED', m.vi, m.en));
          }
          break;
        case 'digits': {
          const d = cellDigits(c, p.widths);
          v[p.f] = d;
          const short = typeof c === 'string' ? ZERO_LOST[p.f] : undefined;
          // Excel drops every leading zero: one of a mã số; one or two of a CCCD (provinces 001–009 lose two).
          const lost = short && (d.length === short.digits - 1 || (p.f === 'cccd' && d.length === 10));
          if (short && lost && /^[1-9]\d+$/.test(d)) {
            // A CSV Excel saved from a number column: the zeros are gone and the text no longer says so. Refused
            // (a digit short is as often a typo), but saying what probably happened.
            problems.push(
              problem(
                row,
                col(p.f),
                short.code,
                `phải gồm đúng ${short.digits} chữ số; "${d}" có ${d.length} chữ số — nếu Excel đã bỏ số 0 ở đầu (ô kiểu Số), hãy định dạng cột là Văn bản (Text) và nhập lại đủ ${short.digits} chữ số`,
                `must be exactly ${short.digits} digits; "${d}" has ${d.length} — if Excel dropped the leading zero (a Number cell), format the column as Text and type all ${short.digits} digits again`,
              ),
            );
          } else if (typeof c === 'string' && (d.includes('E+') || d.includes('e+'))) {
            // "1,09E+11": a 12-digit number in a General cell is shown — and saved as CSV — in scientific notation
            // by Excel; the digits are gone, so the cell is refused saying so rather than as "not 12 digits".
            const t = cellText(c).text;
            problems.push(
              problem(
                row,
                col(p.f),
                'SCIENTIFIC_NOTATION',
                `"${t}" là số đã bị đổi sang dạng số mũ khi lưu, các chữ số đã mất: hãy định dạng cột là Văn bản (Text) rồi nhập lại`,
                `"${t}" is a number saved in scientific notation, its digits are lost: format the column as Text and type it again`,
              ),
            );
          }
          break;
        }
        case 'number': {
          const n = PERCENT_FIELDS.has(p.f) ? cellPercent(c) : cellNumber(c);
          if (n !== null && Number.isNaN(n)) {
            const t = specialText(cells, p.i, encodings);
            problems.push(problem(row, col(p.f), 'NUMBER', `"${t}" không phải là số`, `"${t}" is not a number`));
            v[p.f] = p.f === 'salary' ? null : 0;
          } else v[p.f] = p.f === 'salary' ? n : (n ?? 0);
        }
      }
    }
    // "CMND/CCCD" columns hold either; a 9-digit value is a CMND.
    if (typeof v.cccd === 'string' && v.cccd.length === 9 && /^\d{9}$/.test(v.cccd) && !v.cmnd) {
      v.cmnd = v.cccd;
      v.cccd = '';
    }
    // …and a "CMND" column (the VNPT workbook's) holds 12-digit CCCDs today.
    else if (typeof v.cmnd === 'string' && v.cmnd.length === 12 && /^\d{12}$/.test(v.cmnd) && !v.cccd) {
      v.cccd = v.cmnd;
      v.cmnd = '';
    }
    if (gi !== undefined) {
      const g = cellGender(cells[gi] ?? null);
      if (g === null) {
        const t = specialText(cells, gi, encodings);
        problems.push(
          // An empty cell is a missing value (as the other required fields say), not a wrong word.
          t === ''
            ? problem(row, col('gender'), 'REQUIRED', 'không được để trống', 'is required')
            : problem(
                row,
                col('gender'),
                'GENDER',
                `"${t}" không phải giới tính (Nam/Nữ)`,
                `"${t}" is not a gender (Nam/Nữ)`,
              ),
        );
      } else v.gender = g;
    }
    if (si !== undefined) {
      const status = STATUS_WORDS[foldKey(specialText(cells, si, encodings))];
      if (!status)
        problems.push(
          problem(
            row,
            col('status'),
            'STATUS',
            `"${specialText(cells, si, encodings)}" không phải trạng thái hợp lệ (ghi một trong: ${STATUS_CHOICES.vi})`,
            `"${specialText(cells, si, encodings)}" is not a valid status (write one of: ${STATUS_CHOICES.en})`,
          ),
        );
      else v.status = status;
    }
    const kind = ki === undefined ? '' : foldKey(specialText(cells, ki, encodings));
    v.salaryKind =
      kind.startsWith('heso') || kind === 'coefficient'
        ? 'coefficient'
        : kind
          ? 'amount'
          : typeof v.salary === 'number' && v.salary > 0 && v.salary <= 100
            ? 'coefficient'
            : 'amount';
    if (!v.nationality) v.nationality = 'VN';
    return { row, value: v as unknown as EmployeeFields, problems, convertedCells: convertedCells + specialConverted };
  };
}

export function problem(row: number, column: string, code: string, vi: string, en: string): ImportProblem {
  return {
    row,
    column,
    code,
    message: `Dòng ${row}, cột "${column}": ${vi}`,
    messageEn: `Row ${row}, column "${column}": ${en}`,
    severity: 'error',
  };
}
