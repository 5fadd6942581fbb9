/**
 * Rows Excel hides — by the clerk, by an AutoFilter, in a collapsed outline group (`<row hidden="1">`, ECMA-376
 * Part 1 §18.3.1.73) — named in one warning by the roster import and by a VNPT workbook read as a dossier: the first
 * HIDDEN_ROWS_LISTED listed, the rest counted.
 */
export const HIDDEN_ROWS_LISTED = 10;

export const HIDDEN_ROWS_WHY = {
  vi: 'ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn',
  en: 'hidden, filtered out or in a collapsed group',
};

/**
 * The subject of the warning, which follows "Dòng 5, …" naming the first of them: "dòng này" / "this row is" for one,
 * else "các dòng 3, 5, …… (12 dòng)" / "rows 3, 5, …… (12 rows) are". `listed` holds the first rows, `total` all.
 */
export function hiddenRowsSubject(listed: readonly number[], total: number): { vi: string; en: string } {
  if (total === 1) return { vi: 'dòng này', en: 'this row is' };
  const rows = listed.slice(0, HIDDEN_ROWS_LISTED).join(', ');
  const more = total > Math.min(listed.length, HIDDEN_ROWS_LISTED);
  return {
    vi: `các dòng ${rows}${more ? `… (${total.toLocaleString('vi-VN')} dòng)` : ''}`,
    en: `rows ${rows}${more ? `… (${total} rows)` : ''} are`,
  };
}
