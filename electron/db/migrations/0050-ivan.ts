import type { Migration } from './types';

/**
 * I-VAN: the unit's provider settings (credentials only as ciphertext), the outbox (one row per signed dossier to
 * deliver, with its idempotency key, attempts and next attempt), its transitions, receipts, notifications and
 * registrations (04/ĐK-IVAN, 05/SĐ-IVAN, 06/NG-IVAN). Rows are never deleted: this is the history the clerk searches.
 */
export const migration: Migration = {
  version: 50,
  name: 'ivan',
  up(db) {
    db.exec(`
      CREATE TABLE ivan_provider_settings (
        unit_code TEXT PRIMARY KEY,
        provider_code TEXT NOT NULL CHECK (length(provider_code) = 5),
        endpoint TEXT NOT NULL,
        username TEXT,
        -- Sealed by a SecretBox (safeStorage in the desktop app, AES-256-GCM with a per-user key file elsewhere).
        secret_ciphertext BLOB,
        secret_scheme TEXT,
        training_mode INTEGER NOT NULL DEFAULT 0 CHECK (training_mode IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ivan_outbox (
        id INTEGER PRIMARY KEY,
        dossier_id TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'dossier' CHECK (kind IN ('dossier','registration')),
        -- The dossier id fixed at signing (or a content hash for a loose file); unique per signed bytes.
        idempotency_key TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        unit_code TEXT,
        provider_code TEXT,
        endpoint TEXT NOT NULL,
        file_name TEXT NOT NULL,
        period TEXT,
        signed_xml BLOB NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','sent','received','accepted','rejected','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error_code TEXT,
        last_error TEXT,
        transaction_id TEXT,
        receipt_no TEXT,
        reasons TEXT NOT NULL DEFAULT '[]',
        paper_copy_required INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (idempotency_key, content_sha256)
      ) STRICT;
      CREATE INDEX ivan_outbox_due ON ivan_outbox (state, next_attempt_at);
      CREATE INDEX ivan_outbox_dossier ON ivan_outbox (dossier_id);
      CREATE INDEX ivan_outbox_tx ON ivan_outbox (transaction_id);

      CREATE TABLE ivan_outbox_transitions (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL REFERENCES ivan_outbox(id),
        from_state TEXT,
        to_state TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX ivan_outbox_transitions_outbox ON ivan_outbox_transitions (outbox_id);

      CREATE TABLE ivan_receipts (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL REFERENCES ivan_outbox(id),
        transaction_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        acknowledgement TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        UNIQUE (outbox_id, transaction_id)
      ) STRICT;

      CREATE TABLE ivan_notifications (
        id INTEGER PRIMARY KEY,
        endpoint TEXT NOT NULL,
        remote_id INTEGER NOT NULL,
        outbox_id INTEGER REFERENCES ivan_outbox(id),
        transaction_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('received','accepted','rejected','c12ts')),
        at TEXT NOT NULL,
        receipt_no TEXT,
        reasons TEXT NOT NULL DEFAULT '[]',
        paper_copy_required INTEGER NOT NULL DEFAULT 0,
        payload TEXT NOT NULL,
        read_at TEXT,
        stored_at TEXT NOT NULL,
        UNIQUE (endpoint, remote_id)
      ) STRICT;
      CREATE INDEX ivan_notifications_tx ON ivan_notifications (transaction_id);

      -- Where polling left off, per endpoint.
      CREATE TABLE ivan_poll_cursors (
        endpoint TEXT PRIMARY KEY,
        after_id INTEGER NOT NULL,
        polled_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ivan_registrations (
        id INTEGER PRIMARY KEY,
        unit_code TEXT NOT NULL,
        form TEXT NOT NULL CHECK (form IN ('04','05','06')),
        provider_code TEXT NOT NULL,
        xml BLOB NOT NULL,
        signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
        outbox_id INTEGER REFERENCES ivan_outbox(id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ivan_registrations_unit ON ivan_registrations (unit_code);
    `);
  },
};
