import type { Migration } from './types';

/**
 * Signing records and MST overrides.
 * - `signatures`: one row per signed document (form or envelope) with the hash of the exact signed bytes, who signed
 *   and with what; `paper_copy_required` marks the 2015 test certificate ("phải nộp 01 bộ hồ sơ giấy").
 * - `mst_overrides`: the clerk confirmed signing with a certificate whose MST differs from the unit's (issue 5 §2).
 * No PIN or password is ever stored.
 */
export const migration: Migration = {
  version: 40,
  name: 'signing',
  up(db) {
    db.exec(`
      CREATE TABLE signatures (
        id INTEGER PRIMARY KEY,
        dossier_ref TEXT,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        signer TEXT NOT NULL,
        mst TEXT,
        cert_serial TEXT NOT NULL,
        cert_issuer TEXT NOT NULL,
        signer_kind TEXT NOT NULL CHECK (signer_kind IN ('pkcs11', 'test-cert')),
        paper_copy_required INTEGER NOT NULL CHECK (paper_copy_required IN (0, 1)),
        notice TEXT,
        signed_at TEXT NOT NULL,
        test_mode INTEGER NOT NULL DEFAULT 0 CHECK (test_mode IN (0, 1))
      ) STRICT;
      CREATE INDEX signatures_dossier ON signatures(dossier_ref, signed_at);
      CREATE INDEX signatures_sha256 ON signatures(sha256);
      CREATE TABLE mst_overrides (
        id INTEGER PRIMARY KEY,
        unit_mst TEXT NOT NULL,
        cert_mst TEXT,
        cert_serial TEXT NOT NULL,
        cert_subject TEXT NOT NULL,
        reason TEXT NOT NULL,
        actor TEXT NOT NULL,
        dossier_ref TEXT,
        confirmed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX mst_overrides_unit ON mst_overrides(unit_mst, confirmed_at);
    `);
  },
};
