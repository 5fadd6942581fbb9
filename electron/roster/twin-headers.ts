import type { ColumnMapping, ImportProblem } from '../../shared/contract/roster';
import { problem } from './row-reader';
import { columnName } from './write-xlsx';

/**
 * Headers made distinct: a non-empty header met again becomes "Mã số BHXH (2)", "(3)"… in column order. A mapping
 * names a column by its header, so two columns under one header were one choice: the first was read, the other
 * ignored without a word — an old "Mã số BHXH" column kept (or hidden) beside the new one imported the old numbers.
 */
export function distinctHeaders(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(headers);
  return headers.map((h) => {
    if (!h) return h;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (n === 1) return h;
    let k = n;
    while (taken.has(`${h} (${k})`)) k++;
    const name = `${h} (${k})`;
    taken.add(name);
    return name;
  });
}

/**
 * A warning for each mapped column whose header the row holds more than once (`original`: the row as written;
 * `headers`: the same made distinct): which column is read, and how to read another instead (the mapping step, or
 * `--mapping` naming "… (2)").
 */
export function twinColumnWarnings(
  original: readonly string[],
  headers: readonly string[],
  mapping: ColumnMapping,
  headerRow: number,
): ImportProblem[] {
  const out: ImportProblem[] = [];
  for (const chosen of new Set(Object.values(mapping))) {
    const at = headers.indexOf(chosen);
    if (at < 0) continue;
    const base = original[at]!;
    const twins = original.flatMap((h, i) => (h === base ? [i] : []));
    if (twins.length < 2) continue;
    const letters = twins.map(columnName).join(', ');
    const others = twins.filter((i) => i !== at).map((i) => `"${headers[i]}"`);
    out.push({
      ...problem(
        headerRow,
        chosen,
        'TWIN_COLUMNS',
        `dòng tiêu đề có ${twins.length} cột "${base}" (cột ${letters}): đọc cột ${columnName(at)}; nếu cần cột khác, hãy chọn ${others.join(' hoặc ')} ở bước ghép cột (dòng lệnh: --mapping)`,
        `the header row has ${twins.length} columns "${base}" (columns ${letters}): column ${columnName(at)} is read; to read another, pick ${others.join(' or ')} in the mapping step (command line: --mapping)`,
      ),
      severity: 'warning',
    });
  }
  return out;
}
