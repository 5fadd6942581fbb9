/**
 * The one shape every call result takes when it crosses a boundary (IPC, HTTP, CLI --json).
 * Electron serialises only `message` of a thrown error (electron/electron docs/api/ipc-main.md),
 * so errors travel as values: a PKCS#11 `CKR_*` name or a validation list survives intact.
 */

/** Well-known error codes. PKCS#11 errors are `PKCS11:<CKR name>`, e.g. `PKCS11:CKR_PIN_INCORRECT`. */
export type ErrorCode =
  | 'VALIDATION'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'DB_FROM_FUTURE'
  | 'DB_MIGRATION_FAILED'
  | 'IO'
  | 'INTERNAL'
  | 'CANCELLED'
  | `PKCS11:${string}`
  | (string & {});

/** One problem in a validation list: where (row/column/field) and why. */
export interface FieldProblem {
  /** Spreadsheet row (header = 1) or draft row index, when the problem belongs to a row. */
  row?: number;
  /** Column header or field path, e.g. `rows[3].salary` or `Ngày sinh`. */
  field?: string;
  column?: string;
  /** Stable machine code, e.g. `SALARY_BELOW_REGIONAL_MINIMUM`. */
  code: string;
  /** Vietnamese message naming the row/column/field. */
  message: string;
  /** English message. */
  messageEn?: string;
  severity?: 'error' | 'warning';
}

export interface ApiError {
  code: ErrorCode;
  /** Vietnamese, shown to the clerk. */
  message: string;
  /** English, shown with `--lang en` or the English UI. */
  messageEn?: string;
  /** Structured detail: `{ problems: FieldProblem[] }` for VALIDATION, `{ ckr, method }` for PKCS#11, … */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });

export function isApiError(x: unknown): x is ApiError {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as ApiError).code === 'string' &&
    typeof (x as ApiError).message === 'string'
  );
}
