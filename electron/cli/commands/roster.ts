import type {
  ColumnMapping,
  EmployeeRecord,
  ImportResult,
  UnitFields,
  UnitRecord,
} from '../../../shared/contract/roster';
import { AppError } from '../../core/app-error';
import {
  fileBlobFrom,
  readInputFile,
  requireFlag,
  stringFlag,
  UsageError,
  type CliArgs,
  type CliCommand,
} from '../command';
import { writeFileAtomic } from '../../core/atomic-file';

const UNIT_FLAGS = {
  code: 'string',
  name: 'string',
  'tax-code': 'string',
  'agency-code': 'string',
  'wage-region': 'string',
  address: 'string',
  phone: 'string',
  email: 'string',
  signer: 'string',
  ivan: 'string',
} as const;

function unitPatch(args: CliArgs): Partial<UnitFields> {
  const p: Partial<UnitFields> = {};
  const map: [keyof UnitFields, string][] = [
    ['name', 'name'],
    ['taxCode', 'tax-code'],
    ['agencyCode', 'agency-code'],
    ['wageRegion', 'wage-region'],
    ['address', 'address'],
    ['phone', 'phone'],
    ['email', 'email'],
    ['signer', 'signer'],
    ['ivanProvider', 'ivan'],
  ];
  for (const [k, flag] of map) {
    const v = stringFlag(args, flag);
    if (v !== undefined) (p as Record<string, string>)[k] = v;
  }
  return p;
}

function unitLine(u: UnitRecord): string {
  return `${u.code}  ${u.name}  MST ${u.taxCode}  CQ BHXH ${u.agencyCode}  vùng ${u.wageRegion}  (${u.employeeCount} lao động)`;
}

export const rosterCommands: CliCommand[] = [
  {
    path: ['unit', 'add'],
    usage:
      'kekhai unit add --code C --name N --tax-code T --agency-code A --wage-region R [--address … --phone … --email … --signer … --ivan MaIVAN]',
    summary: 'Thêm đơn vị / Add a unit',
    flags: UNIT_FLAGS,
    run: (args, io) =>
      io.call('unit.add', {
        code: requireFlag(args, 'code'),
        name: requireFlag(args, 'name'),
        taxCode: requireFlag(args, 'tax-code'),
        agencyCode: requireFlag(args, 'agency-code'),
        wageRegion: requireFlag(args, 'wage-region'),
        ...unitPatch(args),
      } as UnitFields),
    human: (v) => `Đã thêm đơn vị: ${unitLine(v as UnitRecord)}`,
  },
  {
    path: ['unit', 'list'],
    usage: 'kekhai unit list [--json]',
    summary: 'Danh sách đơn vị / List units',
    run: (_args, io) => io.call('unit.list', {}),
    human: (v) => {
      const units = (v as { units: UnitRecord[] }).units;
      return units.length ? units.map(unitLine).join('\n') : 'Chưa có đơn vị nào. Dùng "kekhai unit add".';
    },
  },
  {
    path: ['unit', 'show'],
    usage: 'kekhai unit show CODE [--json]',
    summary: 'Xem đơn vị / Show a unit',
    flags: { code: 'string' },
    run: (args, io) => {
      const code = args.positionals[0] ?? stringFlag(args, 'code');
      if (!code)
        throw new UsageError('Thiếu mã đơn vị: kekhai unit show CODE', 'Missing unit code: kekhai unit show CODE');
      return io.call('unit.get', { code });
    },
    human: (v) => {
      const u = v as UnitRecord;
      return [
        unitLine(u),
        u.address && `Địa chỉ: ${u.address}`,
        u.phone && `Điện thoại: ${u.phone}`,
        u.email && `Email: ${u.email}`,
        u.signer && `Người ký: ${u.signer}`,
        u.ivanProvider && `I-VAN: ${u.ivanProvider}`,
      ]
        .filter(Boolean)
        .join('\n');
    },
  },
  {
    path: ['unit', 'update'],
    usage:
      'kekhai unit update CODE [--name … --tax-code … --agency-code … --wage-region … --address … --phone … --email … --signer … --ivan …]',
    summary: 'Sửa đơn vị / Update a unit',
    flags: UNIT_FLAGS,
    run: (args, io) => {
      const code = args.positionals[0] ?? stringFlag(args, 'code');
      if (!code)
        throw new UsageError(
          'Thiếu mã đơn vị: kekhai unit update CODE --name …',
          'Missing unit code: kekhai unit update CODE --name …',
        );
      return io.call('unit.update', { code, patch: unitPatch(args) });
    },
    human: (v) => `Đã cập nhật: ${unitLine(v as UnitRecord)}`,
  },
  {
    path: ['roster', 'import'],
    usage:
      'kekhai roster import FILE --unit CODE [--participating-since MM/YYYY] [--header-row N] [--sheet NAME] [--skip-hidden-rows] [--mapping FILE] [--errors FILE.xlsx] [--dry-run] [--json]',
    summary:
      'Nhập danh sách lao động từ .xlsx/.csv (một giao dịch) / Import employees from .xlsx/.csv (one transaction)',
    flags: {
      unit: 'string',
      mapping: 'string',
      'dry-run': 'boolean',
      'participating-since': 'string',
      'header-row': 'number',
      sheet: 'string',
      'skip-hidden-rows': 'boolean',
      errors: 'string',
    },
    run: async (args, io) => {
      const file = args.positionals[0];
      if (!file)
        throw new UsageError(
          'Thiếu tệp: kekhai roster import FILE --unit CODE',
          'Missing file: kekhai roster import FILE --unit CODE',
        );
      const unitCode = requireFlag(args, 'unit');
      const mappingFile = stringFlag(args, 'mapping');
      let mapping: ColumnMapping | undefined;
      if (mappingFile) {
        try {
          mapping = JSON.parse(readInputFile(mappingFile).toString('utf8')) as ColumnMapping;
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw new UsageError(
            `Tệp ghép cột ${mappingFile} không phải JSON hợp lệ ({"fullName": "Họ và tên", …})`,
            `The column mapping file ${mappingFile} is not valid JSON ({"fullName": "Họ và tên", …})`,
          );
        }
      }
      const dryRun = args.flags['dry-run'] === true;
      const written = await io.call('roster.importCommit', {
        unitCode,
        file: fileBlobFrom(file),
        mapping,
        dryRun,
        sheet: stringFlag(args, 'sheet'),
        headerRow: typeof args.flags['header-row'] === 'number' ? args.flags['header-row'] : undefined,
        // Rows Excel hides are read with a warning unless the clerk leaves them out.
        ...(args.flags['skip-hidden-rows'] === true ? { skipHiddenRows: true } : {}),
        participatingSince: stringFlag(args, 'participating-since'),
      });
      // A dry run wrote nothing: the output says so (its counts are what an import would do).
      const result = dryRun ? { ...written, dryRun: true } : written;
      // --errors: the rejected rows as the clerk wrote them, with row number and reason, in an .xlsx.
      const errorsOut = stringFlag(args, 'errors');
      if (!errorsOut || !result.errorFile) return result;
      writeFileAtomic(errorsOut, Buffer.from(result.errorFile.base64, 'base64'));
      const { errorFile: _written, ...rest } = result;
      return { ...rest, errorsOut };
    },
    human: (v, lang) => {
      const r = v as ImportResult & { dryRun?: boolean };
      const head = r.dryRun
        ? lang === 'en'
          ? `Dry run, nothing written: would import ${r.imported}, update ${r.updated}, ${r.rejected.length} problem(s)`
          : `Chạy thử, chưa ghi gì: sẽ nhập ${r.imported}, cập nhật ${r.updated}, ${r.rejected.length} lỗi`
        : lang === 'en'
          ? `Imported ${r.imported}, updated ${r.updated}, rejected ${r.rejected.length} problem(s)`
          : `Đã nhập ${r.imported}, cập nhật ${r.updated}, ${r.rejected.length} lỗi`;
      const counts =
        lang === 'en'
          ? `${r.totalRows} rows: ${r.imported} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejectedRows} rejected`
          : `${r.totalRows} dòng: ${r.imported} thêm mới, ${r.updated} cập nhật, ${r.unchanged} không thay đổi, ${r.rejectedRows} dòng bị từ chối`;
      const out = (v as { errorsOut?: string }).errorsOut;
      const saved = out
        ? [lang === 'en' ? `Rejected rows written to ${out}` : `Các dòng bị từ chối đã ghi ra ${out}`]
        : [];
      const warned = (r.warnings ?? []).map((p) => `  ! ${p.message}`);
      return [head, counts, ...r.rejected.map((p) => `  - ${p.message}`), ...warned, ...saved].join('\n');
    },
  },
  {
    path: ['roster', 'export'],
    usage: 'kekhai roster export --unit CODE --out FILE.xlsx',
    summary: 'Xuất danh sách lao động ra .xlsx / Export the roster to .xlsx',
    flags: { unit: 'string', out: 'string' },
    run: async (args, io) => {
      const out = requireFlag(args, 'out');
      const r = await io.call('roster.export', { unitCode: requireFlag(args, 'unit') });
      writeFileAtomic(out, Buffer.from(r.file.base64, 'base64'));
      return { out, count: r.count };
    },
    human: (v) => `Đã xuất ${(v as { count: number }).count} người lao động vào ${(v as { out: string }).out}`,
  },
  {
    path: ['roster', 'list'],
    usage: 'kekhai roster list --unit CODE [--search TEXT] [--limit N --offset N] [--json]',
    summary: 'Danh sách lao động, tìm không dấu / List employees, diacritics-insensitive search',
    flags: { unit: 'string', search: 'string', limit: 'number', offset: 'number' },
    run: async (args, io) => {
      const base = { unitCode: requireFlag(args, 'unit'), search: stringFlag(args, 'search') };
      const offset = typeof args.flags.offset === 'number' ? args.flags.offset : 0;
      if (typeof args.flags.limit === 'number')
        return io.call('employee.list', { ...base, offset, limit: args.flags.limit });
      // Without --limit: every match, fetched a page at a time.
      const first = await io.call('employee.list', { ...base, offset, limit: 2000 });
      const items = [...first.items];
      while (offset + items.length < first.total) {
        const next = await io.call('employee.list', { ...base, offset: offset + items.length, limit: 2000 });
        if (!next.items.length) break;
        items.push(...next.items);
      }
      return { total: first.total, offset, items };
    },
    human: (v) => {
      const r = v as { total: number; items: EmployeeRecord[] };
      return [
        ...r.items.map(
          (e) => `${e.insuranceNumber || '          '}  ${e.fullName}  ${e.birthDate}  ${e.cccd || e.cmnd}`,
        ),
        `(${r.total} người)`,
      ].join('\n');
    },
  },
];
