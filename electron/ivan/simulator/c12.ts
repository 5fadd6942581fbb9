import type Database from 'better-sqlite3';
import { planByCode } from '../../../shared/codes/plans';
import { rowContributionDelta, type Allowances, type RowDelta } from '../../../shared/contributions/engine';
import { isoMonth } from '../../../shared/rules/month';
import { readEnvelope, type EnvelopeFacts } from '../../../shared/ivan/envelope-read';
import type { NotificationBody } from '../../../shared/ivan/profile';

type Statement = NonNullable<NotificationBody['statement']>;

/** A D02-TS row as the server read it from the dossier (the fields the C12-TS arithmetic needs). */
export interface C12Row {
  plan: string;
  insuranceNo: string;
  idNumber: string;
  salary: number;
  allowances: Allowances;
  fromMonth: string;
  toMonth: string;
  wageRegion: string;
}

export interface C12Input {
  /** MM/yyyy. */
  period: string;
  unitCode: string;
  rows: C12Row[];
  /**
   * The insured salary (TienLuong) BHXH already knows for a person (by mã số BHXH, else ID number): a DC row changes
   * the month by the difference from it. Unknown ⇒ the DC row adds nothing (the server cannot know the change).
   */
  previousSalaryOf?: (key: string) => number | undefined;
}

/** "2015-12" → "2016-01". */
function nextMonth(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The key under which the server remembers a person: mã số BHXH, else the ID number. */
export const personKey = (r: Pick<C12Row, 'insuranceNo' | 'idNumber'>) => r.insuranceNo || r.idNumber;

/**
 * A training C12-TS ("thông báo kết quả đóng", domain reference §2.3) for an accepted procedure-600 dossier: part B
 * (phát sinh trong kỳ) — B.1 số lao động, B.2 quỹ lương, B.3 phải đóng (each row's first month, as the printed
 * D02-TS totals it), B.4 the later months of rows that start before the period (truy thu) — with every amount from the one
 * contribution engine (shared/contributions/engine.ts), so it equals the app's printed D02-TS total and the change
 * of its monthly statement. Columns as C12-TS splits them: bhxh = HT-TT + ÔĐ-TS, bhyt, bhtn, bhtnld = TNLĐ-BNN. The
 * real statement also carries the previous balance and payments, which only BHXH knows; the local server leaves
 * them out.
 */
export function c12FromRows(input: C12Input, agencyCode: string): Statement {
  let headsUp = 0;
  let headsDown = 0;
  let fundUp = 0;
  let fundDown = 0;
  const owed = { bhxh: 0, bhyt: 0, bhtn: 0, bhtnld: 0 };
  const later = { bhxh: 0, bhyt: 0, bhtn: 0, bhtnld: 0 };
  const add = (into: typeof owed, d: RowDelta) => {
    const both = (f: keyof RowDelta['employer']) => d.employer[f] + d.employee[f];
    into.bhxh += both('pension') + both('sickness');
    into.bhyt += both('health');
    into.bhtn += both('unemployment');
    into.bhtnld += both('accident');
  };
  const period = isoMonth(input.period);
  for (const r of input.rows) {
    const plan = planByCode(r.plan);
    if (!plan) continue;
    // A person first filed without a mã số (TM by ID number) is later filed with the one BHXH assigned: try both.
    const previousSalary =
      plan.effect === 'change'
        ? (input.previousSalaryOf?.(personKey(r)) ?? (r.idNumber ? input.previousSalaryOf?.(r.idNumber) : undefined))
        : undefined;
    const d = rowContributionDelta({ ...r, previousSalary }, r.fromMonth);
    if (!d) continue;
    if (plan.effect === 'add' && plan.loai === 1) headsUp++;
    if (plan.effect === 'remove' && plan.loai === 3) headsDown++;
    if (d.salaryChange > 0) fundUp += d.salaryChange;
    else fundDown -= d.salaryChange;
    add(owed, d);
    // A row starting before the period (truy thu / truy giảm) also owes every later month up to the period or its
    // DenThang, each at that month's rules (legal-rules.md §6.1).
    const from = isoMonth(r.fromMonth);
    if (period && from) {
      for (let m = nextMonth(from); m <= period; m = nextMonth(m)) {
        const dm = rowContributionDelta({ ...r, previousSalary }, m);
        if (dm) add(later, dm);
      }
    }
  }
  const line = (
    code: string,
    label: string,
    v: [number, number, number, number],
    cong = v[0] + v[1] + v[2] + v[3],
  ) => ({ code, label, bhxh: v[0], bhyt: v[1], bhtn: v[2], bhtnld: v[3], cong });
  return {
    period: input.period,
    agencyCode,
    unitCode: input.unitCode,
    lines: [
      line('B.1.1', 'Số lao động tăng', [headsUp, headsUp, headsUp, headsUp], headsUp),
      line('B.1.2', 'Số lao động giảm', [headsDown, headsDown, headsDown, headsDown], headsDown),
      line('B.2.1', 'Quỹ lương tăng', [fundUp, fundUp, fundUp, fundUp], fundUp),
      line('B.2.2', 'Quỹ lương giảm', [fundDown, fundDown, fundDown, fundDown], fundDown),
      line('B.3', 'Phải đóng phát sinh', [owed.bhxh, owed.bhyt, owed.bhtn, owed.bhtnld]),
      line('B.4', 'Truy thu, truy giảm các tháng sau tháng bắt đầu, đến kỳ kê khai', [
        later.bhxh,
        later.bhyt,
        later.bhtn,
        later.bhtnld,
      ]),
    ],
  };
}

const amount = (v: string | undefined) => Number(v) || 0;

/**
 * The D02-TS rows of a dossier envelope, from the one strict dossier reader (shared/dossier/read.ts via
 * `readEnvelope`: each `LaoDong`'s fields by element name); the arithmetic (`c12FromRows`) only sees `C12Row`s.
 */
export function readD02Rows(facts: EnvelopeFacts): C12Row[] {
  return facts.forms
    .filter((f) => f.code === 'D02-TS')
    .flatMap((f) => f.rows ?? [])
    .map((r) => ({
      plan: r.PA ?? '',
      insuranceNo: r.MasoBHXH ?? '',
      idNumber: r.CMND ?? '',
      salary: amount(r.TienLuong),
      allowances: {
        position: amount(r.PhuCapCV),
        seniorityExcessPct: amount(r.PhuCapTNVK),
        seniorityJobPct: amount(r.PhuCapTNNghe),
        salary: amount(r.PhuCapLuong),
        other: amount(r.PhuCapBosung),
      },
      fromMonth: r.TuThang ?? '',
      toMonth: r.DenThang ?? '',
      wageRegion: r.MavungLTT ?? '',
    }));
}

/**
 * What the training BHXH knows of a unit's salaries: the latest TienLuong per person over the unit's accepted
 * procedure-600 dossiers (but `exceptTransactionId`, the one being decided), in the order they were received (a later
 * TM/ON/DC row replaces an earlier one).
 */
export function acceptedSalaries(
  db: Database.Database,
  unitCode: string,
  exceptTransactionId = '',
): Map<string, number> {
  const known = new Map<string, number>();
  const rows = db
    .prepare(
      "SELECT xml FROM transactions WHERE kind = 'dossier' AND status = 'accepted' AND unit_code = ? AND transaction_id <> ? ORDER BY received_at, rowid",
    )
    .all(unitCode, exceptTransactionId) as { xml: Buffer }[];
  for (const t of rows) {
    const facts = readEnvelope(t.xml.toString('utf8'));
    if (facts.procedure !== '600') continue;
    for (const r of readD02Rows(facts)) {
      const plan = planByCode(r.plan);
      if (plan && plan.effect !== 'remove' && r.salary > 0) {
        known.set(personKey(r), r.salary);
        if (r.idNumber) known.set(r.idNumber, r.salary);
      }
    }
  }
  return known;
}

/** C12-TS of one accepted dossier: its rows, with DC changes measured from what the server already knows. */
export function c12Statement(
  facts: EnvelopeFacts,
  agencyCode: string,
  known: ReadonlyMap<string, number> = new Map(),
): Statement {
  return c12FromRows(
    {
      period: facts.period ?? '',
      unitCode: facts.unitCode ?? '',
      rows: readD02Rows(facts),
      previousSalaryOf: (k) => known.get(k),
    },
    agencyCode,
  );
}
