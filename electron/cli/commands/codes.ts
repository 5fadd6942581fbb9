import { CODE_LIST_NAMES, isCodeListName } from '../../../shared/codes/code-list';
import type { CodeEntryOut } from '../../../shared/contract/codes';
import { stringFlag, UsageError, type CliCommand } from '../command';

const codes: CliCommand = {
  path: ['codes'],
  usage: `kekhai codes ${CODE_LIST_NAMES.join('|')} [--province NN] [--search TEXT] [--limit N] [--as-of YYYY-MM-DD] [--json]`,
  summary: 'Tra danh mục mã: bệnh viện KCB, xã/phường, tỉnh, quốc tịch, dân tộc / Look up a code list',
  flags: { province: 'string', search: 'string', limit: 'number', 'as-of': 'string' },
  async run(args, io) {
    const list = args.positionals[0];
    if (!list || !isCodeListName(list))
      throw new UsageError(
        `Chọn một danh mục: ${CODE_LIST_NAMES.join(', ')}`,
        `Choose a code list: ${CODE_LIST_NAMES.join(', ')}`,
      );
    if (args.positionals.length > 1)
      throw new UsageError(
        `Thừa tham số "${args.positionals[1]}" (tìm theo tên: --search "…")`,
        `Unexpected argument "${args.positionals[1]}" (to search by name: --search "…")`,
      );
    const limit = args.flags.limit === undefined ? undefined : Number(args.flags.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new UsageError('--limit phải là số nguyên dương', '--limit must be a positive integer');
    return io.call('codes.search', {
      list,
      search: stringFlag(args, 'search'),
      province: stringFlag(args, 'province'),
      limit,
      asOf: stringFlag(args, 'as-of'),
    });
  },
  human(value, lang) {
    const v = value as { rows: CodeEntryOut[]; total: number; validFrom: string };
    const lines = v.rows.map(
      (r) =>
        `${r.code.padEnd(6)} ${r.name}${r.province ? `  (${lang === 'en' ? 'province' : 'tỉnh'} ${r.province})` : ''}`,
    );
    const [y, m, d] = v.validFrom.split('-');
    lines.push(
      lang === 'en'
        ? `${v.rows.length}/${v.total} rows, list in force from ${d}/${m}/${y}`
        : `${v.rows.length}/${v.total} dòng, danh mục áp dụng từ ${d}/${m}/${y}`,
    );
    return lines.join('\n');
  },
};

export const codesCommands: CliCommand[] = [codes];
