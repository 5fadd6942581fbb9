import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AppSettings, AuditEntry, BackupInfo } from '../../../shared/contract/desk';
import { formatDateTimeVN } from '../../../shared/format';
import { AppError } from '../../core/app-error';
import { writeFileAtomic } from '../../core/atomic-file';
import { readInputFile, stringFlag, UsageError, type CliArgs, type CliCommand } from '../command';
import { MAX_BACKUP_BYTES } from '../../../shared/file-limits';
import { loadCore } from '../load-core';

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
const when = (iso: string) => formatDateTimeVN(new Date(iso));

function writeOut(path: string, base64: string): string {
  return writeFileAtomic(resolve(path), Buffer.from(base64, 'base64'));
}

const backup: CliCommand = {
  path: ['backup'],
  usage: 'kekhai backup [--out FILE] [--auto]',
  summary:
    'Sao lưu cơ sở dữ liệu (vào thư mục backups; --out: thêm một bản ra tệp; --auto: bản tự động hằng ngày) / Back up the database',
  flags: { out: 'string', auto: 'boolean' },
  async run(args, io) {
    if (args.positionals.length)
      throw new UsageError(
        `Tham số thừa: ${args.positionals.join(' ')}`,
        `Unexpected arguments: ${args.positionals.join(' ')}`,
      );
    if (args.flags.auto) return { auto: await io.call('backup.auto', {}) };
    const out = stringFlag(args, 'out');
    const r = await io.call('backup.now', { download: Boolean(out) });
    return { backup: r.backup, out: out && r.file ? writeOut(out, r.file.base64) : null };
  },
  human(value, lang) {
    const v = value as {
      backup?: BackupInfo;
      out?: string | null;
      auto?: { made: BackupInfo | null; removed: string[] };
    };
    const en = lang === 'en';
    if (v.auto) {
      const made = v.auto.made
        ? `${en ? 'Automatic backup' : 'Đã sao lưu tự động'}: ${v.auto.made.name}`
        : en
          ? 'Today’s automatic backup already exists'
          : 'Hôm nay đã có bản sao lưu tự động';
      return [made, ...v.auto.removed.map((n) => `${en ? 'Removed old copy' : 'Đã xoá bản cũ'}: ${n}`)].join('\n');
    }
    const b = v.backup!;
    return [
      `${en ? 'Backed up' : 'Đã sao lưu'}: ${b.name} (${size(b.sizeBytes)}, ${en ? 'schema' : 'lược đồ'} ${b.schemaVersion})`,
      ...(v.out ? [`${en ? 'Copy written to' : 'Đã ghi bản sao ra'}: ${v.out}`] : []),
    ].join('\n');
  },
};

const backupList: CliCommand = {
  path: ['backup', 'list'],
  usage: 'kekhai backup list [--json]',
  summary: 'Danh sách bản sao lưu / List backups',
  run: (_a, io) => io.call('backup.list', {}),
  human(value, lang) {
    const v = value as { dir: string; items: BackupInfo[] };
    if (!v.items.length) return lang === 'en' ? `No backups in ${v.dir}` : `Chưa có bản sao lưu nào trong ${v.dir}`;
    return [
      `${lang === 'en' ? 'Folder' : 'Thư mục'}: ${v.dir}`,
      ...v.items.map((b) => `${when(b.createdAt)}  ${b.kind.padEnd(13)} ${size(b.sizeBytes).padStart(8)}  ${b.name}`),
    ].join('\n');
  },
};

const restore: CliCommand = {
  path: ['restore'],
  usage: 'kekhai restore FILE',
  summary:
    'Khôi phục cơ sở dữ liệu từ tệp sao lưu (kiểm tra toàn vẹn và phiên bản trước; giữ một bản của dữ liệu hiện tại) / Restore from a backup file',
  async run(args, io) {
    const [path, ...extra] = args.positionals;
    if (!path || extra.length)
      throw new UsageError('Cần đúng một tệp: kekhai restore TỆP', 'Exactly one file expected: kekhai restore FILE');
    if (!existsSync(path))
      throw new AppError('NOT_FOUND', `Không tìm thấy tệp ${path}`, { en: `File not found: ${path}` });
    const bytes = readInputFile(path, MAX_BACKUP_BYTES);
    return io.call('backup.restore', { file: { name: basename(path), base64: bytes.toString('base64') } });
  },
  human(value, lang) {
    const v = value as {
      restoredFrom: string;
      fromSchemaVersion: number;
      schemaVersion: number;
      safetyCopy: BackupInfo;
      reconfirm?: { message: string; messageEn: string }[];
    };
    const head =
      lang === 'en'
        ? `Restored from ${v.restoredFrom} (schema ${v.fromSchemaVersion} → ${v.schemaVersion}). The data as it was before: backups/${v.safetyCopy.name}`
        : `Đã khôi phục từ ${v.restoredFrom} (lược đồ ${v.fromSchemaVersion} → ${v.schemaVersion}). Dữ liệu trước khi khôi phục được giữ ở: backups/${v.safetyCopy.name}`;
    const again = (v.reconfirm ?? []).map((r) => `  - ${lang === 'en' ? r.messageEn : r.message}`);
    return again.length
      ? [
          head,
          lang === 'en' ? 'Not restored, enter again if right:' : 'Chưa khôi phục, hãy xác nhận lại nếu đúng:',
          ...again,
        ].join('\n')
      : head;
  },
};

const AUDIT_FLAGS = {
  'subject-type': 'string',
  subject: 'string',
  from: 'string',
  to: 'string',
  search: 'string',
} as const;
function auditFilter(args: CliArgs) {
  return {
    subjectType: stringFlag(args, 'subject-type'),
    subjectId: stringFlag(args, 'subject'),
    from: stringFlag(args, 'from'),
    to: stringFlag(args, 'to'),
    search: stringFlag(args, 'search'),
  };
}

const auditList: CliCommand = {
  path: ['audit', 'list'],
  usage:
    'kekhai audit list [--subject-type T] [--subject ID] [--from ISO] [--to ISO] [--search TEXT] [--limit N] [--offset N]',
  summary: 'Nhật ký thay đổi: thời gian, người dùng Windows, thay đổi gì / Audit log',
  flags: { ...AUDIT_FLAGS, limit: 'number', offset: 'number' },
  run: (args, io) =>
    io.call('audit.list', {
      ...auditFilter(args),
      limit: args.flags.limit === undefined ? 100 : Number(args.flags.limit),
      offset: args.flags.offset === undefined ? 0 : Number(args.flags.offset),
    }),
  human(value, lang) {
    const v = value as { total: number; items: AuditEntry[] };
    const head = lang === 'en' ? `${v.total} entries (newest first)` : `${v.total} dòng nhật ký (mới nhất trước)`;
    return [
      head,
      ...v.items.map(
        (e) =>
          `${when(e.at)}  ${e.actor.padEnd(12)} ${e.action.padEnd(22)} ${e.subjectType}${e.subjectId ? ` ${e.subjectId}` : ''}${e.detail ? `  ${e.detail}` : ''}`,
      ),
    ].join('\n');
  },
};

const auditExport: CliCommand = {
  path: ['audit', 'export'],
  usage:
    'kekhai audit export [--format csv|json] [--out FILE] [--subject-type T] [--subject ID] [--from ISO] [--to ISO]',
  summary: 'Xuất nhật ký thay đổi ra CSV (mở bằng Excel) hoặc JSON / Export the audit log',
  flags: { ...AUDIT_FLAGS, format: 'string', out: 'string' },
  async run(args, io) {
    const format = stringFlag(args, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      throw new UsageError('--format chỉ nhận csv hoặc json', '--format takes csv or json');
    const r = await io.call('audit.export', { ...auditFilter(args), format });
    const out = writeOut(stringFlag(args, 'out') ?? r.file.name, r.file.base64);
    return { out, count: r.count };
  },
  human: (value, lang) => {
    const v = value as { out: string; count: number };
    return lang === 'en' ? `Exported ${v.count} entries to ${v.out}` : `Đã xuất ${v.count} dòng nhật ký ra ${v.out}`;
  },
};

const settingsGet: CliCommand = {
  path: ['settings', 'get'],
  usage: 'kekhai settings get [KEY]',
  summary: 'Xem cài đặt / Show settings',
  async run(args, io) {
    const all = await io.call('settings.get', {});
    const key = args.positionals[0];
    if (!key) return all;
    if (!(key in all))
      throw new UsageError(
        `Không có cài đặt "${key}". Các cài đặt: ${Object.keys(all).join(', ')}`,
        `No setting "${key}". Settings: ${Object.keys(all).join(', ')}`,
      );
    return { [key]: all[key as keyof AppSettings] };
  },
  human: (value) =>
    Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join('\n'),
};

const settingsSet: CliCommand = {
  path: ['settings', 'set'],
  usage: 'kekhai settings set KEY VALUE   (VALUE là JSON: true, 14, "https://…", null)',
  summary: 'Đổi một cài đặt (ghi vào nhật ký) / Change a setting (audited)',
  async run(args, io) {
    const [key, raw] = args.positionals;
    if (!key || raw === undefined)
      throw new UsageError(
        'Cần KEY và VALUE, ví dụ: kekhai settings set backup.keep 30',
        'KEY and VALUE expected, e.g. kekhai settings set backup.keep 30',
      );
    const { appSettings } = await loadCore();
    if (!(key in appSettings.shape))
      throw new UsageError(
        `Không có cài đặt "${key}". Các cài đặt: ${Object.keys(appSettings.shape).join(', ')}`,
        `No setting "${key}". Settings: ${Object.keys(appSettings.shape).join(', ')}`,
      );
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw; // a bare word or URL is a string
    }
    return io.call('settings.set', { patch: { [key]: value } });
  },
  human: (value) =>
    Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join('\n'),
};

const training: CliCommand = {
  path: ['training'],
  usage: 'kekhai training on|off [--no-demo]',
  summary: 'Bật/tắt chế độ tập huấn (đơn vị mẫu TH00001) / Training mode on/off',
  flags: { 'no-demo': 'boolean' },
  async run(args, io) {
    const [mode] = args.positionals;
    if (mode !== 'on' && mode !== 'off')
      throw new UsageError('Dùng: kekhai training on|off', 'Usage: kekhai training on|off');
    return io.call('training.set', { enabled: mode === 'on', demoData: !args.flags['no-demo'] });
  },
  human(value, lang) {
    const v = value as { enabled: boolean; demoUnitCode: string | null };
    if (lang === 'en')
      return v.enabled
        ? `Training mode on${v.demoUnitCode ? `, demo unit ${v.demoUnitCode}` : ''}`
        : 'Training mode off';
    return v.enabled
      ? `Đã bật chế độ tập huấn${v.demoUnitCode ? `, đơn vị mẫu ${v.demoUnitCode}` : ''}`
      : 'Đã tắt chế độ tập huấn';
  },
};

export const deskCommands: CliCommand[] = [
  backup,
  backupList,
  restore,
  auditList,
  auditExport,
  settingsGet,
  settingsSet,
  training,
];
