import type { ColumnMapping } from '../../shared/contract/roster';
import { foldKey } from '../../shared/text/fold';
import { cellText } from './cells';
import { headerKey, recogniseHeader } from './mapping';
import type { CellValue } from './sheet';

/**
 * Gender as two columns "Nam" | "Nữ", the layout of the older BHXH lists (mẫu 03a-TBH: "Năm sinh" over "Nam" |
 * "Nữ") that HR and payroll programs still print:
 * - marks: "Giới tính" over "Nam" | "Nữ" (or the two headers alone), an "x" (✓, 1, …) in the person's column;
 * - birth dates: "Ngày sinh" / "Năm sinh" over "Nam" | "Nữ", the date written in the person's column;
 * - a "Nữ" column alone (or "Giới tính" over "Nữ") when the file has no other gender column: an "x" for a woman,
 *   empty for a man, as those lists mark it.
 * Read as one column, the marks were "x is no gender" and every woman's row "gender is required" (or the file had
 * no gender column at all). The pair becomes virtual columns after the file's own — named "Nam-header / Nữ-header"
 * so messages point at both cells — and the mapping points the fields at them.
 */
export interface GenderPair {
  /** Column indexes of the two cells. */
  male: number;
  female: number;
  /** `female`: one "Nữ" column; `male` is then -1. */
  kind: 'marks' | 'birth' | 'female';
  /** The virtual columns' headers: [gender] for marks, [birth date, gender] for birth dates. */
  virtual: string[];
  /** Index of the first virtual column (the file's header count). */
  at: number;
}

const MALE = 'nam';
const FEMALE = 'nu';

/** The first "…Nam" / "…Nữ" pair of headers whose common part names the gender, a birth date, or nothing. */
export function findGenderPair(headers: readonly string[]): GenderPair | null {
  const keys = headers.map((h) => (h ? headerKey(h) : ''));
  for (let m = 0; m < keys.length; m++) {
    const k = keys[m]!;
    if (!k.endsWith(MALE)) continue;
    const prefix = k.slice(0, -MALE.length);
    const f = keys.indexOf(prefix + FEMALE);
    if (f < 0) continue;
    const field = prefix ? recogniseHeader(prefix) : 'gender';
    const both = `${headers[m]} / ${headers[f]}`;
    if (field === 'gender') return { male: m, female: f, kind: 'marks', virtual: [both], at: headers.length };
    if (field === 'birthDate')
      return { male: m, female: f, kind: 'birth', virtual: [both, `Giới tính (theo ${both})`], at: headers.length };
  }
  const alone = keys.findIndex((k) => k === FEMALE || k === 'gioitinh' + FEMALE);
  if (alone >= 0 && !keys.some((k, i) => i !== alone && recogniseHeader(headers[i]!) === 'gender'))
    return { male: -1, female: alone, kind: 'female', virtual: [`${headers[alone]} (x = nữ)`], at: headers.length };
  return null;
}

/**
 * The mapping with the pair's fields on its virtual columns: the gender (and birth date) the recogniser or a saved
 * mapping put on one of the two cells, or left without a column.
 */
export function mapPair(pair: GenderPair, headers: readonly string[], mapping: ColumnMapping): ColumnMapping {
  const out = { ...mapping };
  const onPair = (h: string | undefined) =>
    h === undefined || !headers.includes(h) || h === headers[pair.male] || h === headers[pair.female];
  if (pair.kind !== 'birth') {
    if (onPair(out.gender)) out.gender = pair.virtual[0]!;
  } else {
    if (onPair(out.birthDate)) out.birthDate = pair.virtual[0]!;
    if (onPair(out.gender)) out.gender = pair.virtual[1]!;
  }
  return out;
}

/** A mark: anything but an empty cell, "0" or "không". */
function marked(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  const t = cellText(v).text;
  return t !== '' && t !== '0' && foldKey(t) !== 'khong';
}

const shown = (v: CellValue | undefined) => cellText(v ?? null).text;

/** The row's cells with the pair's virtual columns filled in (the file's own cells unchanged). */
export function withPair(pair: GenderPair, cells: readonly CellValue[]): CellValue[] {
  const out = cells.slice();
  out.length = Math.max(out.length, pair.at);
  const b = cells[pair.female];
  const f = marked(b);
  if (pair.kind === 'female') {
    out[pair.at] = f ? 'Nữ' : 'Nam';
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    return out;
  }
  const a = cells[pair.male];
  const m = marked(a);
  // Both columns filled: shown as written ("x | x"), so the refusal names the two cells and what they hold.
  const gender: CellValue = m && f ? `${shown(a)} | ${shown(b)}` : m ? 'Nam' : f ? 'Nữ' : null;
  if (pair.kind === 'marks') out[pair.at] = gender;
  else {
    out[pair.at] = m && f ? `${shown(a)} | ${shown(b)}` : m ? a! : f ? b! : null;
    out[pair.at + 1] = gender;
  }
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}
