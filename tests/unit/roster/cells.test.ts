import { describe, expect, it } from 'vitest';
import {
  cellDate,
  cellDigits,
  cellGender,
  cellNumber,
  cellText,
  dateOrder,
  excelSerialToDmy,
} from '../../../electron/roster/cells';
import { swapDayMonth } from '../../../electron/roster/swapped-dates';
import { readCsv } from '../../../electron/roster/read-csv';

describe('cell conversions', () => {
  it('Excel serial dates (1899-12-30 epoch)', () => {
    expect(excelSerialToDmy(33000)).toBe('07/05/1990');
    expect(excelSerialToDmy(45306.75)).toBe('15/01/2024');
    expect(cellDate(33000, true)).toBe('07/05/1990');
    expect(cellDate(new Date(Date.UTC(1995, 3, 26)), true)).toBe('26/04/1995');
  });
  it('a bare year in a birth-date column is a year, not serial 1990', () => {
    expect(cellDate(1990, true)).toBe('1990');
    expect(cellDate(1990, false)).toBe('12/06/1905');
    expect(cellDate('1990', true)).toBe('1990');
    expect(cellDate('1990-04-26', true)).toBe('26/04/1990');
  });
  it('identifiers that lost their leading zero in a numeric cell', () => {
    expect(cellDigits(79090000002, [12, 9])).toBe('079090000002');
    expect(cellDigits(123456789, [10])).toBe('0123456789');
    expect(cellDigits(' 7900 000 001 ', [10])).toBe('7900000001');
  });
  it('money and coefficients in Vietnamese and English notation', () => {
    expect(cellNumber('5.310.000')).toBe(5310000);
    expect(cellNumber('5,310,000')).toBe(5310000);
    expect(cellNumber('5 310 000 đ')).toBe(5310000);
    expect(cellNumber('2,34')).toBe(2.34);
    expect(cellNumber('2.34')).toBe(2.34);
    expect(cellNumber('')).toBeNull();
    expect(Number.isNaN(cellNumber('năm triệu'))).toBe(true);
  });
  it('genders and legacy text', () => {
    expect(cellGender('Nữ')).toBe('F');
    expect(cellGender('Nu')).toBe('F');
    expect(cellGender('NAM')).toBe('M');
    expect(cellGender('x')).toBeNull();
    expect(cellText('Nguyeãn Vaên Ñöùc')).toEqual({ text: 'Nguyễn Văn Đức', converted: true });
    expect(cellText('Nguyễn'.normalize('NFD')).text).toBe('Nguyễn');
  });
});

describe('dateOrder: how a file writes its dates', () => {
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

  it('month first only when some text date reads only m/d and none only d/m', () => {
    expect(dateOrder([['3/15/1990', '1/2/1991']])).toEqual({ order: 'month-first', evidence: '3/15/1990' });
    expect(dateOrder([['3/15/1990', '15/03/1990']])).toEqual({ order: 'day-first' });
    expect(dateOrder([['01/02/1990', null, 42]])).toEqual({ order: 'day-first' });
  });

  it('a dd/mm CSV opened month first: dates readable both ways became date cells, the others stayed text', () => {
    // "01/02/1990" read month first is 2 January; "15/04/1991" no month-first program can read.
    expect(dateOrder([[day(1990, 1, 2), '15/04/1991', day(1992, 5, 6)]])).toEqual({
      order: 'day-first',
      swapped: { text: '15/04/1991' },
    });
  });

  it('the mirror: an m/d CSV opened day first keeps "3/15/1990" as text and made "3/1/1991" 3 January', () => {
    expect(dateOrder([['3/15/1990', day(1991, 1, 3)]])).toEqual({
      order: 'month-first',
      evidence: '3/15/1990',
      swapped: { text: '3/15/1990' },
    });
  });

  it('no swap is suspected when anything contradicts the mark', () => {
    // A date cell with a day above 12 cannot come from such a conversion.
    expect(dateOrder([[day(1990, 1, 2), '15/04/1991', day(1990, 3, 25)]])).toEqual({ order: 'day-first' });
    // A text date both orders read would have been converted too: the column is text by choice.
    expect(dateOrder([[day(1990, 1, 2), '15/04/1991', '05/06/1992']])).toEqual({ order: 'day-first' });
    // Text dates in both orders: no one program left them.
    expect(dateOrder([[day(1990, 1, 2), '15/04/1991', '4/15/1991']])).toEqual({ order: 'day-first' });
    // Only date cells (an .xlsx typed in Excel), or only text (a CSV): nothing to compare.
    expect(dateOrder([[day(1990, 1, 2), day(1991, 4, 3)]])).toEqual({ order: 'day-first' });
    expect(dateOrder([['15/04/1991', '16/05/1992']])).toEqual({ order: 'day-first' });
    // A year, a month and year, ISO dates: not what such a program leaves as text.
    expect(dateOrder([[day(1990, 1, 2), '1990', '03/1990']])).toEqual({ order: 'day-first' });
    // Birth dates typed as text, contract starts as date cells on the 1st: no column holds both kinds.
    expect(
      dateOrder([
        ['15/04/1991', '28/02/1993'],
        [day(2024, 3, 1), day(2025, 7, 1)],
      ]),
    ).toEqual({
      order: 'day-first',
    });
  });

  it('once one column shows the mark, the other date columns count: a day above 12 anywhere clears it', () => {
    const births = [day(1990, 1, 2), '15/04/1991'];
    expect(dateOrder([births, [day(2024, 3, 1)]])).toEqual({ order: 'day-first', swapped: { text: '15/04/1991' } });
    expect(dateOrder([births, [day(2024, 3, 20)]])).toEqual({ order: 'day-first' });
    expect(dateOrder([births, ['01/03/2024']])).toEqual({ order: 'day-first' });
  });

  it('swapDayMonth shows the date a swapped cell probably was', () => {
    expect(swapDayMonth('02/01/1990')).toBe('01/02/1990');
  });
});

describe('CSV reader', () => {
  it('BOM, semicolons, quotes with delimiters and doubled quotes, CRLF; row numbers as shown', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Họ tên;Ghi chú\r\n"Lê ""Bé"" A";"x; y"\r\n\r\nB;\r\n', 'utf8'),
    ]);
    expect(readCsv(bytes).rows).toEqual([
      { row: 1, cells: ['Họ tên', 'Ghi chú'] },
      { row: 2, cells: ['Lê "Bé" A', 'x; y'] },
      { row: 4, cells: ['B'] }, // empty fields after the last value are no cells
    ]);
  });
  it('commas without BOM', () => {
    expect(readCsv(Buffer.from('a,b\n1,2', 'utf8')).rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
  });
  it('a quote never closed: the record says which cell and how many more lines it swallowed', () => {
    const unclosed = (text: string) => readCsv(Buffer.from(text, 'utf8')).rows.map((r) => [r.row, r.unclosedQuote]);
    // Counted by hand: the line breaks inside the quote, the file's last one only ending its last line.
    expect(unclosed('a,b\n1,"x\n2,y\n3,z\n')).toEqual([
      [1, undefined],
      [2, { column: 1, lines: 2 }],
    ]);
    expect(unclosed('a,b\r\n1,"x\r\n2,y')).toEqual([
      [1, undefined],
      [2, { column: 1, lines: 1 }],
    ]);
    expect(unclosed('a,b\r"x,y\r2,z\r')).toEqual([
      [1, undefined],
      [2, { column: 0, lines: 1 }],
    ]);
    expect(unclosed('a,b\n"x')).toEqual([
      [1, undefined],
      [2, { column: 0, lines: 0 }],
    ]);
    // A quote closed, and one inside a field (not at its start), are no matter.
    expect(unclosed('a,b\n"x\ny",Lê "Bé\n')).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
  });
});
