import type Database from 'better-sqlite3';
import type { DossierLabel } from '../../shared/contract/ivan';
import { fileLabeler } from './file-facts';

/**
 * The names a clerk recognises a dossier by, for one outbox entry: the unit's name from the roster, the procedure,
 * period and batch (đợt) from the dossier, or the registration form (04/05/06 ĐK-IVAN) for a registration; for a
 * dossier queued from a file (no dossier row), what the file itself says (electron/ivan/file-facts.ts).
 */
export function dossierLabeler(
  db: Database.Database,
): (o: {
  outboxId: number | null;
  dossierId: string | null;
  unitCode: string | null;
  period: string | null;
  receiptNo: string | null;
}) => DossierLabel {
  const dossier = db.prepare('SELECT unit_code, procedure, period, batch FROM dossiers WHERE id = ?');
  const unit = db.prepare('SELECT name FROM units WHERE code = ?');
  const registration = db.prepare('SELECT form FROM ivan_registrations WHERE outbox_id = ?');
  const fromFile = fileLabeler(db);
  return (o) => {
    const d = o.dossierId
      ? (dossier.get(o.dossierId) as
          { unit_code: string; procedure: string; period: string; batch: number } | undefined)
      : undefined;
    const reg = !d && o.outboxId !== null ? (registration.get(o.outboxId) as { form: string } | undefined) : undefined;
    const file = !d && o.outboxId !== null ? fromFile(o.outboxId) : null;
    const unitCode = d?.unit_code ?? o.unitCode;
    const name = unitCode ? (unit.get(unitCode) as { name: string } | undefined) : undefined;
    return {
      unitCode: unitCode ?? null,
      unitName: name?.name ?? file?.unitName ?? null,
      procedure: d ? d.procedure : reg ? `${reg.form}/ĐK-IVAN` : (file?.procedure ?? null),
      period: d?.period ?? o.period,
      batch: d?.batch ?? file?.batch ?? null,
      receiptNo: o.receiptNo,
    };
  };
}
