import { isoDayVN, parseDmy } from '../../shared/format';
import { isoMonth } from '../../shared/rules/month';
import { cellDate } from '../roster/cells';
import type { CellValue } from '../roster/sheet';

export type ParticipationCell = { month: string | null } | { error: { vi: string; en: string } };

/**
 * A "Đã tham gia BHXH từ tháng" cell → ISO month (yyyy-mm), null when empty. Accepted: MM/YYYY, M/YYYY, a date
 * (dd/mm/yyyy text, an Excel date or serial, ISO) → its month. A month after the import's own month is refused: a
 * statement says what BHXH already knows.
 */
export function participationMonth(cell: CellValue, now: Date): ParticipationCell {
  const text = cellDate(cell ?? null, false).trim();
  if (!text) return { month: null };
  const mY = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const month = mY ? isoMonth(`${mY[1]!.padStart(2, '0')}/${mY[2]}`) : (parseDmy(text)?.slice(0, 7) ?? null);
  if (!month)
    return {
      error: {
        vi: `"${text}" không phải tháng (mm/yyyy)`,
        en: `"${text}" is not a month (mm/yyyy)`,
      },
    };
  // Compulsory social insurance began on 01/01/1995 (Nghị định 12/CP of 26/01/1995): an earlier month is a typo.
  if (month < '1995-01')
    return {
      error: {
        vi: `tháng ${text} trước 01/1995 (BHXH bắt buộc bắt đầu từ 01/1995)`,
        en: `month ${text} is before 01/1995 (compulsory BHXH began 01/1995)`,
      },
    };
  const current = isoDayVN(now).slice(0, 7);
  if (month > current)
    return {
      error: {
        vi: `tháng ${text} còn ở tương lai (sau ${current.slice(5)}/${current.slice(0, 4)})`,
        en: `month ${text} is in the future (after ${current.slice(5)}/${current.slice(0, 4)})`,
      },
    };
  return { month };
}
