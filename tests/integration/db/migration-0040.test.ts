import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';

describe('migration 0040 signing', () => {
  it('creates signatures and mst_overrides with their checks and indexes', () => {
    const db = new Database(':memory:');
    migrateTo(db, 30);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'signatures'").get()).toBeUndefined();
    migrateTo(db, 40);
    const sha = 'a'.repeat(64);
    db.prepare(
      `INSERT INTO signatures(dossier_ref, file_name, sha256, signer, mst, cert_serial, cert_issuer, signer_kind, paper_copy_required, notice, signed_at)
       VALUES ('d1', 'BHXHDienTu.xml', ?, 'CHU KY SO THU NGHIEM BHXH', NULL, '2015103101', 'KeKhai BHXH Test Signing CA', 'test-cert', 1, 'Ký bằng chữ ký số thử nghiệm — phải nộp 01 bộ hồ sơ giấy', '2015-10-31T16:00:00.000Z')`,
    ).run(sha);
    expect(db.prepare('SELECT paper_copy_required, test_mode FROM signatures').get()).toEqual({
      paper_copy_required: 1,
      test_mode: 0,
    });
    // STRICT + CHECKs: a bad kind or a short hash is refused.
    expect(() =>
      db
        .prepare(
          "INSERT INTO signatures(file_name, sha256, signer, cert_serial, cert_issuer, signer_kind, paper_copy_required, signed_at) VALUES ('x', ?, 's', '1', 'i', 'usb', 0, 't')",
        )
        .run(sha),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO signatures(file_name, sha256, signer, cert_serial, cert_issuer, signer_kind, paper_copy_required, signed_at) VALUES ('x', 'abc', 's', '1', 'i', 'pkcs11', 0, 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO mst_overrides(unit_mst, cert_mst, cert_serial, cert_subject, reason, actor, confirmed_at) VALUES ('0101234567', '0109999999', '4b01', 'CN=X', 'Giám đốc ký thay', 'ketoan', '2026-01-01T00:00:00Z')",
    ).run();
    expect(db.prepare('SELECT reason FROM mst_overrides').get()).toEqual({ reason: 'Giám đốc ký thay' });
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM signatures WHERE sha256 = 'x'").all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('signatures_sha256');
    db.close();
  });
});
