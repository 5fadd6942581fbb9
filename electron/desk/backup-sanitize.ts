import type Database from 'better-sqlite3';
import { HELD } from '../ivan/outbox-repo';
import type { AuditLogRow } from './audit-log';

/**
 * What a restore will not take from a backup without the clerk saying so again (issue #12, item 4): settings that
 * load code (`signing.userLibraries`: native PKCS#11 libraries loaded at the next token scan) or decide where data
 * goes (`updates.url`; the I-VAN endpoints with their accounts; queued dossiers addressed to an endpoint). A backup
 * is a file anyone can hand the clerk; these come back only when the clerk enters them again.
 */
export interface Reconfirm {
  /** `signing.userLibraries`, `updates.url`, `ivan.endpoint` or `ivan.outbox`. */
  key: string;
  unitCode: string | null;
  /** What the backup held (a path or an address; never a secret). */
  value: string;
  message: string;
  messageEn: string;
}

/** Keys of the `settings` table dropped on restore. */
export const DROPPED_SETTINGS = ['signing.userLibraries', 'updates.url'] as const;

export const RESTORED_HOLD_CODE = 'RESTORED_ENDPOINT';

function settingValue(db: Database.Database, key: string): unknown {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!r) return null;
  try {
    return JSON.parse(r.value) as unknown;
  } catch {
    return r.value;
  }
}

/** Removes the settings above from a staged backup (already migrated to the current schema); returns the list. */
export function dropUntrustedSettings(db: Database.Database): Reconfirm[] {
  const out: Reconfirm[] = [];
  const libs = settingValue(db, 'signing.userLibraries');
  for (const p of Array.isArray(libs) ? libs : libs ? [libs] : []) {
    out.push({
      key: 'signing.userLibraries',
      unitCode: null,
      value: String(p),
      message: `Thư viện ký số "${String(p)}" trong bản sao lưu chưa được nạp; nếu đúng là thư viện của thiết bị ký, hãy thêm lại ở Ký số → Thư viện`,
      messageEn: `Signing library "${String(p)}" from the backup was not loaded; add it again under Signing → Libraries if it is your token's`,
    });
  }
  const url = settingValue(db, 'updates.url');
  if (url)
    out.push({
      key: 'updates.url',
      unitCode: null,
      value: String(url),
      message: `Địa chỉ cập nhật "${String(url)}" trong bản sao lưu đã bị bỏ; máy chỉ cập nhật từ địa chỉ của bộ cài hoặc do quản trị viên đặt`,
      messageEn: `The update address "${String(url)}" from the backup was dropped; updates come only from the installer's address or an administrator policy`,
    });
  db.prepare(`DELETE FROM settings WHERE key IN (${DROPPED_SETTINGS.map(() => '?').join(', ')})`).run(
    ...DROPPED_SETTINGS,
  );

  const providers = db
    .prepare('SELECT unit_code, provider_code, endpoint, username FROM ivan_provider_settings ORDER BY unit_code')
    .all() as { unit_code: string; provider_code: string; endpoint: string; username: string | null }[];
  for (const p of providers) {
    out.push({
      key: 'ivan.endpoint',
      unitCode: p.unit_code,
      value: p.endpoint,
      message: `Đơn vị ${p.unit_code}: địa chỉ I-VAN "${p.endpoint}" (nhà cung cấp ${p.provider_code}${p.username ? `, tài khoản ${p.username}` : ''}) trong bản sao lưu chưa được dùng; hãy nhập lại ở Cài đặt → I-VAN`,
      messageEn: `Unit ${p.unit_code}: the I-VAN address "${p.endpoint}" (provider ${p.provider_code}) from the backup is not used; enter it again under Settings → I-VAN`,
    });
  }
  db.prepare('DELETE FROM ivan_provider_settings').run();

  const queued = db
    .prepare("SELECT id, unit_code, endpoint FROM ivan_outbox WHERE state = 'queued' ORDER BY id")
    .all() as { id: number; unit_code: string | null; endpoint: string }[];
  const hold = db.prepare(
    'UPDATE ivan_outbox SET next_attempt_at = ?, last_error_code = ?, last_error = ?, claimed_until = NULL, claimed_by = NULL WHERE id = ?',
  );
  for (const q of queued) {
    const message = `Hồ sơ số ${q.id} khôi phục từ bản sao lưu, gửi tới "${q.endpoint}": đang giữ lại; hãy kiểm tra địa chỉ rồi bấm Gửi lại`;
    hold.run(HELD, RESTORED_HOLD_CODE, message, q.id);
    out.push({
      key: 'ivan.outbox',
      unitCode: q.unit_code,
      value: q.endpoint,
      message,
      messageEn: `Outbox entry ${q.id} from the backup, addressed to "${q.endpoint}", is held; check the address and press Retry`,
    });
  }
  return out;
}

/** The live audit log, read before anything is replaced; empty when the live file has none (never a reason to stop). */
export function readLiveAudit(live: Database.Database): AuditLogRow[] {
  try {
    return live
      .prepare('SELECT id, at, actor, action, subject_type, subject_id, detail FROM audit_log ORDER BY id')
      .all() as AuditLogRow[];
  } catch {
    return [];
  }
}

const sameEntry = (r: Omit<AuditLogRow, 'id'>) =>
  JSON.stringify([r.at, r.actor, r.action, r.subject_type, r.subject_id, r.detail]);

/**
 * The audit log survives a restore: the staged copy's log becomes the live history (ids kept) followed by the
 * backup's own entries that the live log does not already have. Nothing is ever dropped from the history.
 */
export function mergeAuditLog(staged: Database.Database, live: AuditLogRow[]): { kept: number; appended: number } {
  const restored = staged
    .prepare('SELECT at, actor, action, subject_type, subject_id, detail FROM audit_log ORDER BY id')
    .all() as Omit<AuditLogRow, 'id'>[];
  const seen = new Set(live.map(sameEntry));
  staged.prepare('DELETE FROM audit_log').run();
  const withId = staged.prepare(
    'INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, detail) VALUES (@id, @at, @actor, @action, @subject_type, @subject_id, @detail)',
  );
  for (const r of live) withId.run(r);
  const append = staged.prepare(
    'INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES (@at, @actor, @action, @subject_type, @subject_id, @detail)',
  );
  let appended = 0;
  for (const r of restored) {
    if (seen.has(sameEntry(r))) continue;
    append.run(r);
    appended++;
  }
  return { kept: live.length, appended };
}
