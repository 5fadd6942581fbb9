/**
 * Plain-language messages for the PKCS#11 return codes clerks meet (meanings: PKCS#11 v2.40 §5 / webcrypto-local
 * errors/PKCS11.md; wording ours). Error codes stay `PKCS11:<CKR name>` so nothing parses message text.
 */
export interface CkrMessage {
  vi: string;
  en: string;
}

export const REMOVAL_CKRS = [
  'CKR_DEVICE_REMOVED',
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_CRYPTOKI_NOT_INITIALIZED',
  'CKR_OBJECT_HANDLE_INVALID',
  'CKR_KEY_HANDLE_INVALID',
] as const;

const REMOVED: CkrMessage = {
  vi: 'Thiết bị ký số (USB token) đã bị rút ra hoặc phiên làm việc với token đã bị đóng. Hãy cắm lại token rồi ký lại (cần nhập lại mã PIN).',
  en: 'The USB token was removed or its session was closed. Plug it in again and sign again (the PIN is asked again).',
};

export const CKR_MESSAGES: Record<string, CkrMessage> = {
  CKR_PIN_INCORRECT: { vi: 'Mã PIN không đúng.', en: 'Wrong PIN.' },
  CKR_PIN_LOCKED: {
    vi: 'Mã PIN của token đã bị khóa do nhập sai nhiều lần. Phần mềm sẽ không thử lại; hãy mở khóa bằng công cụ của nhà cung cấp chữ ký số (mã PUK) hoặc liên hệ nhà cung cấp.',
    en: 'The token PIN is locked after too many wrong tries. The app will not retry; unlock it with the CA vendor tool (PUK) or contact the CA.',
  },
  CKR_PIN_EXPIRED: {
    vi: 'Mã PIN đã hết hạn, hãy đổi PIN bằng công cụ của nhà cung cấp.',
    en: 'The PIN has expired; change it with the vendor tool.',
  },
  CKR_PIN_LEN_RANGE: {
    vi: 'Độ dài mã PIN không hợp lệ với token này.',
    en: 'The PIN length is out of range for this token.',
  },
  CKR_PIN_INVALID: { vi: 'Mã PIN chứa ký tự không hợp lệ.', en: 'The PIN contains invalid characters.' },
  CKR_FUNCTION_CANCELED: { vi: 'Đã hủy nhập PIN trên thiết bị.', en: 'PIN entry was cancelled on the device.' },
  CKR_USER_NOT_LOGGED_IN: {
    vi: 'Phiên đăng nhập token đã mất (token có thể vừa được cắm lại). Hãy nhập lại mã PIN.',
    en: 'The token login was lost (the token may have been re-plugged). Enter the PIN again.',
  },
  CKR_MECHANISM_INVALID: {
    vi: 'Token không hỗ trợ thuật toán ký RSA-SHA256.',
    en: 'The token does not support RSA-SHA256 signing.',
  },
  CKR_FUNCTION_NOT_SUPPORTED: {
    vi: 'Thư viện của token không hỗ trợ chức năng này.',
    en: 'The token library does not support this function.',
  },
  CKR_TOKEN_NOT_RECOGNIZED: {
    vi: 'Không nhận ra token: có thể dùng nhầm thư viện (driver) của nhà cung cấp khác.',
    en: 'Token not recognised: the library may belong to another vendor.',
  },
  CKR_DEVICE_ERROR: {
    vi: 'Token báo lỗi thiết bị. Hãy rút ra, cắm lại và thử lại.',
    en: 'The token reported a device error. Re-plug it and try again.',
  },
  CKR_GENERAL_ERROR: {
    vi: 'Thư viện token báo lỗi chung. Hãy cài lại driver của nhà cung cấp.',
    en: 'The token library reported a general error. Reinstall the vendor driver.',
  },
  CKR_KEY_FUNCTION_NOT_PERMITTED: {
    vi: 'Khóa trên token không được phép dùng để ký.',
    en: 'The key on the token may not be used for signing.',
  },
  CKR_DEVICE_REMOVED: REMOVED,
  CKR_TOKEN_NOT_PRESENT: REMOVED,
  CKR_SESSION_HANDLE_INVALID: REMOVED,
  CKR_SESSION_CLOSED: REMOVED,
  CKR_CRYPTOKI_NOT_INITIALIZED: REMOVED,
  CKR_OBJECT_HANDLE_INVALID: REMOVED,
  CKR_KEY_HANDLE_INVALID: REMOVED,
};

export type PinState = 'ok' | 'few-tries-left' | 'final-try' | 'locked';

/** CK_TOKEN_INFO flag bits (PKCS#11 v2.40 §3.2). */
export const TOKEN_FLAGS = {
  CKF_LOGIN_REQUIRED: 0x4,
  CKF_USER_PIN_INITIALIZED: 0x8,
  CKF_PROTECTED_AUTHENTICATION_PATH: 0x100,
  CKF_TOKEN_INITIALIZED: 0x400,
  CKF_USER_PIN_COUNT_LOW: 0x10000,
  CKF_USER_PIN_FINAL_TRY: 0x20000,
  CKF_USER_PIN_LOCKED: 0x40000,
  CKF_USER_PIN_TO_BE_CHANGED: 0x80000,
} as const;

export function pinState(flags: number): PinState {
  if (flags & TOKEN_FLAGS.CKF_USER_PIN_LOCKED) return 'locked';
  if (flags & TOKEN_FLAGS.CKF_USER_PIN_FINAL_TRY) return 'final-try';
  if (flags & TOKEN_FLAGS.CKF_USER_PIN_COUNT_LOW) return 'few-tries-left';
  return 'ok';
}

export const PIN_STATE_MESSAGES: Record<PinState, CkrMessage> = {
  ok: { vi: '', en: '' },
  'few-tries-left': {
    vi: 'Token báo chỉ còn ít lần thử — hãy kiểm tra kỹ mã PIN trước khi nhập lại.',
    en: 'The token says few tries are left — check the PIN carefully before trying again.',
  },
  'final-try': {
    vi: 'Đây là lần thử CUỐI CÙNG: nhập sai thêm một lần nữa token sẽ bị khóa.',
    en: 'This is the FINAL try: one more wrong PIN locks the token.',
  },
  locked: CKR_MESSAGES.CKR_PIN_LOCKED!,
};

export function tokenFlagNames(flags: number): string[] {
  return Object.entries(TOKEN_FLAGS)
    .filter(([, bit]) => (flags & bit) !== 0)
    .map(([name]) => name);
}
