import { z, ZodError } from 'zod';
import { contract, isMethodName, type ApiError, type FieldProblem, type Result } from '../../shared/contract';
import { AppError } from './app-error';
import { XmlInputError } from '../../shared/signing/xml-error';
import { busyError, isBusyError } from '../db/open';
import type { ServiceContext } from './context';
import { handlerFor } from './registry';
import { registerDispatcher } from './self-call';

/**
 * The one entry point behind every face (IPC, HTTP host, CLI, tests): check the method name, validate the input
 * with the contract's schema, run the handler, validate the output, and return the Result envelope. Never throws.
 */
export async function dispatch(name: unknown, input: unknown, ctx: ServiceContext): Promise<Result<unknown>> {
  if (!isMethodName(name)) {
    return {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `Không có chức năng "${String(name)}"`,
        messageEn: `Unknown method "${String(name)}"`,
      },
    };
  }
  const def = contract[name];
  // reportInput: the locale texts name the received type (the input itself never reaches a message).
  const parsed = def.input.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error, 'input') };
  const handler = await handlerFor(name);
  if (!handler) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Chức năng "${name}" chưa được cài đặt`,
        messageEn: `Method "${name}" has no implementation`,
      },
    };
  }
  try {
    const value = await handler(parsed.data, ctx);
    const out = def.output.safeParse(value);
    if (!out.success) {
      return { ok: false, error: { ...zodToApiError(out.error, 'output'), code: 'INTERNAL' } };
    }
    return { ok: true, value: out.data };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

registerDispatcher(dispatch);

const viText = z.locales.vi().localeError;
const enText = z.locales.en().localeError;
/** The contract's own messages are Vietnamese (with diacritics); zod's built-in ones are English. */
const isOwnMessage = (m: string) => /[^\x00-\x7f]/.test(m);
const localeText = (f: typeof viText, i: z.core.$ZodIssue): string => {
  const r = f(i as never);
  return typeof r === 'string' ? r : (r?.message ?? i.message);
};

/** zod issues → FieldProblems: Vietnamese in `message` (the schema's own text, else zod's vi locale), English in `messageEn`. */
function zodToApiError(e: ZodError, where: 'input' | 'output'): ApiError {
  const problems: FieldProblem[] = e.issues.map((i) => ({
    field: i.path.map(String).join('.') || undefined,
    code: i.code.toUpperCase(),
    message: `${i.path.length ? `Trường "${i.path.join('.')}": ` : ''}${isOwnMessage(i.message) ? i.message : localeText(viText, i)}`,
    messageEn: `${i.path.length ? `Field "${i.path.join('.')}": ` : ''}${localeText(enText, i)}`,
    severity: 'error',
  }));
  return where === 'input'
    ? {
        code: 'VALIDATION',
        message: `Dữ liệu gửi lên không hợp lệ: ${problems.map((p) => p.message).join('; ')}`,
        messageEn: `Invalid request: ${problems.map((p) => p.messageEn).join('; ')}`,
        details: { problems },
      }
    : {
        code: 'INTERNAL',
        message: 'Kết quả trả về sai cấu trúc (lỗi phần mềm)',
        messageEn: 'The result did not match the contract (software defect)',
        details: { problems },
      };
}

/** Maps anything thrown to an ApiError: AppError as is, pkcs11js errors as `PKCS11:<CKR name>`, the rest INTERNAL. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) return { code: e.code, message: e.message, messageEn: e.messageEn, details: e.details };
  if (e instanceof ZodError) return zodToApiError(e, 'input');
  // A refused XML file (the shared dossier reader, c14n): its own code and Vietnamese message with line/column.
  if (e instanceof XmlInputError)
    return { code: e.code, message: e.message, messageEn: e.messageEn, details: { line: e.line, column: e.column } };
  // Another process holds the write lock past the busy timeout: a clear message, not INTERNAL.
  if (isBusyError(e)) return toApiError(busyError(e));
  const err = e as { name?: string; message?: string; code?: unknown; method?: string };
  // pkcs11js's Pkcs11Error: message is the CKR name (e.g. "CKR_PIN_INCORRECT"), code the number, method the call.
  if (err && typeof err.message === 'string' && /^CKR_[A-Z_]+/.test(err.message)) {
    const ckr = /^(CKR_[A-Z_]+)/.exec(err.message)![1]!;
    return {
      code: `PKCS11:${ckr}`,
      message: `Lỗi thiết bị ký số (${ckr})`,
      messageEn: `Token error (${ckr})`,
      details: { ckr, ckrCode: typeof err.code === 'number' ? err.code : undefined, method: err.method },
    };
  }
  return {
    code: 'INTERNAL',
    message: `Lỗi không mong đợi: ${err?.message ?? String(e)}`,
    messageEn: `Unexpected error: ${err?.message ?? String(e)}`,
  };
}
