import type { FileBlob } from '../../shared/contract/common';
import { fileTooLarge, MAX_FILE_BYTES } from '../../shared/file-limits';
import type { Result } from '../../shared/contract/result';
import { safeFileName } from '../../shared/security/file-name';

/** Saves bytes that came over the API as a download (the page never sees paths; the browser asks where to save). */
export function saveBlob(file: FileBlob, type = 'application/octet-stream'): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  // The name may come from data (an upload's name, an I-VAN's): one rule for every download, as for the zip's entries.
  a.download = safeFileName(file.name, 'tep-tai-ve');
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file the clerk picked, as the contract's fileBlob (base64 in chunks: large files overflow one apply call). Every
 * screen that takes a file reads it here. A file over the contract's limit is refused by its size, before it is read:
 * read whole, a 450 MB file (a video picked by mistake) would take the page's memory for nothing.
 */
export async function readFileBlob(file: File, limit = MAX_FILE_BYTES): Promise<Result<FileBlob>> {
  if (file.size > limit) return { ok: false, error: fileTooLarge(file.name, file.size, limit) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return { ok: true, value: { name: file.name, base64: btoa(bin) } };
}
