import { z } from 'zod';
import { fileBlob } from './common';

/** A good row of an import as the preview shows it, with what writing it will do. */
export const acceptedRow = z.object({
  row: z.number().int(),
  action: z.enum(['new', 'update', 'unchanged']),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(['M', 'F']),
  insuranceNumber: z.string(),
  cccd: z.string(),
  jobTitle: z.string(),
});
export type AcceptedRow = z.infer<typeof acceptedRow>;

/** Added to the preview: rows that change nothing, and the first good rows (up to 50). */
export const previewReportFields = {
  unchanged: z.number().int(),
  accepted: z.array(acceptedRow),
};

/**
 * Added to the result: counts that add up (totalRows = imported + updated + unchanged + rejectedRows) and, when rows
 * were rejected, the error workbook (the clerk's own rows, the row number and a reason column).
 */
export const resultReportFields = {
  totalRows: z.number().int(),
  unchanged: z.number().int(),
  rejectedRows: z.number().int(),
  errorFile: fileBlob.optional(),
};
