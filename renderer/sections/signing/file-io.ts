/** Files in and out of the page as base64 (the contract's fileBlob): the renderer never sees paths. */
export async function readFileBlob(file: File): Promise<{ name: string; base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return { name: file.name, base64: btoa(bin) };
}

export function downloadBlob(blob: { name: string; base64: string }, mime = 'application/xml'): void {
  const bin = atob(blob.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = blob.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function dmy(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000); // Vietnam time
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

export function dmyTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return `${dmy(iso)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}
