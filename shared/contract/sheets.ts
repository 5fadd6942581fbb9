import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';

/**
 * The VNPT-BHXH workbook (FileMau_D02_TK1_VNPT.xlsx layout, shared/vnpt/layout.ts) in and out: a filled workbook as a
 * kekhai-draft/1 draft, a draft or a roster written back in the same layout.
 */
const period = z.string().regex(/^(0[1-9]|1[0-2])\/\d{4}$/, 'Kỳ kê khai phải có dạng mm/yyyy');
const problem = z.object({
  row: z.number().int().optional(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

export const sheetMethods = defineMethods({
  'dossier.fromSheet': {
    summary: 'Đọc tệp Excel mẫu VNPT-BHXH thành tờ khai kekhai-draft/1 / Read a VNPT-BHXH workbook as a draft',
    input: z.object({ file: fileBlob, unitCode: z.string(), period, sheet: z.string().max(100).optional() }).strict(),
    output: z.object({
      /** kekhai-draft/1; each row also carries `loai` as the sheet gives it. */
      draft: z.record(z.string(), z.unknown()),
      problems: z.array(problem),
      sheet: z.string(),
    }),
  },
  'dossier.toSheet': {
    summary: 'Ghi tờ khai ra tệp Excel mẫu VNPT-BHXH / Write a draft as a VNPT-BHXH workbook',
    input: z.object({ draft: z.record(z.string(), z.unknown()) }).strict(),
    output: z.object({ file: fileBlob, rows: z.number().int() }),
  },
  'roster.toSheet': {
    summary: 'Ghi danh sách lao động ra tệp Excel mẫu VNPT-BHXH / Write the roster as a VNPT-BHXH workbook',
    input: z.object({ unitCode: z.string() }).strict(),
    output: z.object({ file: fileBlob, rows: z.number().int() }),
  },
});
