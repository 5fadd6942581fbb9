import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { partNameFor, removeStaleParts, writeFileAtomic } from '../core/atomic-file';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../core/app-error';

/**
 * Encrypts the I-VAN password at rest (docs/security-credentials.md). The desktop app injects a box backed by
 * Electron `safeStorage` (OS keychain / DPAPI); browser mode and the CLI use `FileKeySecretBox`.
 * `scheme` is stored beside the ciphertext so a value is always opened by the box that sealed it.
 */
export interface SecretBox {
  readonly scheme: string;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** The subset of Electron's `safeStorage` we use, injected by electron/shell (the only place importing electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageSecretBox implements SecretBox {
  readonly scheme = 'electron-safeStorage';
  constructor(private readonly ss: SafeStorageLike) {
    if (!ss.isEncryptionAvailable()) {
      throw new AppError('SECRET_STORE_UNAVAILABLE', 'Hệ điều hành không cung cấp kho mã hoá cho mật khẩu I-VAN', {
        en: 'The OS offers no encrypted store for the I-VAN password',
      });
    }
  }
  seal(plain: string): Buffer {
    return this.ss.encryptString(plain);
  }
  open(sealed: Buffer): string {
    return this.ss.decryptString(sealed);
  }
}

/**
 * Per-user key file: outside the data folder (so a copied database or backup alone does not reveal the password),
 * created with 0600 in a 0700 folder. Windows ignores POSIX modes; there the file sits in %LOCALAPPDATA%, whose ACL
 * grants only the user (and SYSTEM/Administrators).
 */
export function defaultKeyFile(): string {
  if (process.env.KEKHAI_KEY_FILE) return resolve(process.env.KEKHAI_KEY_FILE);
  if (process.platform === 'win32')
    return join(
      process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'),
      'KeKhaiBHXH',
      'keys',
      'ivan-credentials.key',
    );
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'KeKhaiBHXH', 'keys', 'ivan-credentials.key');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'kekhai-bhxh', 'keys', 'ivan-credentials.key');
}

const MAGIC = Buffer.from('KK1G'); // format tag: version 1, AES-256-GCM

/**
 * AES-256-GCM with a random 32-byte key in the key file. Layout: MAGIC(4) | IV(12) | TAG(16) | ciphertext.
 * The associated data binds the ciphertext to its purpose, so a sealed value cannot be swapped into another field.
 */
export class FileKeySecretBox implements SecretBox {
  readonly scheme = 'aes-256-gcm-keyfile-v1';
  private key: Buffer | null;
  constructor(
    private readonly keyFile: string = defaultKeyFile(),
    opts: { aad?: string; key?: Buffer } = {},
  ) {
    this.aad = opts.aad ?? 'kekhai:ivan-credential';
    this.key = opts.key ? Buffer.from(opts.key) : null;
  }
  private readonly aad: string;

  private loadKey(create: boolean): Buffer {
    if (this.key) return this.key;
    // An empty key file is what an older version left when killed between creating and writing it: nothing was
    // ever sealed with it (sealing reads the key back first), so it counts as missing.
    if (!existsSync(this.keyFile) || statSync(this.keyFile).size === 0) {
      if (!create)
        throw new AppError(
          'SECRET_KEY_MISSING',
          `Không tìm thấy tệp khoá ${this.keyFile}; hãy nhập lại mật khẩu I-VAN`,
          { en: `Key file ${this.keyFile} is missing; enter the I-VAN password again` },
        );
      mkdirSync(dirname(this.keyFile), { recursive: true, mode: 0o700 });
      createKeyFile(this.keyFile, randomBytes(32));
    } else removeStaleParts(this.keyFile); // a copy of the key left by a process killed just after linking it
    if (process.platform !== 'win32') {
      const mode = statSync(this.keyFile).mode & 0o777;
      if (mode & 0o077) chmodSync(this.keyFile, 0o600);
    }
    const k = Buffer.from(readFileSync(this.keyFile, 'utf8').trim(), 'base64');
    if (k.length !== 32)
      throw new AppError('SECRET_KEY_BAD', `Tệp khoá ${this.keyFile} bị hỏng`, {
        en: `Key file ${this.keyFile} is damaged`,
      });
    this.key = k;
    return k;
  }

  seal(plain: string): Buffer {
    const key = this.loadKey(true);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(this.aad));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([MAGIC, iv, c.getAuthTag(), ct]);
  }

  open(sealed: Buffer): string {
    const key = this.loadKey(false);
    if (sealed.length < 32 || !sealed.subarray(0, 4).equals(MAGIC))
      throw new AppError('SECRET_BAD', 'Mật khẩu I-VAN đã lưu không đọc được; hãy nhập lại', {
        en: 'The stored I-VAN password cannot be read; enter it again',
      });
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
    d.setAAD(Buffer.from(this.aad));
    d.setAuthTag(sealed.subarray(16, 32));
    try {
      return Buffer.concat([d.update(sealed.subarray(32)), d.final()]).toString('utf8');
    } catch {
      throw new AppError(
        'SECRET_BAD',
        'Mật khẩu I-VAN đã lưu không giải mã được (khoá khác hoặc dữ liệu bị sửa); hãy nhập lại',
        { en: 'The stored I-VAN password cannot be decrypted (other key or tampered); enter it again' },
      );
    }
  }
}

/**
 * Writes a new key file whole or not at all: the key goes to a flushed temporary file that is then hard-linked to
 * the real name, which (like 'wx') never replaces a key another process just created — that would orphan its
 * ciphertexts. A process killed at any point leaves no empty or cut key file.
 */
function createKeyFile(file: string, key: Buffer): void {
  removeStaleParts(file);
  const part = partNameFor(file);
  try {
    const fd = openSync(part, 'wx', 0o600);
    try {
      writeSync(fd, key.toString('base64'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (existsSync(file) && statSync(file).size === 0) rmSync(file, { force: true });
    try {
      linkSync(part, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
      // A file system without hard links (FAT/exFAT, some network shares): rename, unless a key appeared meanwhile.
      if (existsSync(file)) return;
      renameSync(part, file);
    }
  } finally {
    rmSync(part, { force: true });
  }
}

/**
 * The desktop app's box. `safeStorage` lives only in Electron's main process, while the services run in a utility
 * process: the main process keeps a random AES key wrapped by safeStorage (OS keychain / DPAPI) in
 * `<data>/keys/ivan-credentials.safe`, unwraps it with `desktopCredentialKey` and hands the key to the service
 * process over its private message port, which seals with it (`WrappedKeySecretBox`).
 */
export function desktopCredentialKey(file: string, ss: SafeStorageLike): Buffer {
  if (!ss.isEncryptionAvailable()) {
    throw new AppError('SECRET_STORE_UNAVAILABLE', 'Hệ điều hành không cung cấp kho mã hoá cho mật khẩu I-VAN', {
      en: 'The OS offers no encrypted store for the I-VAN password',
    });
  }
  if (existsSync(file)) {
    const k = Buffer.from(ss.decryptString(readFileSync(file)), 'base64');
    if (k.length === 32) return k;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const k = randomBytes(32);
  writeFileAtomic(file, ss.encryptString(k.toString('base64')), 0o600);
  return k;
}

export class WrappedKeySecretBox implements SecretBox {
  readonly scheme = 'aes-256-gcm-safestorage-v1';
  private readonly inner: FileKeySecretBox;
  constructor(key: Buffer) {
    if (key.length !== 32)
      throw new AppError('SECRET_KEY_BAD', 'Khoá mã hoá mật khẩu I-VAN không hợp lệ', {
        en: 'Invalid I-VAN credential key',
      });
    this.inner = new FileKeySecretBox('(safeStorage)', { key });
  }
  seal(plain: string): Buffer {
    return this.inner.seal(plain);
  }
  open(sealed: Buffer): string {
    return this.inner.open(sealed);
  }
}

/** The process's box: the desktop service process registers the safeStorage-wrapped key; otherwise the key-file scheme. */
let injected: SecretBox | null = null;
export function setSecretBox(box: SecretBox | null): void {
  injected = box;
}
export function secretBox(): SecretBox {
  return injected ?? new FileKeySecretBox();
}
export function boxForScheme(scheme: string): SecretBox {
  const box = secretBox();
  if (box.scheme === scheme) return box;
  if (scheme === 'aes-256-gcm-keyfile-v1') return new FileKeySecretBox();
  // 'aes-256-gcm-safestorage-v1' needs the desktop app's unwrapped key: only its service process has it.
  throw new AppError(
    'SECRET_SCHEME',
    `Mật khẩu I-VAN được mã hoá bằng cơ chế ${scheme} không dùng được ở đây; hãy nhập lại`,
    { en: `The I-VAN password was sealed with ${scheme}, not available here; enter it again` },
  );
}
