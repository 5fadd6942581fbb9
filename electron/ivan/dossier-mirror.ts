import type Database from 'better-sqlite3';
import { AppError } from '../core/app-error';
import { getDossier, transition } from '../declarations/dossier-repo';
import type { OutboxState } from '../../shared/ivan/outbox-state';

/**
 * Mirrors outbox transitions into the dossier's own state machine (declarations, migration 0030), so the dossier
 * list shows queued → sent → received → accepted | rejected | cancelled with the same times. Loose files (no dossier
 * row) are skipped. A refused edge never undoes the outbox step — the outbox record is the delivery truth.
 */
export function mirrorToDossier(
  db: Database.Database,
  dossierId: string,
  to: OutboxState,
  at: Date,
  note?: string,
): void {
  const d = getDossier(db, dossierId);
  if (!d || d.state === to) return;
  try {
    transition(db, dossierId, to, { at, actor: 'I-VAN', note: note ?? null });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
  }
}

/** The signed envelope of a dossier, for queueing it by id. */
export function signedEnvelopeOf(
  db: Database.Database,
  dossierId: string,
): { xml: Buffer; unitCode: string; period: string } {
  const d = getDossier(db, dossierId);
  if (!d)
    throw new AppError('NOT_FOUND', `Không tìm thấy hồ sơ ${dossierId}`, { en: `Dossier ${dossierId} not found` });
  if (!d.signedEnvelope)
    throw new AppError('NOT_SIGNED', `Hồ sơ ${dossierId} chưa được ký số`, {
      en: `Dossier ${dossierId} is not signed`,
    });
  return { xml: d.signedEnvelope, unitCode: d.unitCode, period: d.period };
}
