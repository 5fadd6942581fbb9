import { describe, expect, it } from 'vitest';
import { redactText, redactValue, registerSecret, REDACTED } from '../../../electron/log/redact';

describe('log redaction', () => {
  it('hides personal numbers (CCCD 12, mã số BHXH 10, CMND 9 digits) and keeps other numbers readable', () => {
    expect(redactText('CCCD 038190012345, BHXH 2800123452, CMND 012345678')).toBe(
      'CCCD 03********45, BHXH 28******52, CMND 01*****78',
    );
    expect(redactText('port 8080, năm 2015, hồ sơ 00001/2015/07906, sha 0123456789abcdef0123')).toBe(
      'port 8080, năm 2015, hồ sơ 00001/2015/07906, sha 0123456789abcdef0123',
    );
  });

  it('hides a PIN or password written into a message, and a registered run-time secret anywhere', () => {
    expect(redactText('PIN 482915 sai')).toBe(`PIN ${REDACTED} sai`);
    expect(redactText('mật khẩu: abc123')).toBe(`mật khẩu: ${REDACTED}`);
    registerSecret('Rq5JITPdrFGz4BffllQJNYXpXeSf6hBI');
    expect(redactText('GET /?token=Rq5JITPdrFGz4BffllQJNYXpXeSf6hBI')).not.toContain(
      'Rq5JITPdrFGz4BffllQJNYXpXeSf6hBI',
    );
  });

  it('hides secret-named keys at any depth, and bytes', () => {
    const out = redactValue({
      signer: { kind: 'pkcs11', pin: '482915' },
      password: 'x',
      nested: [{ secretKey: 's', apiToken: 't' }],
      file: { base64: 'QUJD' },
      data: Buffer.from('abc'),
      method: 'signing.sign',
    });
    expect(out).toEqual({
      signer: { kind: 'pkcs11', pin: REDACTED },
      password: REDACTED,
      nested: [{ secretKey: REDACTED, apiToken: REDACTED }],
      file: { base64: REDACTED },
      data: '[3 bytes]',
      method: 'signing.sign',
    });
  });

  it('survives cycles and errors', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: 'a', self: '[…]' });
    const e = redactValue(new Error('mã số BHXH 2800123452 không hợp lệ')) as { message: string };
    expect(e.message).toBe('mã số BHXH 28******52 không hợp lệ');
  });
});
