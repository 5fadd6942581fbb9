import type { DraftInput, DraftRowInput } from '../../../shared/draft/schema';
import { saveBlob } from '../../api/files';

/** The editor holds the draft as typed (plain JSON); these helpers change one field immutably. */
export type EditableDraft = DraftInput & Record<string, unknown>;

/** Sets `path` (e.g. `contract.number`) on row `i`. */
export function setRowField(d: EditableDraft, i: number, path: string, value: unknown): EditableDraft {
  const rows = [...(d.rows ?? [])] as Record<string, unknown>[];
  const row = { ...rows[i] };
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail) row[head] = { ...((row[head] as Record<string, unknown>) ?? {}), [tail]: value };
  else row[head] = value;
  rows[i] = row;
  return { ...d, rows: rows as unknown as DraftRowInput[] };
}

export function setTopField(d: EditableDraft, path: string, value: unknown): EditableDraft {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail)
    return { ...d, [head]: { ...((d[head] as Record<string, unknown>) ?? {}), [tail]: value } } as EditableDraft;
  return { ...d, [head]: value } as EditableDraft;
}

export function getPath(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** A new row for the grid: TM from the period, the clerk fills the rest. */
export function blankRow(period: string): DraftRowInput {
  return {
    plan: 'TM',
    fullName: '',
    insuranceNo: '',
    birthDate: '',
    gender: 'F',
    idNumber: '',
    nationality: 'VN',
    ethnicity: '01',
    position: '',
    workplace: '',
    salary: 0,
    allowances: { position: 0, seniorityExcessPct: 0, seniorityJobPct: 0, salary: 0, other: 0 },
    fromMonth: period,
    toMonth: '',
    wageRegion: '',
    contract: { number: '', signedOn: '', type: 'fixed', from: '', to: '' },
    note: '',
  };
}

/** Triggers a download of Base64 content (browser mode and the desktop window alike), named by the one safe-name rule. */
export function download(name: string, base64: string, mime: string): void {
  saveBlob({ name, base64 }, mime);
}

/**
 * A number as a Vietnamese clerk types it: "3.500.000" (dot thousands), "2,34" (comma decimal), or plain "2.34".
 * Unreadable input gives 0 so the draft keeps its shape; validation then names the field.
 */
export function parseAmount(text: string): number {
  const t = text.trim().replace(/\s|đ/g, '');
  if (t === '') return 0;
  let n: number;
  if (t.includes(',')) n = Number(t.replace(/\./g, '').replace(',', '.'));
  else if (/^\d{1,3}(\.\d{3})+$/.test(t)) n = Number(t.replace(/\./g, ''));
  else n = Number(t);
  return Number.isFinite(n) ? n : 0;
}
