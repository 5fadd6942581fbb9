/**
 * shared/csv.ts, the one CSV cell rule, exactly (LibreOffice's reading of it is in
 * tests/integration/security/written-files-csv.test.ts).
 */
import { expect, test } from 'vitest';
import { csvCell } from '../../../shared/csv';

test.each([
  ['Nguyễn Văn A', 'Nguyễn Văn A'],
  ['=1+1', "'=1+1"],
  ['+84912345678', "'+84912345678"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\t=1', "'\t'=1"], // the tab could be trimmed, and after it a cell could start: both marked
  ['\r=1', `"'\r'=1"`],
  ['-500000', '-500000'],
  ['-1.234.567', '-1.234.567'],
  ['-12,5', '"-12,5"'],
  ['-1+2', "'-1+2"],
  ['a;b', '"a;b"'],
  ['a,b', '"a,b"'],
  ['Từ chối,=1+1', `"Từ chối,'=1+1"`],
  ['x"=1', `"x""'=1"`],
  ['dòng 1\n@x', `"dòng 1\n'@x"`],
  ['a\u0000b\u001bc', 'abc'],
  ['1-2', '1-2'],
  ['Hồ sơ'.normalize('NFD'), 'Hồ sơ'.normalize('NFC')], // as the .xlsx writer stores text (Excel shows NFD marks apart)
])('%j → %j', (v, out) => expect(csvCell(v)).toBe(out));
