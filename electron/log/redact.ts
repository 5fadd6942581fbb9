/**
 * What never reaches a log file (issue #13, item 7; docs/security.md): PINs, passwords, tokens and secrets by key
 * name wherever they sit in a logged object, and — in any text — personal numbers: 12-digit CCCD, 9-digit CMND,
 * 10-digit mã số BHXH, plus any secret registered at run time (the browser-mode host's per-launch token).
 */

/** Keys whose value is a secret, whatever its type (matched case-insensitively on the whole key or a suffix). */
const SECRET_KEY =
  /(secret|password|passwd|matkhau|mat_khau|token|credential|cookie|authorization|privatekey|private_key|apikey|api_key)|(^|[._-])(pin|so_pin|sopin|pass|p12|pfx|base64)$|pin$/i;

const REDACTED = '[đã ẩn]';

const runtimeSecrets = new Set<string>();

/** A secret only known at run time (e.g. the host's token): every occurrence in any logged text is hidden. */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) runtimeSecrets.add(secret);
}

/**
 * Digit runs that are personal numbers: CCCD (12), mã số BHXH (10), CMND (9). Runs of other lengths (a port, an
 * outbox id, a year) stay readable. Longer runs are not touched either (hashes, serials).
 */
const PERSONAL_NUMBER = /(?<![0-9A-Za-z])(\d{12}|\d{10}|\d{9})(?![0-9A-Za-z])/g;

export function redactText(text: string): string {
  let out = text;
  for (const s of runtimeSecrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  // "PIN 1234", "mật khẩu: abc", "password=abc" written into a message — but not a folder named so.
  out = out.replace(
    /\b(pin|mã pin|password|passwd|mật khẩu|token|secret)(\s*[:=]\s*|\s+)(\S+)/giu,
    (m: string, k: string, sep: string, _v: string, at: number, whole: string) =>
      /[:=]/.test(sep) || !inFolderName(whole, at) ? `${k}${sep}${REDACTED}` : m,
  );
  return out.replace(PERSONAL_NUMBER, (d) => `${d.slice(0, 2)}${'*'.repeat(d.length - 4)}${d.slice(-2)}`);
}

/** What cannot sit in a path segment next to the word (Windows forbids `:` in names; `=` and `"` end a value). */
const NOT_IN_NAME = /[:="\n]/;

/**
 * Whether the keyword at `at` is part of a folder or file name — "C:\Users\Pin Nguyễn\…", "…\VNPT Token Manager\…",
 * "…/Mật khẩu cũ/…", as a data folder, a PKCS#11 library or an error's path shows it: it starts a path segment, or
 * sits inside one that goes on to the next separator. A support log that hid "Nguyễn\AppData…" behind "Pin" could not
 * say which folder failed. A secret typed after such a word in prose ("… nhập PIN 1234") has no separator there.
 */
function inFolderName(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const sep = Math.max(before.lastIndexOf('/'), before.lastIndexOf('\\'));
  if (sep < 0) return false;
  const head = before.slice(sep + 1);
  if (NOT_IN_NAME.test(head)) return false;
  if (head === '') return true;
  const rest = text.slice(at);
  const next = rest.search(/[\\/]/);
  return next > 0 && !NOT_IN_NAME.test(rest.slice(0, next));
}

/** A deep copy of a value to log with secrets and personal numbers hidden (cycles and depth bounded). */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error)
    return {
      type: value.name,
      message: redactText(value.message),
      code: (value as { code?: unknown }).code,
      stack: value.stack ? redactText(value.stack) : undefined,
    };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactValue(v, depth + 1, seen);
  return out;
}

export { REDACTED };
