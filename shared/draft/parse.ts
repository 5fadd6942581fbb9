import type { FieldProblem } from '../contract/result';
import { draftSchema, type Draft } from './schema';

const FIELD_VI: Record<string, string> = {
  format: 'Định dạng',
  procedure: 'Mã thủ tục',
  period: 'Kỳ kê khai',
  batch: 'Đợt',
  createdOn: 'Ngày lập',
  ivan: 'Mã I-VAN',
  unit: 'Đơn vị',
  rows: 'Danh sách lao động',
  plan: 'Phương án',
  fullName: 'Họ tên',
  gender: 'Giới tính',
  salary: 'Mức lương',
  fromMonth: 'Từ tháng',
  toMonth: 'Đến tháng',
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
};

/** `['rows', 3, 'salary']` → `rows[3].salary`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Parse a draft's shape; every zod issue becomes a FieldProblem with its row and field. */
export function parseDraft(input: unknown): { ok: true; draft: Draft } | { ok: false; problems: FieldProblem[] } {
  const r = draftSchema.safeParse(input);
  if (r.success) return { ok: true, draft: r.data };
  const problems = r.error.issues.map((i): FieldProblem => {
    const row = i.path[0] === 'rows' && typeof i.path[1] === 'number' ? i.path[1] : undefined;
    const last = [...i.path].reverse().find((p) => typeof p === 'string') as string | undefined;
    const label = (last && FIELD_VI[last]) ?? last ?? 'tệp';
    const where = row !== undefined ? `Dòng ${row + 1}, ` : '';
    const missing = i.code === 'invalid_type' && /received undefined/.test(i.message);
    return {
      row,
      field: fieldPath(i.path),
      code: missing ? 'REQUIRED' : 'SHAPE',
      severity: 'error',
      message: missing ? `${where}${label}: bắt buộc nhập` : `${where}${label}: giá trị không đúng kiểu (${i.message})`,
      messageEn: `${fieldPath(i.path) || 'draft'}: ${i.message}`,
    };
  });
  return { ok: false, problems };
}
