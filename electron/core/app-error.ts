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

export function notFound(what: string, whatEn: string): AppError {
  return new AppError('NOT_FOUND', `Không tìm thấy ${what}`, { en: `${whatEn} not found` });
}
