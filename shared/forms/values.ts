import { composeNote, planByCode } from '../codes/plans';
import { isWageRegion } from '../codes/wage-regions';
import type { Draft, DraftRow } from '../draft/schema';
import { planFunds, rulesOrNull } from '../contributions/engine';
import { totalRate } from '../rules/lookup';
import { isoMonth } from '../rules/month';

/** Numbers as the .NET serializer writes them: integers plain, coefficients with a dot (2.34). */
export function num(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}

/** GioiTinh: 1 = Nam, 0 = Nữ (reference §3.3). */
export function genderCode(g: 'M' | 'F'): string {
  return g === 'M' ? '1' : '0';
}

/** `ID` links a D02-TS row to its TK1-TS entry (reference §1.3): the mã số BHXH, else the ID number, else STT. */
export function rowId(row: DraftRow, index: number): string {
  return row.insuranceNo || row.idNumber || String(index + 1);
}

/** Ghichu: the clerk's note, else composed from the contract ("HĐLĐ số … ngày …", WEBAPP constant-valid.ts). */
export function rowNote(row: DraftRow): string {
  if (row.note) return row.note;
  const plan = planByCode(row.plan);
  return plan ? composeNote(plan, row.contract.number, row.contract.signedOn) : '';
}

export function rowRegionCode(row: DraftRow, draft: Pick<Draft, 'unit'>): string {
  const r = row.wageRegion || draft.unit.wageRegion;
  return isWageRegion(r) ? r : '';
}

/** TyleDong per from-month and plan, cached: "32.0", "32.5", "4.5" (one decimal as in the real files). */
export function rateFormatter(): (row: DraftRow) => string {
  const cache = new Map<string, string>();
  return (row) => {
    const key = `${row.fromMonth}|${row.plan}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = '';
      const plan = planByCode(row.plan);
      const m = isoMonth(row.fromMonth);
      if (plan && m) {
        const rules = rulesOrNull(m);
        const funds = rules ? planFunds(plan, rules) : [];
        v = rules && funds.length ? totalRate(rules, funds).toFixed(1) : '';
      }
      cache.set(key, v);
    }
    return v;
  };
}

/**
 * Free text as written to a form. The draft schema already gives NFC text without XML-forbidden controls
 * (shared/draft/text.ts), so this is the identity for parsed drafts; kept as the one place forms read free text.
 */
export function nfc(s: string): string {
  return s;
}
