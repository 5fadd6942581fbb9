/**
 * The renderer's Content-Security-Policy, the same in the desktop window (meta tag + response header) and in
 * browser mode: only our own scripts (no inline script, no eval), no plugins, no framing, no foreign connections.
 * Electron security checklist item 7.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
