import { formatNumber } from './format';

/**
 * How large a file each face takes, asked of its size before it is read (`readInputFile` in the CLI, `readFileBlob` in
 * the renderer, the host's body limits). Apart from the contract's schemas so that the CLI's start-up path, which
 * reads files, loads no zod.
 */

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
