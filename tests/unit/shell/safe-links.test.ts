import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../electron/shell/safe-links';

describe('isSafeExternalUrl (checklist 15)', () => {
  it('allows https links to BHXH and the I-VAN providers', () => {
    for (const url of [
      'https://baohiemxahoi.gov.vn/',
      'https://dichvucong.baohiemxahoi.gov.vn/Pages/default.aspx',
      'https://www.bkav.com.vn/',
      'https://ts24.com.vn:443/ho-tro',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses look-alikes, other schemes, credentials, ports and garbage', () => {
    for (const url of [
      'http://baohiemxahoi.gov.vn/',
      'https://baohiemxahoi.gov.vn.evil.example/',
      'https://evilbaohiemxahoi.gov.vn/',
      'https://baohiemxahoi.gov.vn@evil.example/',
      'https://user:pass@baohiemxahoi.gov.vn/',
      'https://baohiemxahoi.gov.vn:8443/',
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'ms-msdt:/id PCWDiagnostic',
      'smb://baohiemxahoi.gov.vn/share',
      'https://example.invalid/',
      '',
      'không phải địa chỉ',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
