import type { Migration } from './types';

/**
 * Declarations: dossiers (one per unit, procedure, period and batch) holding the `kekhai-draft/1` JSON, the signed
 * envelope once signed, and an append-only log of state transitions (who, when, why).
 *
 * The life of a dossier (docs/architecture.md) is enforced here, not only in code:
 *   draft → signed → queued → sent → received → accepted | rejected, queued → cancelled, signed → draft.
 * Allowed edges live in `dossier_state_edges` so a hot-fix migration can add one without rewriting triggers.
 * Editing a signed dossier must return it to draft in the same UPDATE, which the CHECK forces to drop the
 * signature; signed bytes are otherwise immutable; only drafts can be deleted.
 */
export const migration: Migration = {
  version: 30,
  name: 'declarations',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_state_edges (
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        PRIMARY KEY (from_state, to_state)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO dossier_state_edges (from_state, to_state) VALUES
        ('draft', 'signed'), ('signed', 'draft'), ('signed', 'queued'), ('queued', 'sent'), ('queued', 'cancelled'),
        ('sent', 'received'), ('received', 'accepted'), ('received', 'rejected');

      CREATE TABLE dossiers (
        id TEXT PRIMARY KEY CHECK (length(id) = 36),
        unit_code TEXT NOT NULL,
        procedure TEXT NOT NULL DEFAULT '600',
        period TEXT NOT NULL CHECK (period GLOB '[01][0-9]/[0-9][0-9][0-9][0-9]'),
        -- yyyy-mm, for ordering and range queries
        period_key TEXT NOT NULL CHECK (period_key = substr(period, 4, 4) || '-' || substr(period, 1, 2)),
        batch INTEGER NOT NULL CHECK (batch >= 1),
        state TEXT NOT NULL DEFAULT 'draft'
          CHECK (state IN ('draft', 'signed', 'queued', 'sent', 'received', 'accepted', 'rejected', 'cancelled')),
        draft TEXT NOT NULL CHECK (json_valid(draft)),
        draft_sha256 TEXT NOT NULL CHECK (length(draft_sha256) = 64),
        row_count INTEGER NOT NULL DEFAULT 0,
        -- JSON array of the mã số BHXH in the draft: the "same person in two open dossiers" check reads it
        insurance_numbers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(insurance_numbers)),
        paper_copy_required INTEGER NOT NULL DEFAULT 0 CHECK (paper_copy_required IN (0, 1)),
        signed_envelope BLOB,
        signed_sha256 TEXT CHECK (signed_sha256 IS NULL OR length(signed_sha256) = 64),
        signer TEXT,
        signer_mst TEXT,
        signed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- a draft carries no signature; every later state carries all of it
        CHECK (
          (state = 'draft' AND signed_envelope IS NULL AND signed_sha256 IS NULL AND signer IS NULL
             AND signer_mst IS NULL AND signed_at IS NULL AND paper_copy_required = 0)
          OR
          (state <> 'draft' AND signed_envelope IS NOT NULL AND signed_sha256 IS NOT NULL AND signer IS NOT NULL
             AND signed_at IS NOT NULL)
        )
      ) STRICT;
      CREATE INDEX dossiers_unit_period ON dossiers(unit_code, period_key, batch);
      CREATE INDEX dossiers_state ON dossiers(state);

      CREATE TABLE dossier_transitions (
        id INTEGER PRIMARY KEY,
        dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
        from_state TEXT,
        to_state TEXT NOT NULL,
        at TEXT NOT NULL,
        -- OS user name of the clerk (or the service for I-VAN receipts)
        actor TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX dossier_transitions_dossier ON dossier_transitions(dossier_id, id);

      CREATE TRIGGER dossiers_insert_draft BEFORE INSERT ON dossiers WHEN NEW.state <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'DOSSIER_STATE: a dossier starts as a draft'); END;

      CREATE TRIGGER dossiers_state_edge BEFORE UPDATE OF state ON dossiers
      WHEN OLD.state <> NEW.state
        AND NOT EXISTS (SELECT 1 FROM dossier_state_edges WHERE from_state = OLD.state AND to_state = NEW.state)
      BEGIN SELECT RAISE(ABORT, 'DOSSIER_STATE: transition not allowed'); END;

      CREATE TRIGGER dossiers_draft_only_edit BEFORE UPDATE OF draft ON dossiers
      WHEN OLD.draft IS NOT NEW.draft AND NEW.state <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'DOSSIER_SIGNED: edit a signed dossier only by returning it to draft'); END;

      CREATE TRIGGER dossiers_signed_bytes_immutable BEFORE UPDATE OF signed_envelope, signed_sha256 ON dossiers
      WHEN OLD.signed_envelope IS NOT NULL AND NEW.signed_envelope IS NOT NULL
        AND (OLD.signed_envelope IS NOT NEW.signed_envelope OR OLD.signed_sha256 IS NOT NEW.signed_sha256)
      BEGIN SELECT RAISE(ABORT, 'DOSSIER_SIGNED: signed bytes are immutable'); END;

      CREATE TRIGGER dossiers_delete_draft_only BEFORE DELETE ON dossiers WHEN OLD.state <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'DOSSIER_STATE: only a draft can be deleted'); END;

      CREATE TRIGGER dossier_transitions_append_only BEFORE UPDATE ON dossier_transitions
      BEGIN SELECT RAISE(ABORT, 'DOSSIER_AUDIT: the transition log is append-only'); END;
    `);
  },
};
