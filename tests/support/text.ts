/**
 * A name as a clerk types it without Vietnamese marks: "Nguyễn Văn Đức" → "nguyen van duc". Written out here, not
 * taken from shared/text/fold.ts, so that the search tests do not check the app's folding against itself.
 */
export function typedWithoutMarks(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
