import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';

describe('migration 0090 outbox claim', () => {
  it('adds the sender lease columns, empty for existing entries', () => {
    const db = new Database(':memory:');
    migrateTo(db, 60);
    db.prepare(
      "INSERT INTO ivan_outbox (dossier_id, idempotency_key, content_sha256, endpoint, file_name, signed_xml, state, next_attempt_at, created_at, updated_at) VALUES ('D1', 'D1', 'h', 'http://127.0.0.1:1', 'f.xml', x'00', 'queued', 'x', 'x', 'x')",
    ).run();
    migrateTo(db, 90);
    expect(db.pragma('user_version', { simple: true })).toBe(90);
    expect(db.prepare('SELECT claimed_until, claimed_by FROM ivan_outbox').get()).toEqual({
      claimed_until: null,
      claimed_by: null,
    });
    db.close();
  });
});
