import type Database from 'better-sqlite3';
import { DRAFT_FORMAT } from '../../shared/draft/schema';
import { formatDateVN } from '../../shared/format';
import { draftUnitFromRecord } from '../../shared/ledger/draft-row';
import { personKey, proposeRows, rowKey, type Proposal, type Skipped } from '../../shared/ledger/propose';
import { getDossier, listDossiers } from '../declarations/dossier-repo';
import { getUnitByCode } from '../roster/units';
import { unitFacts } from './facts';
import { getCalendar, isoPeriod } from './store';

/** States whose rows BHXH has or will have: never proposed again. A signed dossier is on its way there. */
const FILED = new Set(['signed', 'queued', 'sent', 'received', 'accepted']);

function rowsOf(draft: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(draft.rows) ? (draft.rows as Record<string, unknown>[]) : [];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Keys (person, plan, from-month) of the rows already filed for the unit, and of the dossier being edited. */
export function takenKeys(db: Database.Database, unitCode: string, dossierId?: string): Set<string> {
  const taken = new Set<string>();
  const add = (draft: Record<string, unknown>) => {
    for (const r of rowsOf(draft)) {
      const plan = str(r.plan).trim();
      const from = str(r.fromMonth).trim();
      for (const k of [str(r.insuranceNo), str(r.idNumber), `name:${str(r.fullName)}`]) {
        if (k && k !== 'name:') taken.add(rowKey(k, plan, from));
      }
    }
  };
  for (const d of listDossiers(db, { unitCode })) if (FILED.has(d.state)) add(d.draft);
  if (dossierId) {
    const d = getDossier(db, dossierId);
    if (d) add(d.draft);
  }
  return taken;
}

export interface ProposeResult {
  rows: Proposal[];
  skipped: Skipped[];
  draft: Record<string, unknown>;
}

export function proposeForPeriod(
  db: Database.Database,
  input: { unitCode: string; period: string; dossierId?: string },
  now: Date,
): ProposeResult {
  const unit = getUnitByCode(db, input.unitCode);
  const periodIso = isoPeriod(input.period);
  const persons = unitFacts(db, unit.id);
  const taken = takenKeys(db, input.unitCode, input.dossierId);
  // A person is matched by any of their identities in earlier rows (a TM filed before the mã số was known).
  const byKey = new Map(persons.map((x) => [personKey(x), x]));
  const { proposals, skipped } = proposeRows(persons, periodIso, getCalendar(db, unit.id), {
    has: (k: string) => {
      if (taken.has(k)) return true;
      const [who, plan, from] = k.split('|') as [string, string, string];
      const p = byKey.get(who);
      return (
        !!p &&
        [p.insuranceNo, p.idNumber, `name:${p.fullName}`].some(
          (id) => id && id !== 'name:' && taken.has(rowKey(id, plan, from)),
        )
      );
    },
  });
  const batch =
    1 + listDossiers(db, { unitCode: input.unitCode, period: input.period }).reduce((m, d) => Math.max(m, d.batch), 0);
  const u = getUnitByCode(db, input.unitCode);
  const draft = {
    format: DRAFT_FORMAT,
    procedure: '600',
    period: input.period,
    batch,
    createdOn: formatDateVN(now),
    ivan: u.ivanProvider ?? '',
    unit: draftUnitFromRecord(u),
    rows: proposals.map((p) => p.row),
  };
  return { rows: proposals, skipped, draft };
}
