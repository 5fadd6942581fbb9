import { resolve } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-file';
import { requireFlag, type CliCommand } from '../command';

/** `kekhai support-bundle --out FILE.zip` (issue #13, item 7): what support asks a clerk for. */
const supportBundle: CliCommand = {
  path: ['support-bundle'],
  usage: 'kekhai support-bundle --out FILE.zip [--json]',
  summary:
    'Xuất gói hỗ trợ (nhật ký, kết quả kiểm tra cài đặt, phiên bản; không có cơ sở dữ liệu, không có mật khẩu) / Write a support bundle',
  flags: { out: 'string' },
  async run(args, io) {
    const out = resolve(requireFlag(args, 'out'));
    const r = await io.call('system.supportBundle', {});
    writeFileAtomic(out, Buffer.from(r.file.base64, 'base64'), 0o600);
    return { out, entries: r.entries };
  },
  human(value, lang) {
    const v = value as { out: string; entries: string[] };
    return lang === 'en'
      ? `Support bundle written to ${v.out} (${v.entries.length} files)`
      : `Đã ghi gói hỗ trợ vào ${v.out} (${v.entries.length} tệp)`;
  },
};

export const supportCommands: CliCommand[] = [supportBundle];
