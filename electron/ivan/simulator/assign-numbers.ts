import type Database from 'better-sqlite3';
import type { EnvelopeFacts } from '../../../shared/ivan/envelope-read';

/**
 * Training only: BHXH assigns a mã số BHXH to every new participant of an accepted D02-TS (a row without `MasoBHXH`,
 * identified by its `CMND` = CCCD/CMND). The training number is the agency's 2-digit province prefix and an
 * 8-digit sequence kept in the server's store, so a number is never handed out twice.
 */
export function assignNumbers(
  db: Database.Database,
  facts: EnvelopeFacts,
  agencyCode: string,
): { idNumber: string; fullName: string; insuranceNo: string }[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS assigned_numbers (id_number TEXT PRIMARY KEY, insurance_no TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL)',
  );
  const out: { idNumber: string; fullName: string; insuranceNo: string }[] = [];
  // Rows from the one strict dossier reader (issue #12): never a row hidden in a comment or an unsigned Object.
  for (const f of facts.forms.filter((x) => x.code === 'D02-TS')) {
    for (const row of f.rows ?? []) {
      const get = (n: string) => row[n] ?? '';
      const idNumber = get('CMND');
      if (get('MasoBHXH') || !idNumber || !/^T/.test(get('PA'))) continue;
      const known = db.prepare('SELECT insurance_no FROM assigned_numbers WHERE id_number = ?').get(idNumber) as
        { insurance_no: string } | undefined;
      let insuranceNo = known?.insurance_no;
      if (!insuranceNo) {
        const seq =
          1 + ((db.prepare('SELECT MAX(seq) AS m FROM assigned_numbers').get() as { m: number | null }).m ?? 0);
        insuranceNo = `${agencyCode.slice(0, 2)}${String(90_000_000 + seq).padStart(8, '0')}`;
        db.prepare('INSERT INTO assigned_numbers (id_number, insurance_no, seq) VALUES (?, ?, ?)').run(
          idNumber,
          insuranceNo,
          seq,
        );
      }
      out.push({ idNumber, fullName: get('HoTen'), insuranceNo });
    }
  }
  return out;
}
