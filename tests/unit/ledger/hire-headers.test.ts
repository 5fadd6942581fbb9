import { describe, expect, it } from 'vitest';
import { recogniseHeader } from '../../../electron/roster/mapping';

describe('the hire date columns of issue 10', () => {
  it('"Ngày bắt đầu HĐLĐ", "Ngày vào làm", "Ngày bắt đầu làm việc" and VNPT’s Hdld_tungay are the contract/work start', () => {
    for (const h of ['Ngày bắt đầu HĐLĐ', 'Ngày vào làm', 'Ngày bắt đầu làm việc', 'Hdld_tungay', 'NGAY VAO LAM'])
      expect(recogniseHeader(h), h).toBe('contractStart');
  });
});
