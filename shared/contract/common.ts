import { z } from 'zod';
import { formatNumber } from '../format';

/**
 * The largest file a method takes (a spreadsheet, a signed dossier, a certificate): far above a 50,000-row workbook
 * (3 MB), far below what the faces can carry — a 450 MB file read whole by the CLI had stopped with a bare
 * "ERR_STRING_TOO_LONG" (base64 past V8's longest string) after taking 1.1 GB.
 */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;
/**
 * A database backup being restored: it holds every signed dossier (their envelopes are stored), so a large company's
 * grows past 150 MB within a few years. Bounded by what one base64 string can hold (V8: 2^29 − 24 characters).
 */
export const MAX_BACKUP_BYTES = 360 * 1024 * 1024;
/** `MAX_FILE_BYTES` as base64 (4 characters per 3 bytes): what the host lets a method carrying a file receive. */
export const MAX_FILE_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

/** The refusal of a file over `limit`, by its size, before it is read (the CLI and the screens that pick files). */
export function fileTooLarge(
  name: string,
  bytes: number,
  limit: number = MAX_FILE_BYTES,
): { code: 'FILE_TOO_LARGE'; message: string; messageEn: string } {
  const mb = (n: number) => Math.ceil(n / (1024 * 1024));
  return {
    code: 'FILE_TOO_LARGE',
    message: `Tệp ${name} quá lớn (${formatNumber(mb(bytes))} MB): tối đa ${formatNumber(mb(limit))} MB — hãy kiểm tra đã chọn đúng tệp`,
    messageEn: `File ${name} is too large (${mb(bytes)} MB): at most ${mb(limit)} MB — check that it is the right file`,
  };
}

/**
 * A file crossing the boundary as bytes (the renderer never sees paths in browser mode). Each face refuses a file over
 * its method's limit by its size, before reading it (`readInputFile`, `readFileBlob`, the host's body limits).
 */
export const fileBlob = z.object({
  name: z.string().min(1).max(255),
  base64: z.string(),
});
export type FileBlob = z.infer<typeof fileBlob>;

export const unitCode = z.string().regex(/^[A-Z0-9]{7}$/, 'Mã đơn vị gồm 7 chữ in hoa hoặc số');

export const empty = z.object({}).strict();

/** Progress event for long work: `done` of `total` units of `stage`. */
export interface ProgressEvent {
  method: string;
  stage: string;
  done: number;
  total: number;
}
