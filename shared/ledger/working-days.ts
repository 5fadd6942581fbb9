/**
 * The 14-working-day rule (Luật BHXH 58/2014 Điều 85 k.3 and Điều 86 k.4, in force 01/01/2016; QĐ 595 Điều 42 k.4–6;
 * reference legal-rules.md §1): a person who neither works nor is paid for 14 or more of the unit's scheduled working
 * days in a calendar month contributes nothing for that month. The days counted are scheduled working days of the
 * unit's own calendar (26-day = Monday–Saturday, 22-day = Monday–Friday). Public holidays are paid days, so they never
 * count as unworked-and-unpaid; they are not modelled here (the count can only be lower with them).
 */

/** A unit's working calendar: `26` = Monday–Saturday (the default), `22` = Monday–Friday. */
export type WorkCalendar = '26' | '22';
export const DEFAULT_WORK_CALENDAR: WorkCalendar = '26';
export const UNWORKED_THRESHOLD = 14;

/** ISO "yyyy-mm-dd" → [year, month 1–12, day]. */
function ymd(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function isWorkingDay(y: number, m: number, d: number, cal: WorkCalendar): boolean {
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return cal === '22' ? wd >= 1 && wd <= 5 : wd !== 0;
}

export function daysInMonth(isoMonth: string): number {
  return new Date(Date.UTC(Number(isoMonth.slice(0, 4)), Number(isoMonth.slice(5, 7)), 0)).getUTCDate();
}

/** Scheduled working days of `isoMonth` ("yyyy-mm") within the inclusive ISO dates [from, to] (clamped to the month). */
export function workingDaysBetween(
  isoMonth: string,
  from: string | null,
  to: string | null,
  cal: WorkCalendar,
): number {
  const [y, m] = [Number(isoMonth.slice(0, 4)), Number(isoMonth.slice(5, 7))];
  const last = daysInMonth(isoMonth);
  const first = `${isoMonth}-01`;
  const end = `${isoMonth}-${String(last).padStart(2, '0')}`;
  const a = !from || from < first ? first : from;
  const b = !to || to > end ? end : to;
  if (a > b) return 0;
  let n = 0;
  for (let d = ymd(a)[2]; d <= ymd(b)[2]; d++) if (isWorkingDay(y, m, d, cal)) n++;
  return n;
}

export function nextMonth(isoMonth: string): string {
  const y = Number(isoMonth.slice(0, 4));
  const m = Number(isoMonth.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function prevMonth(isoMonth: string): string {
  const y = Number(isoMonth.slice(0, 4));
  const m = Number(isoMonth.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The day after an ISO date. */
export function dayAfter(iso: string): string {
  const [y, m, d] = ymd(iso);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const [y, m, d] = ymd(iso);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** An inclusive ISO date range [from, to]; `to` null = still running. */
export interface DayRange {
  from: string;
  to: string | null;
}

/** Scheduled working days of `isoMonth` inside any of `ranges`, each day counted once. */
export function workingDaysIn(isoMonth: string, ranges: readonly DayRange[], cal: WorkCalendar): number {
  const [y, m] = [Number(isoMonth.slice(0, 4)), Number(isoMonth.slice(5, 7))];
  let n = 0;
  for (let d = 1; d <= daysInMonth(isoMonth); d++) {
    const iso = `${isoMonth}-${String(d).padStart(2, '0')}`;
    if (isWorkingDay(y, m, d, cal) && ranges.some((r) => r.from <= iso && (r.to === null || iso <= r.to))) n++;
  }
  return n;
}

/**
 * First month a new employee contributes for: the start month, unless the scheduled working days before the start
 * date (unworked and unpaid) reach 14 — then the next month (legal-rules.md §1.6: starting 15/05/2016 on a 26-day
 * calendar leaves 12 such days, so contributions run from 05/2016). Days of unpaid leave (`unpaid`) in the start month
 * after the start count with them: Điều 85 k.3 counts every day not worked and not paid in the month, whatever the
 * reason (`unpaidLeave`, present when there are such days).
 */
export function startMonth(
  startIso: string,
  cal: WorkCalendar,
  unpaid: readonly DayRange[] = [],
): { month: string; unworkedBefore: number; unpaidLeave?: number } {
  const month = startIso.slice(0, 7);
  const before = { from: `${month}-01`, to: dayBefore(startIso) };
  const unworkedBefore = workingDaysIn(month, [before], cal);
  const unpaidLeave = workingDaysIn(month, [before, ...unpaid], cal) - unworkedBefore;
  const total = unworkedBefore + unpaidLeave;
  return {
    month: total >= UNWORKED_THRESHOLD ? nextMonth(month) : month,
    unworkedBefore,
    ...(unpaidLeave > 0 ? { unpaidLeave } : {}),
  };
}

/**
 * First month without contribution after leaving (`firstDayGone` = first day no longer employed): the leaving month
 * when its scheduled working days from that day on reach 14, else the next month (legal-rules.md §1.7, inference).
 * Days of unpaid leave (`unpaid`) earlier in the leaving month count with them (Điều 85 k.3, as for `startMonth`).
 */
export function stopMonth(
  firstDayGoneIso: string,
  cal: WorkCalendar,
  unpaid: readonly DayRange[] = [],
): { month: string; unworkedAfter: number; unpaidLeave?: number } {
  const month = firstDayGoneIso.slice(0, 7);
  const after = { from: firstDayGoneIso, to: null };
  const unworkedAfter = workingDaysIn(month, [after], cal);
  const unpaidLeave = workingDaysIn(month, [after, ...unpaid], cal) - unworkedAfter;
  const total = unworkedAfter + unpaidLeave;
  return {
    month: total >= UNWORKED_THRESHOLD ? month : nextMonth(month),
    unworkedAfter,
    ...(unpaidLeave > 0 ? { unpaidLeave } : {}),
  };
}

/**
 * Months of an absence [from, to] (to = null: still away, counted up to `untilMonth`) in which the scheduled working
 * days away reach 14: those months carry no contribution (TS/OF/KL from the first, ON after the last). `alsoAway`
 * are other absences of the same kind whose days count with this one's in a shared month (two unpaid leaves of 7 days
 * in one month make 14).
 */
export function absentMonths(
  fromIso: string,
  toIso: string | null,
  untilMonth: string,
  cal: WorkCalendar,
  alsoAway: readonly DayRange[] = [],
): string[] {
  const out: string[] = [];
  const lastMonth = toIso ? toIso.slice(0, 7) : untilMonth;
  for (let m = fromIso.slice(0, 7); m <= lastMonth; m = nextMonth(m)) {
    if (workingDaysIn(m, [{ from: fromIso, to: toIso }, ...alsoAway], cal) >= UNWORKED_THRESHOLD) out.push(m);
  }
  return out;
}
