import { describe, expect, test } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  desktopCredentialKey,
  FileKeySecretBox,
  SafeStorageSecretBox,
  WrappedKeySecretBox,
} from '../../../electron/ivan/secret-box';
import { makeTempDir, removeDir } from '../../support/tmp';

describe('FileKeySecretBox (browser mode and CLI)', () => {
  test('AES-256-GCM round trip; key file 0600 in a 0700 folder; ciphertext never holds the password', () => {
    const dir = makeTempDir('kekhai-keys-');
    try {
      const keyFile = join(dir, 'keys', 'ivan-credentials.key');
      const box = new FileKeySecretBox(keyFile);
      const sealed = box.seal('Mật khẩu I-VAN ✓');
      expect(sealed.includes(Buffer.from('Mật khẩu'))).toBe(false);
      expect(box.seal('Mật khẩu I-VAN ✓').equals(sealed)).toBe(false); // fresh IV each time
      expect(new FileKeySecretBox(keyFile).open(sealed)).toBe('Mật khẩu I-VAN ✓');
      if (process.platform !== 'win32') {
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);
        expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
      }
      expect(Buffer.from(readFileSync(keyFile, 'utf8'), 'base64')).toHaveLength(32);
      // Tampering or another key is detected, never returns garbage.
      const bad = Buffer.from(sealed);
      bad[bad.length - 1]! ^= 1;
      expect(() => box.open(bad)).toThrow(expect.objectContaining({ code: 'SECRET_BAD' }));
      expect(() => new FileKeySecretBox(join(dir, 'other.key')).open(sealed)).toThrow(
        expect.objectContaining({ code: 'SECRET_KEY_MISSING' }),
      );
      new FileKeySecretBox(join(dir, 'other.key')).seal('x');
      expect(() => new FileKeySecretBox(join(dir, 'other.key')).open(sealed)).toThrow(
        expect.objectContaining({ code: 'SECRET_BAD' }),
      );
    } finally {
      removeDir(dir);
    }
  });
});

describe('SafeStorageSecretBox (desktop)', () => {
  test('delegates to the injected safeStorage and refuses when the OS has no encryption', () => {
    const fake = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from([...Buffer.from(s)].reverse()),
      decryptString: (b: Buffer) => Buffer.from([...b].reverse()).toString(),
    };
    const box = new SafeStorageSecretBox(fake);
    expect(box.open(box.seal('abc'))).toBe('abc');
    expect(() => new SafeStorageSecretBox({ ...fake, isEncryptionAvailable: () => false })).toThrow(
      expect.objectContaining({ code: 'SECRET_STORE_UNAVAILABLE' }),
    );
  });
});

describe('desktop: a safeStorage-wrapped key handed to the service process', () => {
  test('the key file holds only the wrapped key; the same key comes back; values sealed with it open', () => {
    const dir = makeTempDir('kekhai-keys-');
    try {
      // A stand-in for the OS keychain that really transforms the bytes (XOR), so "wrapped" is observable.
      const ss = {
        isEncryptionAvailable: () => true,
        encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
        decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
      };
      const file = join(dir, 'keys', 'ivan-credentials.safe');
      const k1 = desktopCredentialKey(file, ss);
      expect(k1).toHaveLength(32);
      expect(readFileSync(file).includes(Buffer.from(k1.toString('base64')))).toBe(false);
      expect(desktopCredentialKey(file, ss).equals(k1)).toBe(true);
      const sealed = new WrappedKeySecretBox(k1).seal('mật khẩu');
      expect(new WrappedKeySecretBox(desktopCredentialKey(file, ss)).open(sealed)).toBe('mật khẩu');
      expect(() => desktopCredentialKey(file, { ...ss, isEncryptionAvailable: () => false })).toThrow(
        expect.objectContaining({ code: 'SECRET_STORE_UNAVAILABLE' }),
      );
    } finally {
      removeDir(dir);
    }
  });
});
