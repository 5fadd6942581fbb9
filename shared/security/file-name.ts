/**
 * One rule for every file or zip-entry name the app builds from data (a clerk's upload name, a unit code, a số hồ sơ
 * an I-VAN sent): the name must be a single name — no folder, no `..` — and one Windows can create, since the clerk
 * saves and unzips on Windows. Microsoft, "Naming Files, Paths, and Namespaces": none of `<>:"/\|?*` or controls
 * 0–31, no trailing dot or space, not a reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an
 * extension); NTFS and ext4 allow 255 units per name (UTF-16 units on NTFS, bytes on ext4 — the byte cap covers both).
 */
const INVALID = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
/** Room under 255 for a suffix a caller adds (`-2`) and for tools that count differently. */
const MAX_NAME_BYTES = 200;

/** UTF-8 length by hand: shared/ has no TextEncoder (no DOM or Node types). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Cuts `s` to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(s: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of s) {
    const b = utf8Length(ch);
    if (n + b > max) break;
    out += ch;
    n += b;
  }
  return out;
}

/**
 * `name` as a safe single file name: NFC, forbidden characters as `_`, no leading or trailing dots and spaces, a
 * reserved device name prefixed with `_`, at most `maxBytes` bytes with the extension kept. A name with nothing
 * left becomes `fallback` (itself a fixed, safe name).
 */
export function safeFileName(name: string, fallback: string, maxBytes = MAX_NAME_BYTES): string {
  let s = name
    .normalize('NFC')
    .replace(INVALID, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!s) return fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  if (utf8Length(s) > maxBytes) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = cutBytes(s.slice(0, s.length - ext.length), maxBytes - utf8Length(ext)).replace(/[\s.]+$/, '') + ext;
  }
  return s;
}
