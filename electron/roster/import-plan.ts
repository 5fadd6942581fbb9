import type Database from 'better-sqlite3';
import type { ColumnMapping, EmployeeFields, EmployeeRecord, ImportProblem } from '../../shared/contract/roster';
import { checkEmployee } from '../../shared/identity/employee-record';
import { EMPLOYEE_FIELD_LABELS } from '../../shared/identity/employee-labels';
import { detectLegacyEncoding, needsDecision, type LegacyEncoding } from '../../shared/text/legacy/decode';
import { AppError } from '../core/app-error';
import { FIELDS, fromRow, searchText, SELECT_EMPLOYEE, type EmployeeRow } from './columns';
import { changedFields } from './employee-store';
import { cellText, dateOrder } from './cells';
import { findHeader, HEADER_SCAN_ROWS, recogniseMapping } from './mapping';
import { columnIndexes, makeRowReader, problem, type RowReader } from './row-reader';
import type { Sheet, SheetRow } from './sheet';
import { colIndex } from './read-xlsx';
import { distinctHeaders, twinColumnWarnings } from './twin-headers';
import { ImportReport } from './import-report';
import { NonPersonRows } from './non-person-rows';
import { identifiersAgree, personKey, SeenIdentifiers, SeenPersons } from './seen-persons';
import { parseDmy } from '../../shared/format';
import { PARTICIPATION_COLUMN } from '../../shared/ledger/import-columns';
import { participationMonth } from '../ledger/participation-cell';
import { findGenderPair, mapPair, withPair, type GenderPair } from './gender-pair';
import { HIDDEN_ROWS_LISTED, HIDDEN_ROWS_WHY, hiddenRowsSubject } from './hidden-rows';

export interface PlannedRow {
  row: number;
  value: EmployeeFields;
  /** The search column, computed while planning so the write transaction stays short. */
  search: string;
  /** The roster employee this row updates, when it matches by mã số or CCCD. */
  existing: EmployeeRecord | null;
}

/**
 * What an accepted row says about participation, for the ledger statement written after the rows (issue 10): the
 * roster employee it updates (or leaves unchanged), else its place among the rows this import inserts; its own
 * "Đã tham gia BHXH từ tháng" (ISO month) or null; its contract/work start (ISO date) or null.
 */
export interface RowStatement {
  existingId: number | null;
  insertIndex: number;
  own: string | null;
  start: string | null;
  /** The name written (an inserted row's id is checked against it). */
  name: string;
}

export interface ImportPlan {
  headers: string[];
  mapping: ColumnMapping;
  unmapped: string[];
  totalRows: number;
  /** Rows to insert / update, kept only when no `sink` takes them as they are planned. */
  inserts: PlannedRow[];
  updates: PlannedRow[];
  toInsert: number;
  toUpdate: number;
  /** Rows that match an employee and change nothing. */
  unchanged: number;
  rejectedRows: number;
  problems: ImportProblem[];
  convertedCells: number;
  /** The first data rows as read (legacy text decoded), for the preview. */
  sample: Record<string, string>[];
  /** Good rows for the preview and rejected rows as written, for the error workbook. */
  report: ImportReport;
  /** The header row as the sheet numbers it. */
  headerRow: number;
  /** Problems not kept in `problems` (the list is capped at MAX_PROBLEMS). */
  problemsOmitted: number;
  /** Accepted rows (inserted, updated or unchanged) as StatementRows asks, in file order. */
  statements: RowStatement[];
  /** Data rows Excel hides (see SheetRow.hidden): imported with a warning, or left out when the clerk asks. */
  hiddenRows: number;
}

/** Where the rows are and which to read (the clerk's choices in the wizard, flags of `kekhai roster import`). */
export interface SheetChoices {
  /** The header row as the sheet numbers it; omitted = found (see findHeader). */
  headerRow?: number;
  /** Leave out the data rows Excel hides (hidden, filtered out, collapsed); by default they are read with a warning. */
  skipHiddenRows?: boolean;
}

/**
 * The accepted rows the ledger statement written after an import needs (`ImportPlan.statements`): 'all' when an
 * import-wide "participating since" month applies to rows without their own; 'own' without one, where only a row's own
 * "Đã tham gia BHXH từ tháng" states anything (a 50,000-row file without that column then holds no statement at all);
 * 'none' for a preview or dry run, which writes nothing.
 */
export type StatementRows = 'all' | 'own' | 'none';

/** A birth date with its day (dd/mm/yyyy as checkEmployee normalises it), not a month or year alone. */
const FULL_DATE = /^\d{2}\/\d{2}\/\d{4}$/;

/** Problems kept in a plan: a file of 200,000 bad rows must not hold a million messages. */
export const MAX_PROBLEMS = 1000;

/** Rows looked at before deciding the header row and each column's legacy encoding. */
const LOOKAHEAD = 2000;

/**
 * Reads, normalises and validates rows as they arrive and decides what each would do — without writing anything.
 * Rows with an error are rejected (all their problems listed: row number as the sheet shows it, column header,
 * Vietnamese reason); duplicates inside the file (same mã số or CCCD as an earlier row) are rejected; a row
 * matching a roster employee by mã số or CCCD updates that employee, unless the two identifiers point at different
 * employees or an earlier row already updates that person. Columns a file lacks keep the roster's values.
 *
 * Rows are fed in batches (`push`) as the .xlsx parser produces them, so the whole sheet is never held in memory;
 * the first rows are held back until the header row and the column encodings are known.
 */
export class ImportPlanner {
  private pending: SheetRow[] = [];
  private plan: ImportPlan | null = null;
  private readRow: RowReader | null = null;
  private idx: ReturnType<typeof columnIndexes> = {};
  /** Column of "Đã tham gia BHXH từ tháng", when the file has one. */
  private participationAt: number | undefined;
  private byNumber = new Map<string, EmployeeRecord>();
  private byCccd = new Map<string, EmployeeRecord>();
  /** Roster employees by name, birth date and gender (see `byPerson`), for rows without a known identifier. */
  private byPersonKey = new Map<string, EmployeeRecord[]>();
  /** Rows of the sheet that are no person (column numbers, headings, totals, signatures), found as read. */
  private nonPersons: NonPersonRows | null = null;
  /** Gender written as two columns "Nam" | "Nữ", read through virtual columns (see gender-pair.ts). */
  private pair: GenderPair | null = null;
  private readonly seenNumber = new SeenIdentifiers();
  private readonly seenCccd = new SeenIdentifiers();
  /** Rows read so far by name, birth date and gender (`twinInFile`). */
  private readonly seenPersons = new SeenPersons();
  /** Roster employee id → the row that updates it (two rows may not update one person). */
  private matchedBy = new Map<number, number>();
  /** The sheet's numbers of the first row after the header and of the last data row read. */
  private firstDataRow = 0;
  private lastDataRow = 0;
  /** The first data rows Excel hides, by the sheet's numbers (HIDDEN_ROWS_LISTED of them; plan.hiddenRows counts all). */
  private readonly hiddenListed: number[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly unitId: number,
    private readonly mappingIn: ColumnMapping | null,
    private readonly now: Date,
    private readonly onProgress?: (done: number) => void,
    /** Takes each insert/update as soon as it is planned (the commit writes while the file is still being read). */
    private readonly sink?: (r: PlannedRow) => void,
    private readonly choices: SheetChoices = {},
    /** Which rows get a `statements` entry (see StatementRows); a preview or dry run writes none. */
    private readonly statementRows: StatementRows = 'all',
  ) {}

  push(rows: SheetRow[]): void {
    if (this.plan) {
      for (const r of rows) this.take(r);
      return;
    }
    for (const r of rows) this.pending.push(r);
    if (this.pending.length > LOOKAHEAD + HEADER_SCAN_ROWS) this.start();
  }

  /** The plan, once every row is pushed; `merges` = the sheet's merged ranges (.xlsx), read as warnings. */
  finish(merges: readonly string[] = []): ImportPlan {
    if (!this.plan) this.start();
    this.noteHiddenRows();
    if (merges.length) {
      const mapped = new Set(Object.values(this.idx));
      if (this.participationAt !== undefined) mapped.add(this.participationAt);
      const columns = [...mapped].sort((x, y) => x - y);
      for (const m of merges) this.noteMerge(m, columns);
    }
    const rows = this.nonPersons?.rows ?? [];
    if (rows.length) {
      const plan = this.plan!;
      const list = rows.length > 10 ? `${rows.slice(0, 10).join(', ')}…` : rows.join(', ');
      const p: ImportProblem = {
        ...problem(
          rows[0]!,
          this.col('fullName'),
          'NOT_A_PERSON',
          `dòng ${list} không phải người lao động (dòng đánh số cột, tiêu đề nhóm, tổng cộng hoặc phần ký tên): không nhập`,
          `rows ${list} are no employees (column numbers, group headings, totals or signatures): not imported`,
        ),
        severity: 'warning',
      };
      if (plan.problems.length < MAX_PROBLEMS) plan.problems.push(p);
      else plan.problemsOmitted++;
    }
    return this.plan!;
  }

  /**
   * Rows Excel does not show are data all the same (a hidden or filtered-out row is still in the file), but a clerk
   * who hid the people who left, or filtered the list to this month's changes, would not expect them imported — a
   * person who left, added as a new employee, is a báo tăng proposed for them. So the rows are named: read as any
   * other row (nothing in the file is dropped without a word), or left out when the clerk asks. One line, kept even
   * when the capped problem list is full: it is about many rows at once.
   */
  private noteHiddenRows(): void {
    const plan = this.plan!;
    const n = plan.hiddenRows;
    if (!n) return;
    const rows = hiddenRowsSubject(this.hiddenListed, n);
    const why = HIDDEN_ROWS_WHY;
    plan.problems.push({
      ...(this.choices.skipHiddenRows
        ? problem(
            this.hiddenListed[0]!,
            this.col('fullName'),
            'HIDDEN_ROWS',
            `${rows.vi} đang bị ẩn trong Excel (${why.vi}): không nhập, theo lựa chọn bỏ qua các dòng ẩn`,
            `${rows.en} hidden in Excel (${why.en}): not imported, as chosen (skip hidden rows)`,
          )
        : problem(
            this.hiddenListed[0]!,
            this.col('fullName'),
            'HIDDEN_ROWS',
            `${rows.vi} đang bị ẩn trong Excel (${why.vi}) nhưng vẫn được nhập như mọi dòng khác: nếu đó là người đã nghỉ việc hoặc không cần nhập, hãy chọn «Bỏ qua các dòng ẩn» (kekhai: --skip-hidden-rows)`,
            `${rows.en} hidden in Excel (${why.en}) but imported like any other: if they are people who left or rows not to import, choose "Skip hidden rows" (kekhai: --skip-hidden-rows)`,
          )),
      severity: 'warning',
    });
  }

  /**
   * A merged range over data rows: its value is its top-left cell's (ECMA-376 Part 1 §18.3.1.55), so the rows it
   * covers below read that column as empty — not what the clerk sees. The ranges come after the rows in the sheet,
   * when the rows are planned (and, on a commit, written), so each covered cell of a mapped column is a warning
   * naming row, column and range rather than a guessed value.
   */
  private noteMerge(ref: string, mappedColumns: readonly number[]): void {
    const plan = this.plan!;
    const [a, b] = ref.split(':');
    if (!a || !b) return;
    const c1 = colIndex(a);
    const c2 = colIndex(b);
    const r1 = Number(a.replace(/^[A-Za-z]+/, ''));
    const r2 = Number(b.replace(/^[A-Za-z]+/, ''));
    if (c1 < 0 || c2 < 0 || !Number.isInteger(r1) || !Number.isInteger(r2)) return;
    const from = Math.max(r1, this.firstDataRow);
    const to = Math.min(r2, this.lastDataRow);
    const columns = mappedColumns.filter((c) => c >= c1 && c <= c2);
    if (from > to || !columns.length) return;
    // Only the mapped columns are visited, and past MAX_PROBLEMS the covered cells are counted, not built: a crafted
    // "A1:XFD1048576" repeated in a 14 KB file was 16,384 steps a row per range (12 s for 1,000 rows and 20 ranges).
    const covered = (to - from + 1) * columns.length - (from === r1 && columns.includes(c1) ? 1 : 0);
    let listed = 0;
    for (let r = from; r <= to && plan.problems.length < MAX_PROBLEMS; r++)
      for (const c of columns) {
        if ((r === r1 && c === c1) || plan.problems.length >= MAX_PROBLEMS) continue;
        plan.problems.push({
          ...problem(
            r,
            plan.headers[c] || `#${c + 1}`,
            'MERGED_CELL',
            `ô nằm trong vùng gộp ${ref}, chỉ ô ${a} có giá trị: ô này được đọc là trống`,
            `the cell is inside the merged range ${ref}; only ${a} holds a value: this cell is read as empty`,
          ),
          severity: 'warning',
        });
        listed++;
      }
    plan.problemsOmitted += covered - listed;
  }

  private start(): void {
    const sheet: Sheet = { rows: this.pending };
    if (!sheet.rows.length) throw new AppError('BAD_FILE', 'Tệp không có dữ liệu', { en: 'The file holds no data' });
    const found = findHeader(sheet.rows, this.choices.headerRow);
    const headerAt = found.at;
    // Two columns under one header ("Mã số BHXH" twice: an old column kept beside the new): told apart as
    // "Mã số BHXH (2)" so the clerk can pick either, and a mapped one is named in a warning below.
    const headers = distinctHeaders(found.headers);
    this.firstDataRow = sheet.rows[headerAt]!.row + 1;
    const recognised = recogniseMapping(headers);
    let mapping =
      this.mappingIn && Object.values(this.mappingIn).some((h) => headers.includes(h))
        ? this.mappingIn
        : recognised.mapping;
    // A mapping saved before the file had a participation column still reads one this file has (issue 10).
    const pRecognised = recognised.mapping[PARTICIPATION_COLUMN];
    if (
      pRecognised &&
      !headers.includes(mapping[PARTICIPATION_COLUMN] ?? '') &&
      !Object.values(mapping).includes(pRecognised)
    )
      mapping = { ...mapping, [PARTICIPATION_COLUMN]: pRecognised };
    // Gender as two columns "Nam" | "Nữ" (marks, or the birth date in the person's column): virtual columns.
    this.pair = findGenderPair(headers);
    const columns = this.pair ? [...headers, ...this.pair.virtual] : headers;
    // A remembered mapping may name a column this file lacks (another layout's "Nam / Nữ" columns, a renamed
    // header): that field takes the column the recogniser finds here, if any — else a unit that once imported the
    // "Nam" | "Nữ" layout was told its next file, with a plain "Giới tính" column, had no gender column.
    if (mapping !== recognised.mapping) {
      const used = new Set(Object.values(mapping).filter((h) => columns.includes(h)));
      for (const [f, h] of Object.entries(mapping)) {
        const found = recognised.mapping[f];
        if (columns.includes(h) || !found || used.has(found)) continue;
        mapping = { ...mapping, [f]: found };
        used.add(found);
      }
    }
    if (this.pair) mapping = mapPair(this.pair, headers, mapping);
    const mappedHeaders = new Set(Object.values(mapping));
    // The "Nam" | "Nữ" cells are read through the virtual columns: not "unrecognised".
    if (this.pair) for (const i of [this.pair.male, this.pair.female]) if (i >= 0) mappedHeaders.add(headers[i]!);
    const unmapped = headers.filter((h) => h && !mappedHeaders.has(h) && recognised.unmapped.includes(h));
    const required = (['fullName', 'birthDate', 'gender'] as const).filter(
      (f) => !(f in mapping) || !columns.includes(mapping[f]!),
    );
    // Headers with "?" for letters ("H? và tên"): the file was saved in a code page without Vietnamese letters,
    // and its names are damaged too — saying that helps where "column not identified" would not.
    const damaged = headers.find((h) => h.includes('?') && /\p{L}\?|\?\p{L}/u.test(h));
    if (required.length && damaged) {
      throw new AppError(
        'BAD_FILE',
        `Tiêu đề cột "${damaged}" có dấu "?" thay cho chữ: tệp đã mất chữ tiếng Việt khi được lưu bằng bảng mã không có tiếng Việt. Hãy lưu lại dạng "CSV UTF-8" hoặc .xlsx rồi nhập lại.`,
        {
          en: `Column header "${damaged}" has "?" in place of letters: the file lost its Vietnamese letters when saved in an encoding without them. Save it again as "CSV UTF-8" or .xlsx and import it again.`,
          details: { headers },
        },
      );
    }
    if (required.length) {
      const names = required.map((f) => EMPLOYEE_FIELD_LABELS[f].vi).join(', ');
      throw new AppError(
        'MAPPING_INCOMPLETE',
        `Chưa xác định được cột bắt buộc: ${names}. Hãy chọn cột tương ứng ở bước ghép cột.`,
        {
          en: `Required columns not identified: ${required.map((f) => EMPLOYEE_FIELD_LABELS[f].en).join(', ')}. Pick them in the mapping step.`,
          details: { headers, mapping, missing: required },
        },
      );
    }
    this.idx = columnIndexes(columns, mapping);
    this.nonPersons = new NonPersonRows(this.idx, this.pair?.kind === 'female');
    const pHeader = mapping[PARTICIPATION_COLUMN];
    this.participationAt = pHeader && headers.includes(pHeader) ? headers.indexOf(pHeader) : undefined;
    const encodings = columnEncodings(sheet.rows.slice(headerAt + 1));
    const dates = this.dateOrderOf(sheet.rows.slice(headerAt + 1));
    this.readRow = makeRowReader(this.idx, mapping, encodings, dates);
    for (const e of (this.db.prepare(`${SELECT_EMPLOYEE} WHERE e.unit_id = ?`).all(this.unitId) as EmployeeRow[]).map(
      fromRow,
    )) {
      if (e.insuranceNumber) this.byNumber.set(e.insuranceNumber, e);
      if (e.cccd) this.byCccd.set(e.cccd, e);
      const key = personKey(e);
      const same = this.byPersonKey.get(key);
      if (same) same.push(e);
      else this.byPersonKey.set(key, [e]);
    }
    const sample = sheet.rows
      .slice(headerAt + 1, headerAt + 6 + LOOKAHEAD)
      .filter((r) => !this.isTemplateRow(r) && !(r.hidden && this.choices.skipHiddenRows))
      .slice(0, 5)
      .map((r) => {
        const cells = this.pair ? withPair(this.pair, r.cells) : r.cells;
        return Object.fromEntries(
          columns.map((h, i) => [h || `#${i + 1}`, cellText(cells[i] ?? null, encodings[i]).text]),
        );
      });
    this.plan = {
      headers: columns,
      mapping,
      unmapped,
      totalRows: 0,
      inserts: [],
      updates: [],
      toInsert: 0,
      toUpdate: 0,
      unchanged: 0,
      rejectedRows: 0,
      problems: [],
      convertedCells: 0,
      sample,
      headerRow: found.row,
      problemsOmitted: 0,
      report: new ImportReport(headers),
      statements: [],
      hiddenRows: 0,
    };
    for (const p of twinColumnWarnings(found.headers, headers, mapping, found.row)) this.plan.problems.push(p);
    if (dates.order === 'month-first') {
      const column = mapping.birthDate!;
      this.plan.problems.push({
        ...problem(
          found.row,
          column,
          'DATE_ORDER',
          `ngày trong tệp được ghi tháng trước (m/d/yyyy: "${dates.evidence}" — Excel đặt ngôn ngữ tiếng Anh (Mỹ) lưu CSV như vậy): mọi ngày được đọc theo thứ tự tháng/ngày/năm`,
          `the file writes dates month first (m/d/yyyy: "${dates.evidence}" — Excel set to English (United States) saves CSV that way): every date is read as month/day/year`,
        ),
        severity: 'warning',
      });
    }
    const rest = sheet.rows.slice(headerAt + 1);
    this.pending = [];
    for (const r of rest) this.take(r);
  }

  /** The order of the text dates in the file's date columns (birth and contract dates), judged on the first rows. */
  private dateOrderOf(rows: SheetRow[]): ReturnType<typeof dateOrder> {
    const at = (['birthDate', 'contractSigned', 'contractStart', 'contractEnd'] as const)
      .map((f) => this.idx[f])
      .filter((i): i is number => i !== undefined);
    // A birth date in "Nam" | "Nữ" columns is read from the file's own two cells.
    const cols = at.flatMap((i) => (this.pair && i >= this.pair.at ? [this.pair.male, this.pair.female] : [i]));
    return dateOrder(cols.map((i) => rows.map((r) => r.cells[i] ?? null)));
  }

  /**
   * Formula results only: a template row (running number, totals; a reference to an empty cell gives 0) unless its
   * name is text — a sheet that copies its people from another sheet by formulas is data, and leaving it out
   * imported nothing without a word.
   */
  private isTemplateRow({ cells, formulaOnly }: SheetRow): boolean {
    if (!formulaOnly) return false;
    const name = this.idx.fullName === undefined ? null : cells[this.idx.fullName];
    return typeof name !== 'string' || name.trim() === '';
  }

  private states(own: string | null): boolean {
    return this.statementRows === 'all' || (this.statementRows === 'own' && own !== null);
  }

  private col(f: keyof EmployeeFields): string {
    return this.plan!.mapping[f] ?? EMPLOYEE_FIELD_LABELS[f].vi;
  }

  /**
   * A row whose mã số and CCCD (if any) are not in the roster: the roster employee with the same name, birth date
   * and gender whose own identifiers do not contradict the row's. Without this a file of people without
   * identifiers (first-time participants, an HR export without a CCCD column) imported twice — or once in NFC and
   * once in NFD — doubled every one of them. A full birth date identifies a person within a unit; a year or
   * month/year alone does not, so such a match is taken only when the row changes nothing (the same file again),
   * and otherwise, like two candidates, the row is refused asking for the mã số or CCCD that tells them apart.
   */
  private byPerson(row: number, value: EmployeeFields, problems: ImportProblem[]): EmployeeRecord | undefined {
    const same = this.byPersonKey.get(personKey(value));
    if (!same) return undefined;
    const candidates = same.filter((e) => identifiersAgree(e, value));
    if (!candidates.length) return undefined;
    const only = candidates.length === 1 ? candidates[0]! : undefined;
    if (only && (FULL_DATE.test(value.birthDate) || !changedFields(only, mergeMapped(only, value, this.idx)).length))
      return only;
    const who = only
      ? `${only.fullName} (sinh ${only.birthDate})`
      : `${candidates.length} người cùng họ tên, ngày sinh và giới tính`;
    const whoEn = only
      ? `${only.fullName} (born ${only.birthDate})`
      : `${candidates.length} people of the same name, birth date and gender`;
    problems.push(
      problem(
        row,
        this.col('fullName'),
        'POSSIBLE_DUPLICATE',
        `có thể là ${who} đã có trong danh sách: hãy điền mã số BHXH hoặc số CCCD để phân biệt`,
        `may be ${whoEn} already on the roster: fill in the social-insurance number or citizen ID to tell them apart`,
      ),
    );
    return undefined;
  }

  /**
   * The same person twice in the file, told apart by no identifier: same name, birth date and gender, and no two
   * different mã số or CCCD between the rows (same ones are found above). Both had been inserted — a duplicate,
   * which the next import then could not match to either.
   */
  private twinInFile(row: number, value: EmployeeFields, problems: ImportProblem[]): void {
    const twin = this.seenPersons.note(value, row);
    if (twin !== undefined)
      problems.push(
        problem(
          row,
          this.col('fullName'),
          'DUPLICATE_IN_FILE',
          `cùng họ tên, ngày sinh và giới tính với dòng ${twin}, không có mã số BHXH hay số CCCD để phân biệt`,
          `the same name, birth date and gender as row ${twin}, with no social-insurance number or citizen ID to tell them apart`,
        ),
      );
  }

  private take({ row, cells, invalid, formulaOnly, unclosedQuote, hidden }: SheetRow): void {
    const plan = this.plan!;
    // Rows the reader could not read whole (CSV): refused as they are — never stored with U+FFFD or with the rest of
    // the file in one cell — and kept for the error workbook with the cells that could be read.
    if (unclosedQuote || invalid) {
      const problems: ImportProblem[] = [];
      if (unclosedQuote) {
        const { column, lines } = unclosedQuote;
        problems.push(
          problem(
            row,
            plan.headers[column] || `#${column + 1}`,
            'UNCLOSED_QUOTE',
            `ô mở bằng dấu ngoặc kép (") không có dấu đóng${lines ? `: ${lines.toLocaleString('vi-VN')} dòng còn lại của tệp bị đọc vào ô này` : ''} — hãy thêm dấu " đóng ô hoặc bỏ dấu " mở rồi nhập lại`,
            `the cell opens a quote (") that is never closed${lines ? `: the file's remaining ${lines} lines were read into it` : ''} — close or remove the " and import again`,
          ),
        );
      }
      for (const b of invalid ?? [])
        problems.push(
          problem(
            row,
            plan.headers[b.column] || `#${b.column + 1}`,
            'ENCODING',
            `byte ${b.bytes} không phải văn bản hợp lệ trong bảng mã của tệp`,
            `byte ${b.bytes} is no valid text in the file's encoding`,
          ),
        );
      plan.totalRows++;
      plan.rejectedRows++;
      plan.report.reject(row, cells, problems);
      for (const p of problems) {
        if (plan.problems.length < MAX_PROBLEMS) plan.problems.push(p);
        else plan.problemsOmitted++;
      }
      return;
    }
    let empty = true;
    for (const c of cells) {
      if (c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === '')) {
        empty = false;
        break;
      }
    }
    if (empty) return;
    if (formulaOnly && this.isTemplateRow({ row, cells, formulaOnly })) return;
    const readCells = this.pair ? withPair(this.pair, cells) : cells;
    if (this.nonPersons!.passOver(row, cells, readCells)) return;
    if (hidden) {
      plan.hiddenRows++;
      if (this.hiddenListed.length < HIDDEN_ROWS_LISTED) this.hiddenListed.push(row);
      if (this.choices.skipHiddenRows) return;
    }
    plan.totalRows++;
    this.lastDataRow = row;
    const read = this.readRow!(row, readCells);
    plan.convertedCells += read.convertedCells;
    const problems = read.problems;
    const { value, problems: fieldProblems } = checkEmployee(read.value, this.now);
    let own: string | null = null;
    if (this.participationAt !== undefined) {
      const p = participationMonth(cells[this.participationAt] ?? null, this.now);
      const column = plan.mapping[PARTICIPATION_COLUMN]!;
      if ('error' in p) problems.push(problem(row, column, 'PARTICIPATION_MONTH', p.error.vi, p.error.en));
      else own = p.month;
    }
    for (const p of fieldProblems) {
      if (problems.some((q) => q.column === this.col(p.field))) continue; // the cell was already unreadable
      // The CCCD is checked against the gender read: an unreadable gender cell is already named, not a mismatch.
      if (p.code === 'CCCD_GENDER' && problems.some((q) => q.column === this.col('gender'))) continue;
      // The message names the column already ("Dòng 7, cột "Ngày sinh": …"): the field label checkEmployee puts
      // first for the form ("Ngày sinh: năm sinh 1899…") would say it twice.
      const label = EMPLOYEE_FIELD_LABELS[p.field];
      problems.push(
        problem(row, this.col(p.field), p.code, withoutLabel(p.message, label.vi), withoutLabel(p.messageEn, label.en)),
      );
    }
    if (value.insuranceNumber) {
      const first = this.seenNumber.first(value.insuranceNumber, row);
      if (first !== undefined)
        problems.push(
          problem(
            row,
            this.col('insuranceNumber'),
            'DUPLICATE_IN_FILE',
            `mã số BHXH ${value.insuranceNumber} trùng với dòng ${first}`,
            `social-insurance number ${value.insuranceNumber} repeats row ${first}`,
          ),
        );
    }
    if (value.cccd) {
      const first = this.seenCccd.first(value.cccd, row);
      if (first !== undefined)
        problems.push(
          problem(
            row,
            this.col('cccd'),
            'DUPLICATE_IN_FILE',
            `số CCCD ${value.cccd} trùng với dòng ${first}`,
            `citizen ID ${value.cccd} repeats row ${first}`,
          ),
        );
    }
    if (!problems.length) this.twinInFile(row, value, problems);
    const a = value.insuranceNumber ? this.byNumber.get(value.insuranceNumber) : undefined;
    const b = value.cccd ? this.byCccd.get(value.cccd) : undefined;
    if (a && b && a.id !== b.id) {
      problems.push(
        problem(
          row,
          this.col('cccd'),
          'DUPLICATE_CONFLICT',
          `mã số BHXH thuộc ${a.fullName} nhưng số CCCD thuộc ${b.fullName} trong danh sách`,
          `the insurance number belongs to ${a.fullName} but the citizen ID to ${b.fullName}`,
        ),
      );
    }
    // An empty roster (a first import) has no one to match by name: no lookup per row.
    const matched =
      a ?? b ?? (problems.length || !this.byPersonKey.size ? undefined : this.byPerson(row, value, problems));
    if (matched && !problems.length) {
      const first = this.matchedBy.get(matched.id);
      if (first !== undefined)
        problems.push(
          problem(
            row,
            this.col(a ? 'insuranceNumber' : 'cccd'),
            'DUPLICATE_IN_FILE',
            `cùng người lao động ${matched.fullName} với dòng ${first}`,
            `the same employee (${matched.fullName}) as row ${first}`,
          ),
        );
      else this.matchedBy.set(matched.id, row);
    }
    if (problems.length) {
      plan.rejectedRows++;
      plan.report.reject(row, cells, problems);
      for (const p of problems) {
        if (plan.problems.length < MAX_PROBLEMS) plan.problems.push(p);
        else plan.problemsOmitted++;
      }
    } else if (!matched) {
      const r: PlannedRow = { row, value, search: searchText(value), existing: null };
      if (this.states(own)) plan.statements.push(statementOf(null, plan.toInsert, own, value));
      plan.toInsert++;
      plan.report.accept(row, value, 'new');
      if (this.sink) this.sink(r);
      else plan.inserts.push(r);
    } else {
      // Columns the file does not have keep the roster's values: an import never blanks what it was not given.
      const merged = mergeMapped(matched, value, this.idx);
      if (this.states(own)) plan.statements.push(statementOf(matched.id, -1, own, merged));
      if (changedFields(matched, merged).length) {
        const r: PlannedRow = { row, value: merged, search: searchText(merged), existing: matched };
        plan.toUpdate++;
        plan.report.accept(row, merged, 'update');
        if (this.sink) this.sink(r);
        else plan.updates.push(r);
      } else {
        plan.unchanged++;
        plan.report.accept(row, merged, 'unchanged');
      }
    }
    if (this.onProgress && plan.totalRows % 5000 === 0) this.onProgress(plan.totalRows);
  }
}

/** "Ngày sinh: năm sinh 1899 không hợp lý" → "năm sinh 1899 không hợp lý". */
function withoutLabel(message: string, label: string): string {
  return message.startsWith(label + ': ') ? message.slice(label.length + 2) : message;
}

function statementOf(
  existingId: number | null,
  insertIndex: number,
  own: string | null,
  e: EmployeeFields,
): RowStatement {
  return { existingId, insertIndex, own, start: e.contractStart ? parseDmy(e.contractStart) : null, name: e.fullName };
}

function mergeMapped(
  existing: EmployeeRecord,
  row: EmployeeFields,
  idx: Partial<Record<keyof EmployeeFields, number>>,
): EmployeeFields {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const mapped = idx[f] !== undefined || (f === 'salaryKind' && idx.salary !== undefined);
    out[f] = mapped ? row[f] : existing[f];
  }
  return out as EmployeeFields;
}

/**
 * The legacy encoding of each column, judged over its cells (up to 2,000) that could be legacy text: one cell
 * alone can be ambiguous, a column of names is not.
 */
function columnEncodings(rows: SheetRow[]): (LegacyEncoding | undefined)[] {
  const samples: string[][] = [];
  for (const { cells } of rows) {
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (typeof v !== 'string' || !needsDecision(v)) continue;
      const list = (samples[c] ??= []);
      if (list.length < LOOKAHEAD) list.push(v);
    }
  }
  return Array.from(samples, (list) => (list && list.length ? detectLegacyEncoding(list) : undefined));
}
