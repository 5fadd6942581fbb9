import type { DoctorReport } from '../../../shared/contract/system';
import { resolveDataDir } from '../../core/paths';
import { startHost } from '../../host/server';
import { UsageError, type CliCommand } from '../command';

const doctor: CliCommand = {
  path: ['doctor'],
  usage: 'kekhai doctor [--json]',
  summary: 'Kiểm tra cài đặt: thư mục dữ liệu, cơ sở dữ liệu, thư viện PKCS#11, I-VAN / Installation check',
  run: (_args, io) => io.call('system.doctor', {}),
  human(value, lang) {
    const r = value as DoctorReport;
    const en = lang === 'en';
    const libs = r.pkcs11Libraries.filter((l) => l.found);
    return [
      `${en ? 'Version' : 'Phiên bản'}: ${r.appVersion}`,
      `${en ? 'Data folder' : 'Thư mục dữ liệu'}: ${r.dataDir}`,
      `${en ? 'Database' : 'Cơ sở dữ liệu'}: ${r.databaseFile} (${en ? 'schema' : 'lược đồ'} ${r.schemaVersion}/${r.latestSchemaVersion})`,
      `PKCS#11: ${libs.length ? libs.map((l) => `${l.name} (${l.path})`).join(', ') : en ? 'no library found' : 'không tìm thấy thư viện nào'}`,
      `I-VAN: ${r.ivanProvider.length ? r.ivanProvider.map((p) => `${p.unitCode} → ${p.provider ?? '—'}`).join(', ') : en ? 'no unit yet' : 'chưa có đơn vị'}`,
      `Node ${r.versions.node}, Electron ${r.versions.electron ?? (en ? 'not running' : 'không chạy')}, SQLite ${r.versions.sqlite}`,
    ].join('\n');
  },
};

const serve: CliCommand = {
  path: ['serve'],
  usage: 'kekhai serve [--port N] [--data DIR]',
  summary: 'Chế độ trình duyệt: mở giao diện tại http://127.0.0.1:N/?token=… / Browser mode',
  flags: { port: 'number' },
  longRunning: true,
  async run(args, io) {
    const port = args.flags.port === undefined ? 0 : Number(args.flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port phải là số cổng 0–65535');
    const dataDir = resolveDataDir(typeof args.flags.data === 'string' ? args.flags.data : undefined);
    const now = typeof args.flags.now === 'string' ? new Date(args.flags.now) : undefined;
    const host = await startHost({ dataDir, port, now });
    const stop = () => void host.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // One line with the URL: scripts and tests read it.
    if (io.json) return { url: host.url, port: host.port, dataDir };
    process.stdout.write(`${host.url}\n`);
    return undefined;
  },
};

export const systemCommands: CliCommand[] = [doctor, serve];
