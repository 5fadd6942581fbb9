import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';
import { audit, getSetting, setSetting } from '../../../electron/system/settings';

describe('migration 0010 system', () => {
  it('creates settings and the audit log', () => {
    const db = new Database(':memory:');
    migrateTo(db, 10);
    setSetting(db, 'ui.lang', 'en', new Date('2015-10-01T00:00:00Z'));
    setSetting(db, 'ui.lang', 'vi', new Date('2015-10-02T00:00:00Z'));
    expect(getSetting(db, 'ui.lang', 'x')).toBe('vi');
    expect(getSetting(db, 'missing', 42)).toBe(42);
    audit(db, {
      at: new Date('2015-10-02T01:00:00Z'),
      action: 'dossier.signed',
      subjectType: 'dossier',
      subjectId: 'abc',
      detail: { by: 'test' },
      actor: 'ketoan',
    });
    const row = db.prepare('SELECT * FROM audit_log').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      actor: 'ketoan',
      action: 'dossier.signed',
      subject_type: 'dossier',
      subject_id: 'abc',
      detail: '{"by":"test"}',
    });
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE subject_type = 'dossier' AND subject_id = 'abc'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('audit_log_subject');
    db.close();
  });
});
