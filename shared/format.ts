/** Vietnamese display formats: dates dd/mm/yyyy, money "1.234.567 đ". */

/** 1234567 → "1.234.567 đ" (dot thousands separator, as Vietnamese forms print it). */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = Math.round(Math.abs(amount)).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** 1234567 → "1.234.567" without the currency sign (table cells). */
export function formatNumber(amount: number): string {
  return formatMoney(amount).slice(0, -2);
}

/**
 * An amount or a coefficient as the forms show it (HTKK): money "3.700.000", a coefficient (hệ số, phụ cấp chức vụ) with
 * its decimal comma "2,34" — never rounded to a whole number.
 */
export function formatAmount(n: number): string {
  return Number.isInteger(n) ? formatNumber(n) : String(n).replace('.', ',');
}

/** A rate in percent with a decimal comma, one decimal as the forms print it: 32.5 → "32,5", 32 → "32,0". */
export function formatRate(percent: number): string {
  return percent.toFixed(1).replace('.', ',');
}

/** Vietnam keeps one offset all year: UTC+7, no daylight saving. Every Vietnam-time reading goes through here. */
const VN_OFFSET_MS = 7 * 3600_000;

const two = (n: number) => String(n).padStart(2, '0');

/** The calendar fields of an instant as a clock in Vietnam shows them (month 1–12). */
export function vietnamParts(d: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return {
    year: v.getUTCFullYear(),
    month: v.getUTCMonth() + 1,
    day: v.getUTCDate(),
    hour: v.getUTCHours(),
    minute: v.getUTCMinutes(),
    second: v.getUTCSeconds(),
  };
}

/** Date → "dd/mm/yyyy" in Vietnam time. */
export function formatDateVN(d: Date): string {
  const v = vietnamParts(d);
  return `${two(v.day)}/${two(v.month)}/${v.year}`;
}

/** Date → "dd/mm/yyyy HH:MM" (or "HH:MM:SS" with `seconds`) in Vietnam time. */
export function formatDateTimeVN(d: Date, opts: { seconds?: boolean } = {}): string {
  const v = vietnamParts(d);
  return `${formatDateVN(d)} ${two(v.hour)}:${two(v.minute)}${opts.seconds ? `:${two(v.second)}` : ''}`;
}

/** Date → "yyyy-mm-dd", the day in Vietnam time (compares as text). */
export function isoDayVN(d: Date): string {
  const v = vietnamParts(d);
  return `${v.year}-${two(v.month)}-${two(v.day)}`;
}

/** `2015-10-30T03:00:00Z` → `20151030-100000`: a sortable file-name stamp in Vietnam time, as the clerk reads it. */
export function formatStampVN(d: Date): string {
  const v = vietnamParts(d);
  return `${v.year}${two(v.month)}${two(v.day)}-${two(v.hour)}${two(v.minute)}${two(v.second)}`;
}

/** "dd/mm/yyyy" → ISO "yyyy-mm-dd", or null when not a real calendar date. */
export function parseDmy(s: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [, dd, mm, yyyy] = m;
  const d = new Date(Date.UTC(+yyyy!, +mm! - 1, +dd!));
  if (d.getUTCFullYear() !== +yyyy! || d.getUTCMonth() !== +mm! - 1 || d.getUTCDate() !== +dd!) return null;
  return `${yyyy}-${mm}-${dd}`;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?([zZ]|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 instant (`--now`, the test clock, audit bounds, a SigningTime, an I-VAN's times) → Date, or null.
 * A time written without a zone is Vietnam time (eBH writes `2024-09-24T14:27:15`; a clerk types
 * `2015-10-31T23:59`), a date alone is 00:00 that day in Vietnam — never the process's zone, which `new Date(s)` and
 * `Date.parse(s)` would use for a zoneless time.
 */
export function parseInstantVN(s: string): Date | null {
  const m = ISO_INSTANT.exec(s.trim());
  if (!m) return null;
  const [, day, time, zone] = m;
  const ms = Date.parse(`${day}T${time ?? '00:00'}${zone ? zone.toUpperCase() : '+07:00'}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * "dd/mm/yyyy hh:mm" (Vietnam time, UTC+7 — how the clerk types the test clock) → ISO instant with +07:00,
 * or null when not a real date and time.
 */
export function parseDateTimeVN(s: string): string | null {
  const m = /^(\d{2}\/\d{2}\/\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const day = parseDmy(m[1]!);
  const hh = Number(m[2] ?? '0');
  const mi = Number(m[3] ?? '0');
  if (!day || hh > 23 || mi > 59) return null;
  return `${day}T${String(hh).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00+07:00`;
}
