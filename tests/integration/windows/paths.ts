/**
 * Folder and file names an office Windows PC gives us: the clerk's profile ("C:\Users\Nguyễn Thị Hoà\…", typed as
 * NFC or NFD — Windows keeps a name as typed), OneDrive's "OneDrive - Công ty TNHH May Việt\Tài liệu", and what
 * people put in folder names: spaces, an apostrophe, `#`, `%`, `&`, parentheses, long names. Linux keeps the bytes
 * as given too, so the same names reach our code here.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One folder name with every character a URL, a shell, a log line or a zip entry treats specially. */
export const AWKWARD = "Nguyễn Thị Hoà's #1 100% (A&B) [x] {y} ~z";

/** The same letters decomposed (NFD), as a name typed on a Mac or by some IMEs is stored. */
export const AWKWARD_NFD = AWKWARD.normalize('NFD');

/** A name long in UTF-8 (≈ 190 bytes of Vietnamese), under ext4's 255-byte limit. */
export const LONG =
  'Bảng lương và danh sách lao động tham gia bảo hiểm xã hội tháng mười năm hai nghìn không trăm mười lăm';

/** `<base>/OneDrive - Công ty TNHH May Việt/Tài liệu/<name>`, created (NFC or NFD as `name` is). */
export function oneDriveFolder(base: string, name: string): string {
  const dir = join(base, 'OneDrive - Công ty TNHH May Việt', 'Tài liệu', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
