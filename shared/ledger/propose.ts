import { formatMoney } from '../format';
import { mmYyyy, monthDiff } from '../rules/month';
import { loaiOf, planByCode } from '../codes/plans';
import {
  absentMonths,
  dayAfter,
  dayBefore,
  nextMonth,
  startMonth,
  stopMonth,
  type DayRange,
  type WorkCalendar,
} from './working-days';

/**
 * Proposals for a period: the D02-TS rows that bring what BHXH knows (the participation ledger) in line with what
 * happened (dated roster events). Pure: the Node side gathers the facts (electron/ledger/facts.ts).
 *
 * Months come from the events' own dates through the 14-working-day rule (./working-days.ts) — never from the day a
 * record was typed. A row is proposed in the period P when its from-month is P or earlier; one before P is a late
 * item (truy thu: the D02-TS line carries its own months and a D01-TS list of documents, legal-rules.md §6.1).
 */

export type EventKind = 'hire' | 'leave' | 'salary' | 'maternity' | 'sick' | 'unpaid' | 'return';

export interface PersonEvent {
  kind: EventKind;
  /** ISO yyyy-mm-dd: hire = contract/work start; leave = first day no longer employed; salary = effective date;
   * absences = first day away; return = first day back. */
  date: string;
  /** Absences: last day away (ISO), when known. */
  end: string | null;
  salary: number | null;
  previousSalary: number | null;
  /** Where the date came from, for the reason sentence. */
  origin: 'event' | 'contract' | 'form';
}

export interface PersonFacts {
  employeeId: number;
  fullName: string;
  insuranceNo: string;
  idNumber: string;
  /** Salary on the roster now. */
  salary: number;
  /** What BHXH knows: first and last month of participation (ISO yyyy-mm), from the statement or accepted dossiers. */
  knownFrom: string | null;
  knownTo: string | null;
  /** How the known start was learnt, for the reason sentence. */
  knownBy: 'statement' | 'dossier' | null;
  events: PersonEvent[];
  /** The roster row (every field the draft row needs); the proposal overrides plan, months, salary and note. */
  template: Record<string, unknown>;
}

export interface Proposal {
  plan: string;
  loai: number;
  insuranceNo: string;
  fullName: string;
  fromMonth: string;
  toMonth: string;
  salary: number;
  previousSalary: number | null;
  /** Why, in Vietnamese: which event, which date, how the rules placed it. */
  reason: string;
  reasonEn: string;
  employeeId: number;
  late: boolean;
  /** The full kekhai-draft/1 row to append. */
  row: Record<string, unknown>;
}

export interface Skipped {
  employeeId: number;
  fullName: string;
  reason: string;
  reasonEn: string;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const ABSENCE_PLAN = { maternity: 'TS', sick: 'OF', unpaid: 'KL' } as const;
const ABSENCE_NAME: Record<'maternity' | 'sick' | 'unpaid', Say> = {
  maternity: ['Nghỉ thai sản', 'Maternity leave'],
  sick: ['Nghỉ ốm', 'Sick leave'],
  unpaid: ['Nghỉ không lương', 'Unpaid leave'],
};

/** Identity of a person in dossier rows: mã số BHXH, else CCCD/CMND, else the name. */
export function personKey(p: { insuranceNo?: string; idNumber?: string; fullName?: string }): string {
  return p.insuranceNo || p.idNumber || `name:${p.fullName ?? ''}`;
}

/** Key of a row already filed or drafted: the same person, plan and from-month is never proposed again. */
export function rowKey(person: string, plan: string, fromMonth: string): string {
  return `${person}|${plan}|${fromMonth}`;
}

/** A reason in Vietnamese and English. */
type Say = [vi: string, en: string];

function lateNote(from: string, period: string): Say {
  return from < period
    ? [
        ` Kỳ kê khai là ${mmYyyy(period)}: truy thu từ tháng ${mmYyyy(from)} (dòng riêng, kèm bảng kê D01-TS).`,
        ` The period is ${mmYyyy(period)}: back payment from ${mmYyyy(from)} (its own line, with a D01-TS list).`,
      ]
    : ['', ''];
}

/**
 * The 14-day count in words. `unpaid`: the month's other days not worked and not paid (unpaid leave, days before the
 * start or after leaving), counted with `n` (Luật BHXH 2014 Điều 85 k.3 counts every day not worked and not paid).
 */
const days = (n: number, after: boolean, unpaid = 0): Say => {
  const t = n + unpaid;
  const plus: Say = unpaid
    ? [
        ` + ${unpaid} ngày khác trong tháng không làm việc, không hưởng lương (nghỉ không lương, chưa vào làm hoặc đã nghỉ việc) = ${t} ngày`,
        ` + ${unpaid} other days in the month unworked and unpaid (unpaid leave, before the start or after leaving) = ${t} days`,
      ]
    : ['', ''];
  return after
    ? [
        `${n} ngày làm việc còn lại trong tháng${plus[0]} (${t >= 14 ? '≥ 14, nên giảm từ tháng này' : '< 14, nên vẫn đóng tháng này và giảm từ tháng sau'})`,
        `${n} working days left in the month${plus[1]} (${t >= 14 ? '≥ 14: decrease from this month' : '< 14: this month is still paid, decrease from the next'})`,
      ]
    : [
        `${n} ngày làm việc trước đó không làm, không hưởng lương${plus[0]} (${t >= 14 ? '≥ 14, nên đóng từ tháng sau' : '< 14, nên đóng ngay tháng này'})`,
        `${n} working days before it unworked and unpaid${plus[1]} (${t >= 14 ? '≥ 14: contributions from the next month' : '< 14: contributions from this month'})`,
      ];
};

const AWAY_KINDS = new Set<EventKind>(['maternity', 'sick', 'unpaid']);

/** Last day away of an absence: its own end, else the day before the next return, else null (still away). */
function lastAwayOf(e: PersonEvent, events: readonly PersonEvent[]): string | null {
  if (e.end) return e.end;
  const back = events.find((r) => r.kind === 'return' && r.date > e.date);
  return back ? dayBefore(back.date) : null;
}

/** The salary in force before `iso` from the person's salary events, else `fallback`. */
function salaryBefore(events: PersonEvent[], iso: string, fallback: number): number {
  const before = events
    .filter((e) => e.kind === 'salary' && e.date < iso && e.salary !== null)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  if (before.length) return before[before.length - 1]!.salary!;
  const after = events
    .filter((e) => e.kind === 'salary' && e.date >= iso && e.previousSalary !== null)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  return after.length ? after[0]!.previousSalary! : fallback;
}

export function proposeFor(
  person: PersonFacts,
  periodIso: string,
  calendar: WorkCalendar,
): { proposals: Proposal[]; skipped: Skipped[] } {
  const out: Proposal[] = [];
  const skipped: Skipped[] = [];
  const events = [...person.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const add = (
    plan: string,
    from: string,
    to: string | null,
    salary: number,
    previousSalary: number | null,
    reason: Say,
    documents?: Record<string, unknown>[],
  ) => {
    const fromMonth = mmYyyy(from);
    const toMonth = to ? mmYyyy(to) : '';
    const late = from < periodIso;
    const row: Record<string, unknown> = { ...person.template, plan, fromMonth, toMonth, salary, note: '' };
    if (previousSalary !== null) row.previousSalary = previousSalary;
    if (documents && late) row.documents = documents;
    out.push({
      plan,
      loai: loaiOf(planByCode(plan)!, { salary, previousSalary }),
      insuranceNo: person.insuranceNo,
      fullName: person.fullName,
      fromMonth,
      toMonth,
      salary,
      previousSalary,
      reason: reason[0] + lateNote(from, periodIso)[0],
      reasonEn: reason[1] + lateNote(from, periodIso)[1],
      employeeId: person.employeeId,
      late,
      row,
    });
  };
  const skip = ([reason, reasonEn]: Say) =>
    skipped.push({ employeeId: person.employeeId, fullName: person.fullName, reason, reasonEn });

  // Every absence as a day range; unpaid-leave days count together with the days before a start or after leaving, and
  // with each other, in the 14-day test of their month (Luật BHXH 2014 Điều 85 k.3; QĐ 595 Điều 42 k.4).
  const awayOf = new Map<PersonEvent, DayRange>();
  for (const x of events) if (AWAY_KINDS.has(x.kind)) awayOf.set(x, { from: x.date, to: lastAwayOf(x, events) });
  const unpaid = [...awayOf].filter(([x]) => x.kind === 'unpaid').map(([, r]) => r);
  // Other spells of the same absence in a month count with it: two sick leaves of 7 days make the 14 of QĐ 595 Điều 42
  // k.5. Different kinds are not mixed (k.4–k.6 are separate rules).
  const sameKindAs = (x: PersonEvent) => [...awayOf].filter(([y]) => y !== x && y.kind === x.kind).map(([, r]) => r);
  const monthsAway = (x: PersonEvent) => {
    const r = awayOf.get(x)!;
    return absentMonths(r.from, r.to, periodIso, calendar, sameKindAs(x));
  };
  // Participation start: what BHXH knows, else the hire date (explicit event first, then the contract start).
  const hire = events.find((e) => e.kind === 'hire');
  // Days before the hire and from a leave on are not worked and not paid either: they count in the same month's test.
  const beforeHire: DayRange[] = hire ? [{ from: '0000-01-01', to: dayBefore(hire.date) }] : [];
  const leaves = events.filter((x) => x.kind === 'leave' && (!hire || x.date >= hire.date));
  const stopOf = (x: PersonEvent) => stopMonth(x.date, calendar, [...unpaid, ...beforeHire]);
  // First month without contribution after each leave: no absence row or return from that month on (a GH and a KL of
  // the same month would remove the month twice).
  const stops = leaves.map((x) => stopOf(x).month);
  const goneFrom = (m: string) => stops.filter((g) => g >= m).sort()[0] ?? null;
  const removed = new Set<string>();

  let start = person.knownFrom;
  if (hire) {
    const s = startMonth(hire.date, calendar, [...unpaid, ...leaves.map((x) => ({ from: x.date, to: null }))]);
    // Known when BHXH has an open (or still running) participation: the statement covers staff hired long before it.
    const known = person.knownFrom !== null && (person.knownTo === null || person.knownTo >= s.month);
    if (!known) {
      start = s.month;
      // Gone before the first month that carries a contribution: never a participant, no TM and no GH.
      const left = leaves.find((x) => stopOf(x).month <= s.month);
      if (left) {
        skip([
          `Vào làm ngày ${dmy(hire.date)}, nghỉ việc từ ngày ${dmy(left.date)}: không có tháng nào đủ điều kiện đóng (từ 14 ngày làm việc trở lên trong tháng không làm việc, không hưởng lương — Luật BHXH 2014 Điều 85 k.3), nên không báo tăng, không báo giảm`,
          `Started on ${dmy(hire.date)}, gone from ${dmy(left.date)}: no month carries a contribution (14 or more working days unworked and unpaid — Social Insurance Law 2014 art. 85.3), so no increase and no decrease`,
        ]);
        return { proposals: out, skipped };
      }
      if (s.month <= periodIso) {
        // The salary in force on the start date; a change later in the month is its own DC line.
        const salary = hire.salary ?? salaryBefore(events, dayAfter(hire.date), person.salary);
        const why: Say =
          hire.origin === 'contract' ? ['ngày bắt đầu HĐLĐ', 'contract start'] : ['ngày vào làm', 'first working day'];
        const rule = days(s.unworkedBefore, false, s.unpaidLeave);
        const c = person.template.contract as { number?: string; signedOn?: string; from?: string } | undefined;
        // A start long ago with no statement is most often staff BHXH already knows: say how to record that.
        const old = monthDiff(s.month, periodIso) > 6;
        const hint: Say = old
          ? [
              ' Nếu cơ quan BHXH đã biết người này, ghi "Đã tham gia BHXH từ tháng" thay vì báo tăng.',
              ' If BHXH already knows this person, record "participating since" instead.',
            ]
          : ['', ''];
        add(
          'TM',
          s.month,
          null,
          salary,
          null,
          [
            `Tăng mới: vào làm ngày ${dmy(hire.date)} (${why[0]}); ${rule[0]}: tham gia từ tháng ${mmYyyy(s.month)}.${hint[0]}`,
            `New participant: starts on ${dmy(hire.date)} (${why[1]}); ${rule[1]}: participates from ${mmYyyy(s.month)}.${hint[1]}`,
          ],
          [
            {
              type: 'Hợp đồng lao động',
              number: c?.number ?? '',
              issuedOn: c?.signedOn ?? '',
              effectiveOn: c?.from || dmy(hire.date),
              summary: `Truy thu tăng mới từ tháng ${mmYyyy(s.month)}`,
              review: '',
            },
          ],
        );
      }
    }
  }
  if (start === null) {
    if (events.some((e) => e.kind !== 'hire'))
      skip([
        'Chưa biết ngày bắt đầu làm việc (HĐLĐ) hay tháng đã tham gia BHXH, nên không lập được dòng tăng/giảm',
        'No contract/work start date and no "participating since" month: no row can be proposed',
      ]);
    return { proposals: out, skipped };
  }

  for (const e of events) {
    if (e.kind === 'salary' && e.salary !== null) {
      const m = e.date.slice(0, 7);
      if (m < start || m > periodIso) continue;
      const prev = e.previousSalary ?? salaryBefore(events, e.date, person.salary);
      if (prev === e.salary) continue;
      add(
        'DC',
        m,
        null,
        e.salary,
        prev,
        [
          `Điều chỉnh tiền lương từ ${formatMoney(prev)} ${e.salary > prev ? 'lên' : 'xuống'} ${formatMoney(e.salary)}, hiệu lực ngày ${dmy(e.date)}.`,
          `Salary ${e.salary > prev ? 'raised' : 'cut'} from ${formatMoney(prev)} to ${formatMoney(e.salary)}, effective ${dmy(e.date)}.`,
        ],
        [
          {
            type: 'Phụ lục HĐLĐ / quyết định nâng lương',
            number: '',
            issuedOn: '',
            effectiveOn: dmy(e.date),
            summary: `Truy thu điều chỉnh lương từ tháng ${mmYyyy(m)}`,
            review: '',
          },
        ],
      );
    } else if (e.kind === 'leave') {
      const s = stopOf(e);
      // A GH in the first month itself is right when BHXH already counts that month (an accepted TM) and the leave
      // leaves it unowed; a new hire gone that early never gets a TM (see above).
      if (s.month > periodIso || s.month < start) {
        if (s.month < start)
          skip([
            `Nghỉ việc ngày ${dmy(e.date)} trước tháng bắt đầu tham gia ${mmYyyy(start)}`,
            `Left on ${dmy(e.date)}, before participating from ${mmYyyy(start)}`,
          ]);
        continue;
      }
      const salary = salaryBefore(events, e.date, person.salary);
      const rule = days(s.unworkedAfter, true, s.unpaidLeave);
      add('GH', s.month, null, salary, null, [
        `Giảm hẳn: nghỉ việc từ ngày ${dmy(e.date)} (ngày đầu không còn làm việc); ${rule[0]}: giảm từ tháng ${mmYyyy(s.month)}.`,
        `Leaving: gone from ${dmy(e.date)} (first day no longer employed); ${rule[1]}: decrease from ${mmYyyy(s.month)}.`,
      ]);
    } else if (e.kind === 'maternity' || e.kind === 'sick' || e.kind === 'unpaid') {
      const lastAway = awayOf.get(e)!.to;
      const gone = goneFrom(e.date.slice(0, 7));
      const all = monthsAway(e);
      // Months another absence row already removes, and months after leaving, are not removed again.
      const months = all.filter((m) => !removed.has(m) && (gone === null || m < gone));
      // Ended by leaving: the row closes at its last month before the GH.
      const clipped = gone !== null && all.some((m) => m >= gone);
      for (const m of months) removed.add(m);
      const span: Say = [
        `từ ngày ${dmy(e.date)}${lastAway ? ` đến ngày ${dmy(lastAway)}` : ''}`,
        `from ${dmy(e.date)}${lastAway ? ` to ${dmy(lastAway)}` : ''}`,
      ];
      if (!months.length) continue;
      const first = months[0]!;
      const last = months[months.length - 1]!;
      const salary = salaryBefore(events, e.date, person.salary);
      if (first >= start && first <= periodIso) {
        const to = lastAway || clipped ? last : null;
        add(ABSENCE_PLAN[e.kind], first, to, salary, null, [
          `${ABSENCE_NAME[e.kind][0]} ${span[0]}: từ 14 ngày làm việc trở lên trong tháng không làm việc, không hưởng lương nên không đóng từ tháng ${mmYyyy(first)}${to ? ` đến tháng ${mmYyyy(to)}` : ''} (Luật BHXH 2014 Điều 85 k.3).`,
          `${ABSENCE_NAME[e.kind][1]} ${span[1]}: 14 or more working days unworked and unpaid in the month, so nothing is owed from ${mmYyyy(first)}${to ? ` to ${mmYyyy(to)}` : ''} (Social Insurance Law 2014 art. 85.3).`,
        ]);
      }
      const back = nextMonth(last);
      // Back at work: not when the next month is itself away (another absence) or after leaving.
      const awayAgain = [...awayOf.keys()].some((x) => x !== e && monthsAway(x).includes(back));
      if (lastAway && !awayAgain && (gone === null || back < gone)) {
        if (back <= periodIso) {
          add('ON', back, null, salaryBefore(events, `${back}-01`, person.salary), null, [
            `Đi làm lại sau ${ABSENCE_NAME[e.kind][0].toLowerCase()} (${span[0]}): đóng lại từ tháng ${mmYyyy(back)}.`,
            `Back at work after ${ABSENCE_NAME[e.kind][1].toLowerCase()} (${span[1]}): contributions again from ${mmYyyy(back)}.`,
          ]);
        }
      }
    }
  }
  return { proposals: out, skipped };
}

/** Every person's proposals, minus rows already in a queued/submitted/accepted dossier or in the draft at hand. */
export function proposeRows(
  persons: PersonFacts[],
  periodIso: string,
  calendar: WorkCalendar,
  taken: { has(key: string): boolean },
): { proposals: Proposal[]; skipped: Skipped[] } {
  const proposals: Proposal[] = [];
  const skipped: Skipped[] = [];
  for (const p of persons) {
    const r = proposeFor(p, periodIso, calendar);
    const key = personKey(p);
    proposals.push(...r.proposals.filter((x) => !taken.has(rowKey(key, x.plan, x.fromMonth))));
    skipped.push(...r.skipped);
  }
  const order = (x: Proposal) => `${x.fromMonth.slice(3)}${x.fromMonth.slice(0, 2)}|${x.fullName}`;
  proposals.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { proposals, skipped };
}
