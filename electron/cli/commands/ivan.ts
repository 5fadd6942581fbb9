import { readFileSync } from 'node:fs';
import { stateLabel } from '../../../shared/ivan/state-labels';
import { resolve } from 'node:path';
import { UsageError, fileBlobFrom, requireFlag, stringFlag, type CliArgs, type CliCommand } from '../command';
import { resolveDataDir, resourcesDir } from '../../core/paths';
import { checkRates } from '../../ivan/simulator/failures';
import { loadCore } from '../load-core';
import { AppError } from '../../core/app-error';
import type { HistoryItem, OutboxEntryDto } from '../../../shared/contract/ivan';
import { dossierTitle } from '../../../shared/ivan/dossier-title';
import { writeFileAtomic } from '../../core/atomic-file';

const fileArg = (args: CliArgs, what: string): { name: string; base64: string } => {
  const p = args.positionals[0];
  if (!p) throw new UsageError(`Thiếu đường dẫn ${what}`, 'Missing the file path (BHXHDienTu.xml)');
  return fileBlobFrom(resolve(p));
};

const numFlag = (args: CliArgs, name: string, dflt: number): number => {
  const v = args.flags[name];
  if (v === undefined) return dflt;
  if (typeof v !== 'number') throw new UsageError(`--${name} phải là số`, `--${name} must be a number`);
  return v;
};

function outboxLine(e: OutboxEntryDto, lang: 'vi' | 'en'): string {
  const err = e.state === 'queued' && e.lastError ? ` — ${e.lastError}` : '';
  const rn = e.receiptNo ? ` số hồ sơ ${e.receiptNo}` : '';
  return `#${e.id} ${e.fileName} [${stateLabel(e.state, lang)}] ${lang === 'en' ? 'attempts' : 'lần gửi'} ${e.attempts}${e.transactionId ? ` tx ${e.transactionId}` : ''}${rn}${err}`;
}

export const ivanCommands: CliCommand[] = [
  {
    path: ['submit'],
    usage: 'kekhai submit BHXHDienTu.xml --endpoint URL [--provider CODE] [--dossier-id ID] [--unit MA_DVI] --json',
    summary:
      'Nộp ngay hồ sơ đã ký lên I-VAN (nộp lại cùng tệp trả về cùng mã giao dịch) / Submit a signed dossier (idempotent)',
    flags: { endpoint: 'string', provider: 'string', 'dossier-id': 'string', unit: 'string' },
    async run(args, io) {
      const r = await io.call('ivan.submit', {
        file: fileArg(args, 'tệp BHXHDienTu.xml'),
        endpoint: requireFlag(args, 'endpoint'),
        providerCode: stringFlag(args, 'provider'),
        dossierId: stringFlag(args, 'dossier-id'),
        unitCode: stringFlag(args, 'unit'),
      });
      return { transactionId: r.transactionId, status: r.status };
    },
    human: (v, lang) => {
      const r = v as { transactionId: string; status: string };
      return lang === 'en'
        ? `Submitted: transaction ${r.transactionId}, status ${r.status}`
        : `Đã nộp: mã giao dịch ${r.transactionId}, trạng thái ${r.status}`;
    },
  },
  {
    path: ['status'],
    usage: 'kekhai status TRANSACTION_ID --endpoint URL --json',
    summary: 'Tra cứu trạng thái giao dịch trên I-VAN / Status of a transaction',
    flags: { endpoint: 'string' },
    async run(args, io) {
      const id = args.positionals[0];
      if (!id) throw new UsageError('Thiếu mã giao dịch', 'Missing transaction id');
      const s = await io.call('ivan.status', { transactionId: id, endpoint: stringFlag(args, 'endpoint') });
      return { status: s.status, receiptNo: s.receiptNo, reasons: s.reasons, paperCopyRequired: s.paperCopyRequired };
    },
    human: (v, lang) => {
      const s = v as {
        status: string;
        receiptNo: string | null;
        reasons: { message: string }[];
        paperCopyRequired: boolean;
      };
      const lines = [
        `${lang === 'en' ? 'Status' : 'Trạng thái'}: ${s.status}${s.receiptNo ? ` — ${lang === 'en' ? 'receipt no.' : 'số hồ sơ'} ${s.receiptNo}` : ''}`,
      ];
      if (s.paperCopyRequired)
        lines.push(
          lang === 'en'
            ? 'A paper copy must be filed (test certificate).'
            : 'Phải nộp 01 bộ hồ sơ giấy (ký bằng chứng thư thử nghiệm).',
        );
      for (const r of s.reasons) lines.push(`  - ${r.message}`);
      return lines.join('\n');
    },
  },
  {
    path: ['outbox', 'add'],
    usage: 'kekhai outbox add BHXHDienTu.xml --endpoint URL [--dossier-id ID] [--unit MA_DVI] [--provider CODE] --json',
    summary: 'Đưa hồ sơ đã ký vào hàng đợi gửi / Queue a signed dossier',
    flags: { endpoint: 'string', 'dossier-id': 'string', unit: 'string', provider: 'string' },
    async run(args, io) {
      const r = await io.call('ivan.outboxAdd', {
        file: fileArg(args, 'tệp BHXHDienTu.xml'),
        endpoint: stringFlag(args, 'endpoint'),
        dossierId: stringFlag(args, 'dossier-id'),
        unitCode: stringFlag(args, 'unit'),
        providerCode: stringFlag(args, 'provider'),
      });
      return { ...r.entry, created: r.created };
    },
    human: (v, lang) => outboxLine(v as OutboxEntryDto, lang),
  },
  {
    path: ['outbox', 'send'],
    usage: 'kekhai outbox send [--until-empty] [--base-delay-ms MS] [--no-poll] --json',
    summary:
      'Gửi hàng đợi, thử lại với thời gian chờ tăng dần; dừng/chạy lại lúc nào cũng an toàn / Deliver the outbox with retries (safe to kill and rerun)',
    flags: { 'until-empty': 'boolean', 'base-delay-ms': 'number', 'no-poll': 'boolean' },
    async run(args, io) {
      const base = args.flags['base-delay-ms'];
      const r = await io.call('ivan.outboxSend', {
        untilEmpty: args.flags['until-empty'] === true,
        baseDelayMs: typeof base === 'number' ? base : undefined,
        poll: args.flags['no-poll'] !== true,
      });
      return r;
    },
    human: (v, lang) => {
      const r = v as {
        report: { sent: number; retrying: number; held: number; queued: number };
        entries: OutboxEntryDto[];
      };
      const head =
        lang === 'en'
          ? `Sent ${r.report.sent}; still queued ${r.report.queued} (${r.report.retrying} to retry, ${r.report.held} need attention)`
          : `Đã gửi ${r.report.sent}; còn chờ ${r.report.queued} (${r.report.retrying} sẽ gửi lại, ${r.report.held} cần xử lý)`;
      return [head, ...r.entries.filter((e) => e.state === 'queued').map((e) => outboxLine(e, lang))].join('\n');
    },
  },
  {
    path: ['outbox', 'list'],
    usage: 'kekhai outbox list --json',
    summary: 'Xem hàng đợi gửi và trạng thái từng hồ sơ / The outbox and each entry’s state',
    async run(_args, io) {
      return io.call('ivan.outboxList', {});
    },
    human: (v, lang) =>
      (v as OutboxEntryDto[]).length
        ? (v as OutboxEntryDto[]).map((e) => outboxLine(e, lang)).join('\n')
        : lang === 'en'
          ? 'The outbox is empty'
          : 'Hàng đợi trống',
  },
  {
    path: ['outbox', 'cancel'],
    usage: 'kekhai outbox cancel ID --json',
    summary: 'Huỷ hồ sơ đang chờ gửi / Cancel a queued dossier',
    async run(args, io) {
      const id = Number(args.positionals[0]);
      if (!Number.isInteger(id))
        throw new UsageError('Thiếu số thứ tự hồ sơ trong hàng đợi', 'Missing the outbox entry number');
      return io.call('ivan.outboxCancel', { id });
    },
    human: (v, lang) => outboxLine(v as OutboxEntryDto, lang),
  },
  {
    path: ['ivan', 'poll'],
    usage: 'kekhai ivan poll --json',
    summary: 'Lấy thông báo kết quả từ I-VAN / Fetch result notifications',
    async run(_args, io) {
      return io.call('ivan.poll', {});
    },
  },
  {
    path: ['ivan', 'settings'],
    usage:
      'kekhai ivan settings --unit MA_DVI --provider CODE --endpoint URL [--username U --password-stdin] [--training] --json',
    summary:
      'Cài đặt I-VAN của đơn vị; mật khẩu đọc từ stdin và được mã hoá / A unit’s I-VAN settings; password read from stdin, stored encrypted',
    flags: {
      unit: 'string',
      provider: 'string',
      endpoint: 'string',
      username: 'string',
      'password-stdin': 'boolean',
      training: 'boolean',
      'via-05': 'boolean',
    },
    async run(args, io) {
      // The password never goes on the command line (visible in the process list and shell history).
      const password =
        args.flags['password-stdin'] === true ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
      return io.call('ivan.settingsSave', {
        unitCode: requireFlag(args, 'unit'),
        providerCode: requireFlag(args, 'provider'),
        endpoint: requireFlag(args, 'endpoint'),
        username: stringFlag(args, 'username'),
        password,
        trainingMode: args.flags.training === true ? true : undefined,
        viaChangeForm: args.flags['via-05'] === true ? true : undefined,
      });
    },
  },
  {
    path: ['ivan', 'history'],
    usage: 'kekhai ivan history [--search TEXT] [--period MM/YYYY] --json',
    summary:
      'Lịch sử giao dịch: đơn vị, thủ tục, kỳ, đợt, số hồ sơ / Transaction history by unit, procedure, period, batch',
    flags: { search: 'string', period: 'string' },
    run: (args, io) =>
      io.call('ivan.history', { query: stringFlag(args, 'search'), period: stringFlag(args, 'period') }),
    human: (v, lang) => {
      const items = v as HistoryItem[];
      if (!items.length) return lang === 'en' ? 'No transactions' : 'Chưa có giao dịch nào';
      return items.map((h) => `${dossierTitle(h, lang)} [${stateLabel(h.state, lang)}]`).join('\n');
    },
  },
  {
    path: ['ivan', 'serve'],
    usage:
      'kekhai ivan serve --port N --data DIR [--fail-rate R] [--drop-response-rate R] [--latency-ms MS] [--result-delay-ms MS] [--seed N] [--now ISO]',
    summary: 'Chạy máy chủ I-VAN cục bộ (tập huấn, kiểm thử) / Run the local I-VAN server (training, tests)',
    flags: {
      port: 'number',
      'fail-rate': 'number',
      'drop-response-rate': 'number',
      'latency-ms': 'number',
      'result-delay-ms': 'number',
      seed: 'number',
    },
    longRunning: true,
    async run(args, io) {
      const data = stringFlag(args, 'data');
      if (!data)
        throw new UsageError(
          'Thiếu --data DIR (thư mục dữ liệu của máy chủ I-VAN)',
          'Missing --data DIR (the I-VAN server data folder)',
        );
      const failures = {
        failRate: numFlag(args, 'fail-rate', 0),
        dropResponseRate: numFlag(args, 'drop-response-rate', 0),
        latencyMs: numFlag(args, 'latency-ms', 0),
      };
      const bad = checkRates(failures);
      if (bad) throw new UsageError(bad.vi, bad.en);
      const port = numFlag(args, 'port', 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError('--port phải là số cổng 0–65535', '--port must be a port number 0–65535');
      const seed = args.flags.seed;
      // With --now the server's clock starts there and runs on: its receipt time is what certificates are judged at.
      const start = io.now().getTime();
      const t0 = Date.now();
      const clock = typeof args.flags.now === 'string' ? () => new Date(start + Date.now() - t0) : undefined;
      const { startIvanServer } = await (await loadCore()).loadIvanSimulator();
      const server = await startIvanServer({
        dataDir: resolveDataDir(data),
        port,
        resourcesDir: resourcesDir(),
        resultDelayMs: numFlag(args, 'result-delay-ms', 1500),
        ...failures,
        seed: typeof seed === 'number' ? seed : undefined,
        now: clock,
      });
      const stop = () => {
        void server.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      io.note(
        io.lang === 'en'
          ? `Local I-VAN listening on ${server.url}`
          : `Máy chủ I-VAN cục bộ đang chạy tại ${server.url}`,
      );
      return { url: server.url, port: server.port, dataDir: resolveDataDir(data), ...failures };
    },
  },
  {
    path: ['ivan', 'list'],
    usage: 'kekhai ivan list --data DIR --json',
    summary: 'Các hồ sơ máy chủ I-VAN cục bộ đã lưu / What the local I-VAN server stored',
    async run(args) {
      const data = stringFlag(args, 'data');
      if (!data)
        throw new UsageError(
          'Thiếu --data DIR (thư mục dữ liệu của máy chủ I-VAN)',
          'Missing --data DIR (the I-VAN server data folder)',
        );
      const { listTransactions, openServerStore } = await (await loadCore()).loadIvanSimulatorStore();
      let db;
      try {
        db = openServerStore(resolveDataDir(data), { readonly: true });
      } catch {
        throw new AppError('NOT_FOUND', `Không có dữ liệu máy chủ I-VAN trong ${data}`, {
          en: `No local I-VAN data in ${data}`,
        });
      }
      try {
        return listTransactions(db).map((t) => ({
          transactionId: t.transactionId,
          dossierId: t.dossierId,
          status: t.status,
          receiptNo: t.receiptNo,
        }));
      } finally {
        db.close();
      }
    },
    human: (v) =>
      (v as { transactionId: string; dossierId: string; status: string; receiptNo: string | null }[])
        .map((t) => `${t.transactionId} ${t.dossierId} ${t.status} ${t.receiptNo ?? ''}`)
        .join('\n'),
  },
  {
    path: ['register'],
    usage:
      'kekhai register 04|05|06 --from FORM.json --out FILE.xml | kekhai register submit SIGNED.xml [--endpoint URL] --json',
    summary:
      'Lập (04/ĐK-IVAN, 05/SĐ-IVAN, 06/NG-IVAN) hoặc nộp tờ khai đăng ký I-VAN đã ký / Build or submit an I-VAN registration form',
    flags: { from: 'string', out: 'string', endpoint: 'string', unit: 'string' },
    async run(args, io) {
      const [what, file] = args.positionals;
      if (what === 'submit') {
        if (!file) throw new UsageError('Thiếu tệp tờ khai đã ký', 'Missing the signed file');
        const r = await io.call('ivan.registrationSubmit', {
          file: fileArg({ ...args, positionals: [file] }, 'tệp tờ khai'),
          endpoint: stringFlag(args, 'endpoint'),
          unitCode: stringFlag(args, 'unit'),
        });
        return r.entry;
      }
      if (what !== '04' && what !== '05' && what !== '06')
        throw new UsageError('Mẫu phải là 04, 05, 06 hoặc "submit"', 'The form must be 04, 05, 06 or "submit"');
      const from = requireFlag(args, 'from');
      let form: Record<string, unknown>;
      try {
        form = JSON.parse(readFileSync(resolve(from), 'utf8')) as Record<string, unknown>;
      } catch (e) {
        throw new AppError('IO', `Không đọc được ${from}: ${(e as Error).message}`, { en: `Cannot read ${from}` });
      }
      const r = await io.call('ivan.registrationBuild', { ...(form as object), form: what } as never);
      const out = requireFlag(args, 'out');
      writeFileAtomic(resolve(out), Buffer.from(r.file.base64, 'base64'));
      return { id: r.id, file: resolve(out) };
    },
  },
];
