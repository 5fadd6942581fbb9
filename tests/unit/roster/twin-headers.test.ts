import { describe, expect, it } from 'vitest';
import { distinctHeaders, twinColumnWarnings } from '../../../electron/roster/twin-headers';

describe('two columns under one header', () => {
  it('are told apart as "… (2)", "(3)" in column order; empty headers stay empty; a clerk’s own "(2)" is kept', () => {
    expect(distinctHeaders(['Họ và tên', 'Mã số BHXH', '', 'Mã số BHXH', '', 'Mã số BHXH'])).toEqual([
      'Họ và tên',
      'Mã số BHXH',
      '',
      'Mã số BHXH (2)',
      '',
      'Mã số BHXH (3)',
    ]);
    expect(distinctHeaders(['Ghi chú', 'Ghi chú (2)', 'Ghi chú'])).toEqual(['Ghi chú', 'Ghi chú (2)', 'Ghi chú (3)']);
    expect(distinctHeaders(['A', 'B'])).toEqual(['A', 'B']);
  });

  it('a mapped column with a twin is named in a warning; a clerk’s own numbered headers are no twins', () => {
    const original = ['Họ và tên', 'Ghi chú (1)', 'Ghi chú (2)', 'Mã số BHXH', 'Mã số BHXH'];
    const headers = distinctHeaders(original);
    const w = twinColumnWarnings(
      original,
      headers,
      { fullName: 'Họ và tên', note: 'Ghi chú (1)', insuranceNumber: 'Mã số BHXH (2)' },
      3,
    );
    expect(w).toEqual([
      {
        row: 3,
        column: 'Mã số BHXH (2)',
        code: 'TWIN_COLUMNS',
        severity: 'warning',
        message:
          'Dòng 3, cột "Mã số BHXH (2)": dòng tiêu đề có 2 cột "Mã số BHXH" (cột D, E): đọc cột E; nếu cần cột khác, hãy chọn "Mã số BHXH" ở bước ghép cột (dòng lệnh: --mapping)',
        messageEn:
          'Row 3, column "Mã số BHXH (2)": the header row has 2 columns "Mã số BHXH" (columns D, E): column E is read; to read another, pick "Mã số BHXH" in the mapping step (command line: --mapping)',
      },
    ]);
  });
});
