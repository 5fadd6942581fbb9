import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';

describe('migration 0050 I-VAN', () => {
  it('creates settings, outbox (+transitions), receipts, notifications, cursors and registrations as STRICT tables', () => {
    const db = new Database(':memory:');
    migrateTo(db, 40);
    migrateTo(db, 50);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'ivan_%' ORDER BY name")
      .all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual([
      'ivan_notifications',
      'ivan_outbox',
      'ivan_outbox_transitions',
      'ivan_poll_cursors',
      'ivan_provider_settings',
      'ivan_receipts',
      'ivan_registrations',
    ]);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('enforces states, one row per key+bytes, and finds due entries by index', () => {
    const db = new Database(':memory:');
    migrateTo(db, 50);
    const ins = db.prepare(
      `INSERT INTO ivan_outbox (dossier_id, idempotency_key, content_sha256, endpoint, file_name, signed_xml, state, next_attempt_at, created_at, updated_at)
       VALUES ('D1', 'D1', ?, 'http://127.0.0.1:1', 'BHXHDienTu.xml', x'00', ?, '2015-10-20T00:00:00Z', '2015-10-20T00:00:00Z', '2015-10-20T00:00:00Z')`,
    );
    ins.run('aa', 'queued');
    expect(() => ins.run('aa', 'queued')).toThrow(/UNIQUE/);
    expect(() => ins.run('bb', 'lost')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ivan_provider_settings (unit_code, provider_code, endpoint, updated_at) VALUES ('TS12345', '40', 'x', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM ivan_outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at",
      )
      .all('z') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('ivan_outbox_due');
    db.prepare(
      "INSERT INTO ivan_notifications (endpoint, remote_id, transaction_id, kind, at, payload, stored_at) VALUES ('e', 1, 't', 'accepted', 'now', '{}', 'now')",
    ).run();
    expect(
      db
        .prepare(
          "INSERT OR IGNORE INTO ivan_notifications (endpoint, remote_id, transaction_id, kind, at, payload, stored_at) VALUES ('e', 1, 't', 'accepted', 'now', '{}', 'now')",
        )
        .run().changes,
    ).toBe(0);
    db.close();
  });
});
