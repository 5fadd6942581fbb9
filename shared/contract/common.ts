import { z } from 'zod';

/**
 * The largest file any method takes (a spreadsheet, a signed dossier, a database backup being restored): far above
 * a 50,000-row workbook (3 MB) or a large company's backup, and far below what the faces can carry — a 450 MB file
 * read whole by the CLI had stopped with a bare "ERR_STRING_TOO_LONG" (base64 past V8's longest string).
 */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;
/** `MAX_FILE_BYTES` as base64 (4 characters per 3 bytes). */
export const MAX_FILE_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

/** The refusal of a file over `MAX_FILE_BYTES`, before it is read (the CLI and the screens that pick files). */
export function fileTooLarge(
  name: string,
  bytes: number,
): { code: 'FILE_TOO_LARGE'; message: string; messageEn: string } {
  const mb = (n: number) => `${Math.ceil(n / (1024 * 1024)).toLocaleString('vi-VN')} MB`;
  const mbEn = (n: number) => `${Math.ceil(n / (1024 * 1024)).toLocaleString('en-US')} MB`;
  return {
    code: 'FILE_TOO_LARGE',
    message: `Tệp ${name} quá lớn (${mb(bytes)}): tối đa ${mb(MAX_FILE_BYTES)} — hãy kiểm tra đã chọn đúng tệp`,
    messageEn: `File ${name} is too large (${mbEn(bytes)}): at most ${mbEn(MAX_FILE_BYTES)} — check that it is the right file`,
  };
}

/** A file crossing the boundary as bytes (the renderer never sees paths in browser mode). */
export const fileBlob = z.object({
  name: z.string().min(1).max(255),
  base64: z.string().max(MAX_FILE_BASE64),
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
