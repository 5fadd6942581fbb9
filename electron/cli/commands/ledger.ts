import { resolve } from 'node:path';
import { formatMoney } from '../../../shared/format';
import { requireFlag, stringFlag, UsageError, type CliCommand } from '../command';
import { writeFileAtomic } from '../../core/atomic-file';

const KINDS = ['hire', 'leave', 'salary', 'maternity', 'sick', 'unpaid', 'return'] as const;

const event: CliCommand = {
  path: ['employee', 'event'],
  usage:
    'kekhai employee event --unit U --employee ID --kind hire|leave|salary|maternity|sick|unpaid|return --effective DD/MM/YYYY [--salary N] [--end DD/MM/YYYY] [--json]',
  summary:
    'Ghi biến động lao động có ngày hiệu lực (nghỉ việc: ngày đầu tiên không còn làm việc) / Record a dated roster event',
  flags: { unit: 'string', employee: 'string', kind: 'string', effective: 'string', salary: 'number', end: 'string' },
  run: (args, io) => {
    const kind = requireFlag(args, 'kind');
    if (!(KINDS as readonly string[]).includes(kind))
      throw new UsageError(
        `--kind phải là một trong: ${KINDS.join(', ')}`,
        `--kind must be one of: ${KINDS.join(', ')}`,
      );
    const salary = args.flags.salary;
    return io.call('employee.event', {
      unitCode: requireFlag(args, 'unit'),
      employee: requireFlag(args, 'employee'),
      kind: kind as (typeof KINDS)[number],
      effective: requireFlag(args, 'effective'),
      salary: typeof salary === 'number' ? salary : undefined,
      end: stringFlag(args, 'end'),
    });
  },
  human: (v, lang) => {
    const r = v as { event: { kind: string; effective: string; end: string | null }; employee: { fullName: string } };
    return lang === 'en'
      ? `Recorded ${r.event.kind} of ${r.employee.fullName} effective ${r.event.effective}${r.event.end ? ` to ${r.event.end}` : ''}`
      : `Đã ghi biến động ${r.event.kind} của ${r.employee.fullName}, hiệu lực ${r.event.effective}${r.event.end ? ` đến ${r.event.end}` : ''}`;
  },
};

const propose: CliCommand = {
  path: ['dossier', 'propose'],
  usage: 'kekhai dossier propose --unit U --period MM/YYYY --out DRAFT.json [--json]',
  summary:
    'Đề xuất dòng D02-TS của kỳ từ biến động và sổ tham gia, ghi ra tệp kekhai-draft/1 / Propose the period’s rows into a draft file',
  flags: { unit: 'string', period: 'string', out: 'string' },
  async run(args, io) {
    const out = resolve(requireFlag(args, 'out'));
    const r = await io.call('dossier.propose', {
      unitCode: requireFlag(args, 'unit'),
      period: requireFlag(args, 'period'),
    });
    writeFileAtomic(out, `${JSON.stringify(r.draft, null, 2)}\n`);
    const rows = r.rows.map(
      ({ plan, loai, insuranceNo, fullName, fromMonth, toMonth, salary, previousSalary, reason }) => ({
        plan,
        loai,
        insuranceNo,
        fullName,
        fromMonth,
        toMonth,
        salary,
        previousSalary,
        reason,
      }),
    );
    // --json prints exactly the shape the issue spells out; people also see what could not be proposed, and why.
    if (io.json) return { rows };
    return { rows: rows.map((x, i) => ({ ...x, reasonEn: r.rows[i]!.reasonEn })), skipped: r.skipped, out };
  },
  human(value, lang) {
    const v = value as {
      rows: { plan: string; fullName: string; fromMonth: string; toMonth: string; reason: string; reasonEn: string }[];
      skipped: { fullName: string; reason: string; reasonEn: string }[];
      out: string;
    };
    const en = lang === 'en';
    return [
      ...v.rows.map(
        (r) =>
          `${r.plan}  ${r.fullName}  ${r.fromMonth}${r.toMonth ? `–${r.toMonth}` : ''}  ${en ? r.reasonEn : r.reason}`,
      ),
      ...v.skipped.map((s) => `${en ? 'skipped' : 'bỏ qua'}: ${s.fullName} — ${en ? s.reasonEn : s.reason}`),
      en ? `${v.rows.length} row(s) written to ${v.out}` : `Đã ghi ${v.rows.length} dòng vào ${v.out}`,
    ].join('\n');
  },
};

const statement: CliCommand = {
  path: ['statement'],
  usage: 'kekhai statement --unit U --period MM/YYYY [--json]',
  summary: 'Số phải đóng của tháng theo sổ tham gia (như C12-TS) / The month’s statement per the participation ledger',
  flags: { unit: 'string', period: 'string' },
  run: (args, io) =>
    io.call('ledger.statement', { unitCode: requireFlag(args, 'unit'), period: requireFlag(args, 'period') }),
  human(value, lang) {
    const s = value as {
      period: string;
      employees: number;
      employer: number;
      employee: number;
      total: number;
      rows: { insuranceNo: string; fullName: string; salary: number; total: number }[];
    };
    const en = lang === 'en';
    return [
      ...s.rows.map(
        (r) => `${r.insuranceNo || '          '}  ${r.fullName}  ${formatMoney(r.salary)}  ${formatMoney(r.total)}`,
      ),
      `${en ? 'Period' : 'Kỳ'} ${s.period}: ${s.employees} ${en ? 'people' : 'người'} · ${en ? 'Employer' : 'Đơn vị'} ${formatMoney(s.employer)} · ${en ? 'Employees' : 'Người lao động'} ${formatMoney(s.employee)} · ${en ? 'Total' : 'Tổng'} ${formatMoney(s.total)}`,
    ].join('\n');
  },
};

export const ledgerCommands: CliCommand[] = [event, propose, statement];
