/** The clerk-facing words for "intact but the issuer is not verified" (issue #12 item 2), one source for CLI and UI. */
export const UNTRUSTED_NOTE = 'Chữ ký còn nguyên nhưng chưa xác minh được tổ chức cấp';
export const UNTRUSTED_NOTE_EN = 'The signature is intact but its issuer could not be verified';
