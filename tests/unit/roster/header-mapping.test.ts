import { describe, expect, it } from 'vitest';
import { findHeader, recogniseHeader, recogniseMapping } from '../../../electron/roster/mapping';
import { encodeTcvn3 } from '../../fixtures/roster/generate';

describe('column-mapping recogniser', () => {
  it.each([
    ['Họ và tên', 'fullName'],
    ['Ho ten', 'fullName'],
    ['HỌ VÀ TÊN NGƯỜI LAO ĐỘNG', 'fullName'],
    ['Mã số BHXH', 'insuranceNumber'],
    ['Số sổ BHXH', 'insuranceNumber'],
    ['so so bhxh', 'insuranceNumber'],
    ['Ngày sinh', 'birthDate'],
    ['Ngày sinh (dd/mm/yyyy)', 'birthDate'],
    ['Ngày, tháng, năm sinh', 'birthDate'],
    ['Giới tính', 'gender'],
    ['CMND/CCCD', 'cccd'],
    ['Số CCCD', 'cccd'],
    ['Số CMND', 'cmnd'],
    ['Chức vụ, chức danh nghề', 'jobTitle'],
    ['Mức lương', 'salary'],
    ['Tiền lương/Hệ số', 'salary'],
    ['Phụ cấp chức vụ', 'allowancePosition'],
    ['PC thâm niên vượt khung', 'allowanceSeniorityExcess'],
    ['Phụ cấp thâm niên nghề (%)', 'allowanceSeniorityJob'],
    ['Nơi KCB ban đầu', 'hospitalCode'],
    ['Dân tộc', 'ethnicity'],
    ['Mã tỉnh KS', 'birthProvince'],
    ['Ngày ký HĐ', 'contractSigned'],
  ])('%s → %s', (header, field) => {
    expect(recogniseHeader(header)).toBe(field);
  });

  it('recognises a TCVN3-encoded header and ignores STT / Ghi chú', () => {
    expect(recogniseHeader(encodeTcvn3('Họ và tên'))).toBe('fullName');
    expect(recogniseHeader('STT')).toBeNull();
    const { mapping, unmapped } = recogniseMapping(['STT', 'Họ và tên', 'Ngày sinh', 'Ghi chú', 'Sở thích']);
    expect(mapping).toEqual({ fullName: 'Họ và tên', birthDate: 'Ngày sinh' });
    expect(unmapped).toEqual(['Sở thích']);
  });

  it('finds the header row below a title block', () => {
    const sheet = {
      rows: [
        { row: 1, cells: ['DANH SÁCH LAO ĐỘNG'] },
        { row: 2, cells: [] },
        { row: 3, cells: ['STT', 'Họ tên', 'Ngày sinh'] },
        { row: 4, cells: [1, 'A', '1990'] },
      ],
    };
    expect(findHeader(sheet.rows)).toMatchObject({ at: 2, row: 3, headers: ['STT', 'Họ tên', 'Ngày sinh'] });
  });
});
