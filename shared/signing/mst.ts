/**
 * The unit's tax code (mã số thuế) in a Vietnamese CA certificate subject. CAs write it as `UID=MST:0101234567`
 * (OID 0.9.2342.19200300.100.1.1; .NET prints `OID.0.9.2342.19200300.100.1.1=MST:…`, domain reference §1.6) or in
 * organizationIdentifier (2.5.4.97). A branch (đơn vị phụ thuộc) has a 3-digit suffix: `0101234567-001`.
 */
export const UID_OID = '0.9.2342.19200300.100.1.1';
export const ORGANIZATION_IDENTIFIER_OID = '2.5.4.97';

export interface ParsedMst {
  /** 10 digits, or 10 digits + `-NNN` for a branch. */
  mst: string;
  /** The 10-digit head office code. */
  base: string;
  branch: string | null;
}

// A branch code is 13 digits, written 10 + `-` + 3 (Thông tư 105/2020/TT-BTC Điều 5); the dash is optional here
// because the 13 digits are sometimes written run together.
const MST_RE = /(?:^|[^0-9A-Za-z])MST\s*[:=]?\s*([0-9]{10})(?:-?([0-9]{3}))?(?![0-9])/i;

/** Finds `MST:…` in attribute values (UID first, then organizationIdentifier, then any other value). */
export function extractMst(values: readonly string[]): ParsedMst | null {
  for (const v of values) {
    const m = MST_RE.exec(v);
    if (m) return { mst: m[2] ? `${m[1]}-${m[2]}` : m[1]!, base: m[1]!, branch: m[2] ?? null };
  }
  return null;
}

/**
 * The unit's MST as typed by the clerk (spaces, a dash or none before the branch suffix) in the certificate's form
 * `0101234567` / `0101234567-001`; anything else is returned trimmed, unchanged.
 */
export function normaliseMst(typed: string): string {
  const m = /^([0-9]{10})(?:-?([0-9]{3}))?$/.exec(typed.replace(/\s+/g, ''));
  if (!m) return typed.trim();
  return m[2] ? `${m[1]}-${m[2]}` : m[1]!;
}
