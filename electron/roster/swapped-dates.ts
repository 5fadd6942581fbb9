import { cellText } from './cells';

/**
 * Date cells a program swapped (`dateOrder` in cells.ts finds the mark): which cells, and what the clerk is told.
 * One source for the roster import and for a VNPT workbook read as a dossier.
 */

/** A date whose day and month, swapped, are another date: both 12 or less, and not equal. */
export const mayBeSwapped = (d: Date): boolean => d.getUTCDate() <= 12 && d.getUTCDate() !== d.getUTCMonth() + 1;

/** "02/01/1990" → "01/02/1990": the date a swapped cell probably was. */
export function swapDayMonth(dmyText: string): string {
  return `${dmyText.slice(3, 5)}/${dmyText.slice(0, 2)}${dmyText.slice(5)}`;
}

/**
 * Why the date cell `d` is refused, quoting `evidence` (a text date of the file readable in one order only). Typed
 * again as text, the cell is read in the file's order (`monthFirst`: the file's text dates are m/d/yyyy).
 */
export function swappedDateMessage(d: Date, evidence: string, monthFirst: boolean): { vi: string; en: string } {
  const shown = cellText(d).text;
  const other = swapDayMonth(shown);
  // In an m/d file the date as the clerk would type it is the one shown here read month first.
  const typed = monthFirst ? `${shown} (m/d/yyyy như các ngày khác của tệp)` : `${other} (dd/mm/yyyy)`;
  const typedEn = monthFirst ? `${shown} (m/d/yyyy like the file's other dates)` : `${other} (dd/mm/yyyy)`;
  return {
    vi: `ô ngày ${shown} có thể đã bị đảo ngày và tháng (có lẽ là ${other}): trong các cột ngày của tệp, các ngày chỉ đọc được theo một thứ tự vẫn là chữ (như "${evidence}") còn mọi ngày khác đều thành ô ngày có ngày ≤ 12 — dấu hiệu ngày đã được gõ, hoặc tệp CSV đã được mở, trong Excel (hay chương trình khác) đặt thứ tự ngày/tháng ngược với tệp. Hãy gõ lại ô này dạng chữ, ví dụ ${typed}, hoặc nhập thẳng tệp CSV gốc nếu có`,
    en: `the date cell ${shown} may have its day and month swapped (${other}?): in the file's date columns the dates only one order can read are still text (such as "${evidence}") while all others became date cells with a day of 12 or less — the mark of dates typed, or a CSV opened, in Excel (or another program) set to the opposite day/month order. Type this cell again as text, e.g. ${typedEn}, or import the original CSV if there is one`,
  };
}
