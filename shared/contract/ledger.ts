import { z } from 'zod';
import { defineMethods } from './define';

/**
 * The participation ledger (what BHXH already knows, with effective months), dated roster events, the proposals for a
 * period and the unit's monthly statement (issue 10). Dates dd/mm/yyyy, months MM/yyyy at the boundary.
 */

const unitCode = z.string().regex(/^[A-Z0-9]{7}$/, 'Mã đơn vị gồm 7 chữ in hoa hoặc số');
const period = z.string().regex(/^(0[1-9]|1[0-2])\/\d{4}$/, 'Tháng phải có dạng mm/yyyy');
const date = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'Ngày phải có dạng dd/mm/yyyy');

export const eventKind = z.enum(['hire', 'leave', 'salary', 'maternity', 'sick', 'unpaid', 'return']);
export const workCalendar = z.enum(['26', '22']);

export const rosterEvent = z.object({
  id: z.number().int(),
  employeeId: z.number().int(),
  kind: eventKind,
  /** dd/mm/yyyy. hire = contract/work start; leave = first day no longer employed; salary = effective date. */
  effective: z.string(),
  end: z.string().nullable(),
  salary: z.number().nullable(),
  previousSalary: z.number().nullable(),
});

export const proposalRow = z.object({
  plan: z.string(),
  loai: z.number().int(),
  insuranceNo: z.string(),
  fullName: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  salary: z.number(),
  previousSalary: z.number().nullable(),
  reason: z.string(),
  reasonEn: z.string(),
  employeeId: z.number().int(),
  late: z.boolean(),
  /** The full kekhai-draft/1 row (every roster field: allowances, contract, TK1 data). */
  row: z.record(z.string(), z.unknown()),
});
export type ProposalRow = z.infer<typeof proposalRow>;

export const statementRow = z.object({
  insuranceNo: z.string(),
  fullName: z.string(),
  salary: z.number(),
  employer: z.number(),
  employee: z.number(),
  total: z.number(),
});
export const monthlyStatement = z.object({
  period: z.string(),
  employees: z.number().int(),
  employer: z.number(),
  employee: z.number(),
  total: z.number(),
  rows: z.array(statementRow),
});

export const ledgerMethods = defineMethods({
  'employee.event': {
    summary:
      'Ghi biến động lao động có ngày hiệu lực (vào làm, nghỉ việc, lương, thai sản, ốm, không lương, đi làm lại) / Record a dated roster event',
    input: z
      .object({
        unitCode,
        /** Mã số BHXH or CCCD/CMND, or the roster id. */
        employee: z.union([z.string().min(1).max(20), z.number().int()]),
        kind: eventKind,
        effective: date,
        salary: z.number().positive().optional(),
        end: date.optional(),
      })
      .strict(),
    output: z.object({
      event: rosterEvent,
      employee: z.object({ id: z.number().int(), fullName: z.string(), insuranceNo: z.string() }),
    }),
  },
  'employee.events': {
    summary: 'Biến động có ngày hiệu lực của một người / The dated events of an employee',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ items: z.array(rosterEvent) }),
  },
  'ledger.participatingSince': {
    summary: 'Đã tham gia BHXH từ tháng (cơ quan BHXH đã biết) / Known to BHXH as participating since a month',
    input: z.object({ unitCode, employeeId: z.number().int(), since: z.union([period, z.literal('')]) }).strict(),
    output: z.object({ employeeId: z.number().int(), since: z.string() }),
  },
  'ledger.get': {
    summary: 'Sổ tham gia của một người: thời gian, tiền lương, vắng mặt / What BHXH knows about an employee',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({
      employeeId: z.number().int(),
      participatingSince: z.string(),
      participation: z.array(
        z.object({
          fund: z.string(),
          fromMonth: z.string(),
          toMonth: z.string(),
          source: z.string(),
          dossierId: z.string().nullable(),
        }),
      ),
      salaries: z.array(z.object({ fromMonth: z.string(), salary: z.number(), source: z.string() })),
      absences: z.array(z.object({ kind: z.string(), fromMonth: z.string(), toMonth: z.string(), source: z.string() })),
    }),
  },
  'ledger.calendar': {
    summary:
      'Lịch làm việc của đơn vị cho quy tắc 14 ngày (26 hoặc 22 ngày) / The unit’s working calendar (read or set)',
    input: z.object({ unitCode, calendar: workCalendar.optional() }).strict(),
    output: z.object({ unitCode: z.string(), calendar: workCalendar }),
  },
  'dossier.propose': {
    summary:
      'Đề xuất các dòng D02-TS của kỳ từ biến động có ngày hiệu lực, kèm lý do / Proposed D02-TS rows for a period, with reasons',
    input: z
      .object({
        unitCode,
        period,
        /** The dossier being edited: its rows are not proposed again. */
        dossierId: z.string().uuid().optional(),
      })
      .strict(),
    output: z.object({
      rows: z.array(proposalRow),
      skipped: z.array(
        z.object({ employeeId: z.number().int(), fullName: z.string(), reason: z.string(), reasonEn: z.string() }),
      ),
      /** A kekhai-draft/1 with every proposed row (the unit from the roster, NgayLap today). */
      draft: z.record(z.string(), z.unknown()),
    }),
  },
  'ledger.statement': {
    summary: 'Bảng kê phải đóng của tháng theo sổ tham gia (như C12-TS) / The unit’s monthly statement per the ledger',
    input: z.object({ unitCode, period }).strict(),
    output: monthlyStatement,
  },
});
