import type Database from 'better-sqlite3';
import { AppError } from '../core/app-error';
import { nextStamp, staleError } from '../core/stale';
import { checkEndpoint } from './endpoint-policy';
import { boxForScheme, secretBox } from './secret-box';
import type { IvanCredentials } from './adapter';

/** A unit's I-VAN settings. The password is sealed before it reaches SQLite and never returned to a caller. */
export interface ProviderSettings {
  unitCode: string;
  providerCode: string;
  endpoint: string;
  username: string | null;
  hasPassword: boolean;
  trainingMode: boolean;
  updatedAt: string;
}

interface Row {
  unit_code: string;
  provider_code: string;
  endpoint: string;
  username: string | null;
  secret_ciphertext: Buffer | null;
  secret_scheme: string | null;
  training_mode: number;
  updated_at: string;
}

const toSettings = (r: Row): ProviderSettings => ({
  unitCode: r.unit_code,
  providerCode: r.provider_code,
  endpoint: r.endpoint,
  username: r.username,
  hasPassword: r.secret_ciphertext !== null,
  trainingMode: r.training_mode === 1,
  updatedAt: r.updated_at,
});

export function getSettings(db: Database.Database, unitCode: string): ProviderSettings | null {
  const r = db.prepare('SELECT * FROM ivan_provider_settings WHERE unit_code = ?').get(unitCode) as Row | undefined;
  return r ? toSettings(r) : null;
}

export function listSettings(db: Database.Database): ProviderSettings[] {
  return (db.prepare('SELECT * FROM ivan_provider_settings ORDER BY unit_code').all() as Row[]).map(toSettings);
}

export interface SaveSettingsInput {
  unitCode: string;
  providerCode: string;
  endpoint: string;
  username?: string | null;
  /** undefined = keep the stored one; null = forget it. */
  password?: string | null;
  trainingMode?: boolean;
  /** Switching provider goes through 05/SĐ-IVAN; the caller says it was filed. */
  viaChangeForm?: boolean;
  /** The settings' `updatedAt` as the form loaded them, '' = none were stored (see ivan.settingsSave). */
  expectedUpdatedAt?: string;
  now: Date;
}

export function saveSettings(db: Database.Database, input: SaveSettingsInput): ProviderSettings {
  checkEndpoint(input.endpoint);
  // IMMEDIATE: the version check and the write hold the write lock together (another process cannot slip between).
  return db.transaction(() => saveLocked(db, input)).immediate();
}

function saveLocked(db: Database.Database, input: SaveSettingsInput): ProviderSettings {
  const prev = db.prepare('SELECT * FROM ivan_provider_settings WHERE unit_code = ?').get(input.unitCode) as
    Row | undefined;
  if (input.expectedUpdatedAt !== undefined && (prev?.updated_at ?? '') !== input.expectedUpdatedAt) {
    // Another window saved since this form loaded; only exactly the same values again are no conflict.
    const same =
      prev &&
      prev.provider_code === input.providerCode &&
      prev.endpoint === input.endpoint &&
      (input.username === undefined || prev.username === input.username) &&
      input.password === undefined;
    if (!same)
      throw staleError(
        `Cài đặt I-VAN của đơn vị ${input.unitCode}`,
        `The I-VAN settings of unit ${input.unitCode}`,
        prev ? toSettings(prev) : null,
      );
  }
  if (
    prev &&
    prev.provider_code !== input.providerCode &&
    !input.viaChangeForm &&
    !(input.trainingMode ?? prev.training_mode === 1)
  ) {
    throw new AppError(
      'IVAN_SWITCH_NEEDS_05',
      'Đơn vị chỉ dùng một nhà cung cấp I-VAN; đổi nhà cung cấp phải qua tờ khai 05/SĐ-IVAN',
      {
        en: 'A unit uses one I-VAN provider at a time; switching goes through form 05/SĐ-IVAN',
      },
    );
  }
  let cipher: Buffer | null = prev?.secret_ciphertext ?? null;
  let scheme: string | null = prev?.secret_scheme ?? null;
  if (input.password === null) {
    cipher = null;
    scheme = null;
  } else if (typeof input.password === 'string') {
    const box = secretBox();
    cipher = box.seal(input.password);
    scheme = box.scheme;
  }
  db.prepare(
    `INSERT INTO ivan_provider_settings (unit_code, provider_code, endpoint, username, secret_ciphertext, secret_scheme, training_mode, updated_at)
     VALUES (@unit, @provider, @endpoint, @username, @cipher, @scheme, @training, @at)
     ON CONFLICT (unit_code) DO UPDATE SET provider_code = @provider, endpoint = @endpoint, username = @username,
       secret_ciphertext = @cipher, secret_scheme = @scheme, training_mode = @training, updated_at = @at`,
  ).run({
    unit: input.unitCode,
    provider: input.providerCode,
    endpoint: input.endpoint,
    username: input.username === undefined ? (prev?.username ?? null) : input.username,
    cipher,
    scheme,
    training: (input.trainingMode ?? prev?.training_mode === 1) ? 1 : 0,
    at: nextStamp(input.now.toISOString(), prev?.updated_at ?? ''),
  });
  // Entries held for bad credentials get another chance with the new ones.
  db.prepare(
    "UPDATE ivan_outbox SET next_attempt_at = ? WHERE unit_code = ? AND state = 'queued' AND last_error_code = 'IVAN_AUTH'",
  ).run(input.now.toISOString(), input.unitCode);
  return getSettings(db, input.unitCode)!;
}

/** The unit's credentials, decrypted only for the request that needs them. */
export function credentialsFor(db: Database.Database, unitCode: string | null): IvanCredentials | undefined {
  if (!unitCode) return undefined;
  const r = db
    .prepare('SELECT username, secret_ciphertext, secret_scheme FROM ivan_provider_settings WHERE unit_code = ?')
    .get(unitCode) as Pick<Row, 'username' | 'secret_ciphertext' | 'secret_scheme'> | undefined;
  if (!r || !r.username || !r.secret_ciphertext || !r.secret_scheme) return undefined;
  return { username: r.username, password: boxForScheme(r.secret_scheme).open(r.secret_ciphertext) };
}
