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

/** A rate in percent with a decimal comma, one decimal as the forms print it: 32.5 → "32,5", 32 → "32,0". */
export function formatRate(percent: number): string {
  return percent.toFixed(1).replace('.', ',');
}

/** Date → "dd/mm/yyyy" in Vietnam time (UTC+7, no daylight saving). */
export function formatDateVN(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000);
  const dd = String(v.getUTCDate()).padStart(2, '0');
  const mm = String(v.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${v.getUTCFullYear()}`;
}

/** Date → "dd/mm/yyyy HH:MM" in Vietnam time. */
export function formatDateTimeVN(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000);
  return `${formatDateVN(d)} ${String(v.getUTCHours()).padStart(2, '0')}:${String(v.getUTCMinutes()).padStart(2, '0')}`;
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
