import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../../electron/db/migrate';
import { makeTempDir, removeDir } from '../../support/tmp';

const ID = '11111111-2222-4333-8444-555555555555';
const SHA = 'a'.repeat(64);

function insertDraft(db: Database.Database, id = ID): void {
  db.prepare(
    `INSERT INTO dossiers (id, unit_code, period, period_key, batch, draft, draft_sha256, created_at, updated_at)
     VALUES (?, 'TA0001A', '10/2015', '2015-10', 1, '{"rows":[]}', ?, 't', 't')`,
  ).run(id, SHA);
}

function sign(db: Database.Database, id = ID): void {
  db.prepare(
    `UPDATE dossiers SET state = 'signed', signed_envelope = x'3c486f736f2f3e', signed_sha256 = ?, signer = 'A', signed_at = 't' WHERE id = ?`,
  ).run(SHA, id);
}

describe('migration 0030 (declarations)', () => {
  let dir = '';
  let db: Database.Database;
  afterEach(() => {
    db?.close();
    if (dir) removeDir(dir);
  });

  function open(): Database.Database {
    dir = makeTempDir();
    db = new Database(join(dir, 'k.db'));
    migrateTo(db, 20);
    migrateTo(db, 30);
    return db;
  }

  it('creates dossiers, dossier_transitions and the state edges as STRICT tables', () => {
    open();
    expect(schemaVersion(db)).toBe(30);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const t of ['dossiers', 'dossier_transitions', 'dossier_state_edges']) {
      expect(tables.find((x) => x.name === t)?.sql, t).toMatch(/STRICT/);
    }
    const cols = (db.prepare('PRAGMA table_info(dossiers)').all() as { name: string }[]).map((c) => c.name);
    for (const c of [
      'id',
      'unit_code',
      'procedure',
      'period',
      'batch',
      'state',
      'draft',
      'draft_sha256',
      'paper_copy_required',
      'signed_envelope',
      'signed_sha256',
      'signer',
      'signer_mst',
      'signed_at',
      'created_at',
      'updated_at',
    ]) {
      expect(cols).toContain(c);
    }
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM dossiers WHERE unit_code = 'X' AND period_key = '2015-10'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING INDEX dossiers_unit_period/);
  });

  it('lets a dossier follow draft → signed → queued → sent → received → accepted', () => {
    open();
    insertDraft(db);
    sign(db);
    for (const s of ['queued', 'sent', 'received', 'accepted'])
      db.prepare('UPDATE dossiers SET state = ? WHERE id = ?').run(s, ID);
    expect((db.prepare('SELECT state FROM dossiers').get() as { state: string }).state).toBe('accepted');
  });

  it('refuses illegal transitions, a dossier born signed, and a signature on a draft', () => {
    open();
    expect(() =>
      db
        .prepare(
          `INSERT INTO dossiers (id, unit_code, period, period_key, batch, state, draft, draft_sha256, created_at, updated_at) VALUES (?, 'TA0001A', '10/2015', '2015-10', 1, 'signed', '{}', ?, 't', 't')`,
        )
        .run(ID, SHA),
    ).toThrow(/DOSSIER_STATE|CHECK/);
    insertDraft(db);
    expect(() => db.prepare("UPDATE dossiers SET state = 'sent' WHERE id = ?").run(ID)).toThrow(/DOSSIER_STATE/);
    // signed without its signature columns violates the CHECK
    expect(() => db.prepare("UPDATE dossiers SET state = 'signed' WHERE id = ?").run(ID)).toThrow(/CHECK/);
    sign(db);
    expect(() => db.prepare("UPDATE dossiers SET state = 'accepted' WHERE id = ?").run(ID)).toThrow(/DOSSIER_STATE/);
    db.prepare("UPDATE dossiers SET state = 'queued' WHERE id = ?").run(ID);
    db.prepare("UPDATE dossiers SET state = 'cancelled' WHERE id = ?").run(ID);
    expect(() => db.prepare("UPDATE dossiers SET state = 'queued' WHERE id = ?").run(ID)).toThrow(/DOSSIER_STATE/);
  });

  it('an edit of a signed dossier must return it to draft and drop the signature', () => {
    open();
    insertDraft(db);
    sign(db);
    expect(() => db.prepare(`UPDATE dossiers SET draft = '{"rows":[1]}' WHERE id = ?`).run(ID)).toThrow(
      /DOSSIER_SIGNED/,
    );
    // back to draft but keeping the signature: CHECK refuses
    expect(() =>
      db.prepare(`UPDATE dossiers SET state = 'draft', draft = '{"rows":[1]}' WHERE id = ?`).run(ID),
    ).toThrow(/CHECK/);
    db.prepare(
      `UPDATE dossiers SET state = 'draft', draft = '{"rows":[1]}', signed_envelope = NULL, signed_sha256 = NULL, signer = NULL, signed_at = NULL WHERE id = ?`,
    ).run(ID);
    expect((db.prepare('SELECT state FROM dossiers').get() as { state: string }).state).toBe('draft');
  });

  it('keeps signed bytes immutable, deletes only drafts, and the audit log append-only', () => {
    open();
    insertDraft(db);
    sign(db);
    expect(() => db.prepare("UPDATE dossiers SET signed_envelope = x'00' WHERE id = ?").run(ID)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM dossiers WHERE id = ?').run(ID)).toThrow(/only a draft/);
    db.prepare(
      "INSERT INTO dossier_transitions (dossier_id, from_state, to_state, at, actor) VALUES (?, 'draft', 'signed', 't', 'me')",
    ).run(ID);
    expect(() => db.prepare("UPDATE dossier_transitions SET actor = 'x'").run()).toThrow(/append-only/);
    const other = '99999999-2222-4333-8444-555555555555';
    insertDraft(db, other);
    db.prepare('DELETE FROM dossiers WHERE id = ?').run(other);
    expect(db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 1 });
  });
});
