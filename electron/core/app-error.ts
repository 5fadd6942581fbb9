import type { ErrorCode, FieldProblem } from '../../shared/contract/result';

/**
 * The error services throw. The dispatcher turns it into an `ApiError` value; anything else thrown becomes INTERNAL
 * (or `PKCS11:<CKR>` for a pkcs11js error). `message` is Vietnamese (the clerk's language), `messageEn` English.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageEn?: string;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, opts: { en?: string; details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.messageEn = opts.en;
    this.details = opts.details;
  }
}

/** A VALIDATION error carrying every problem (row, column/field, code, Vietnamese message). */
export function validationError(problems: FieldProblem[], message?: string, en?: string): AppError {
  return new AppError('VALIDATION', message ?? `Dữ liệu không hợp lệ: ${problems.length} lỗi`, {
    en: en ?? `Invalid data: ${problems.length} problem(s)`,
    details: { problems },
  });
}

/**
 * A checker's problems as one VALIDATION error, every one an error: "Thông tin {what} không hợp lệ: a; b" (the unit
 * and employee forms). Only the fields a problem names are kept.
 */
export function invalidRecord(
  problems: readonly { field?: string; code: string; message: string; messageEn?: string }[],
  what: string,
  whatEn: string,
): AppError {
  return validationError(
    problems.map((p) => ({
      field: p.field,
      code: p.code,
      message: p.message,
      messageEn: p.messageEn,
      severity: 'error' as const,
    })),
    `Thông tin ${what} không hợp lệ: ${problems.map((p) => p.message).join('; ')}`,
    `Invalid ${whatEn}: ${problems.map((p) => p.messageEn).join('; ')}`,
  );
}

export function notFound(what: string, whatEn: string): AppError {
  return new AppError('NOT_FOUND', `Không tìm thấy ${what}`, { en: `${whatEn} not found` });
}
