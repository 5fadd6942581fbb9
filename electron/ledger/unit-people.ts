import type Database from 'better-sqlite3';

interface PersonRow {
  id: number;
  insurance_number: string | null;
  cccd: string | null;
  cmnd: string | null;
  full_name: string | null;
  birth_date: string | null;
}

/**
 * A unit's people read once and looked up in memory by mã số BHXH, CCCD/CMND, or name + birth date — what a result
 * write-back does for each of a dossier's rows. The lowest id wins where several match, as `ORDER BY id LIMIT 1` did.
 */
export class UnitPeople {
  private readonly byNumber = new Map<string, number>();
  /** CCCD or CMND → the ids carrying it, ascending. */
  private readonly byIdNumber = new Map<string, number[]>();
  private readonly byNameBirth = new Map<string, number>();
  private readonly numberOf = new Map<number, string>();

  static read(db: Database.Database, unitId: number): UnitPeople {
    const rows = db
      .prepare(
        'SELECT id, insurance_number, cccd, cmnd, full_name, birth_date FROM employees WHERE unit_id = ? ORDER BY id',
      )
      .all(unitId) as PersonRow[];
    return new UnitPeople(rows);
  }

  private constructor(rows: PersonRow[]) {
    for (const r of rows) {
      const no = r.insurance_number ?? '';
      this.numberOf.set(r.id, no);
      if (no && !this.byNumber.has(no)) this.byNumber.set(no, r.id);
      for (const idn of new Set([r.cccd, r.cmnd])) {
        if (!idn) continue;
        const ids = this.byIdNumber.get(idn);
        if (ids) ids.push(r.id);
        else this.byIdNumber.set(idn, [r.id]);
      }
      if (r.full_name !== null && r.birth_date !== null) {
        const key = `${r.full_name}\u0000${r.birth_date}`;
        if (!this.byNameBirth.has(key)) this.byNameBirth.set(key, r.id);
      }
    }
  }

  /** Who in the unit holds this mã số BHXH. */
  holderOf(insuranceNo: string): number | undefined {
    return this.byNumber.get(insuranceNo);
  }

  /** The first person with this CCCD/CMND who has no mã số yet. */
  withoutNumber(idNumber: string): number | undefined {
    return this.byIdNumber.get(idNumber)?.find((id) => !this.numberOf.get(id));
  }

  numberGiven(id: number, insuranceNo: string): void {
    this.numberOf.set(id, insuranceNo);
    if (!this.byNumber.has(insuranceNo)) this.byNumber.set(insuranceNo, id);
  }

  /**
   * A dossier row's person: by mã số, or by CCCD/CMND (the lowest id of either), or — only for a row with neither —
   * by name and birth date.
   */
  find(insuranceNo: string, idNumber: string, fullName: string, birthDate: string): { id: number } | undefined {
    const candidates = [
      insuranceNo ? this.byNumber.get(insuranceNo) : undefined,
      idNumber ? this.byIdNumber.get(idNumber)?.[0] : undefined,
      !insuranceNo && !idNumber ? this.byNameBirth.get(`${fullName}\u0000${birthDate}`) : undefined,
    ].filter((id): id is number => id !== undefined);
    return candidates.length ? { id: Math.min(...candidates) } : undefined;
  }
}
