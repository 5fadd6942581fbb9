import type Database from 'better-sqlite3';
import type { ColumnMapping } from '../../shared/contract/roster';

/** The column mapping a unit used last, remembered so the next import of the same template needs no clicks. */
export function getMapping(db: Database.Database, unitId: number): ColumnMapping | null {
  const r = db.prepare('SELECT mapping FROM import_mappings WHERE unit_id = ?').get(unitId) as
    { mapping: string } | undefined;
  return r ? (JSON.parse(r.mapping) as ColumnMapping) : null;
}

export function saveMapping(db: Database.Database, unitId: number, mapping: ColumnMapping, now: Date): void {
  db.prepare(
    `INSERT INTO import_mappings (unit_id, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(unit_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(unitId, JSON.stringify(mapping), now.toISOString());
}
