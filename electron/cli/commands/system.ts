import type { DoctorReport } from '../../../shared/contract/system';
import { resolveDataDir } from '../../core/paths';
import { readInputFile, UsageError, type CliCommand } from '../command';
import { loadCore } from '../load-core';
import { parseInstantVN } from '../../../shared/format';

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
      `${en ? 'Training database' : 'Cơ sở dữ liệu tập huấn'}: ${r.trainingDatabaseFile}${r.training ? (en ? ' (in use)' : ' (đang dùng)') : ''}`,
      `${en ? 'Logs' : 'Nhật ký'}: ${r.logDir}`,
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
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port phải là số cổng 0–65535', '--port must be a port number 0–65535');
    const dataDir = resolveDataDir(typeof args.flags.data === 'string' ? args.flags.data : undefined);
    const now = typeof args.flags.now === 'string' ? (parseInstantVN(args.flags.now) ?? undefined) : undefined;
    const { startHost } = await (await loadCore()).loadHost();
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

/** Every contract method is reachable from the command line, also those without a dedicated command. */
const call: CliCommand = {
  path: ['call'],
  usage: 'kekhai call METHOD [--input JSON | --input-file FILE] [--json]',
  summary: 'Gọi trực tiếp một chức năng của API (xem "kekhai methods") / Call any API method',
  flags: { input: 'string', 'input-file': 'string' },
  async run(args, io) {
    const method = args.positionals[0];
    if (!method)
      throw new UsageError(
        'Thiếu tên chức năng, ví dụ: kekhai call system.info',
        'Missing method name, e.g. kekhai call system.info',
      );
    if (!(await loadCore()).isMethodName(method))
      throw new UsageError(
        `Không có chức năng "${method}". Xem "kekhai methods".`,
        `No method "${method}". See "kekhai methods".`,
      );
    const file = args.flags['input-file'];
    const raw =
      typeof file === 'string'
        ? readInputFile(file).toString('utf8')
        : typeof args.flags.input === 'string'
          ? args.flags.input
          : '{}';
    let input: unknown;
    try {
      input = JSON.parse(raw);
    } catch {
      throw new UsageError(
        typeof file === 'string' ? `Tệp ${file} không phải JSON hợp lệ` : '--input phải là JSON hợp lệ',
        typeof file === 'string' ? `File ${file} is not valid JSON` : '--input must be valid JSON',
      );
    }
    return io.call(method, input as never);
  },
};

const methods: CliCommand = {
  path: ['methods'],
  usage: 'kekhai methods [--json]',
  summary: 'Liệt kê các chức năng của API / List the API methods',
  async run() {
    const { contract, methodNames } = await loadCore();
    return methodNames.map((name) => ({ name, summary: contract[name].summary }));
  },
  human: (value) =>
    (value as { name: string; summary: string }[]).map((m) => `${m.name.padEnd(32)} ${m.summary}`).join('\n'),
};

export const systemCommands: CliCommand[] = [doctor, serve, call, methods];
