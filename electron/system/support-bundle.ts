import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { DoctorReport } from '../../shared/contract/system';
import { logsDir } from '../log/logger';
import { redactText, redactValue } from '../log/redact';
import { formatStampVN } from '../../shared/format';

/** Log files of every process, current and rotated (`main.log`, `services.3.log`, …). */
const LOG_FILE = /^(main|services|host|cli)(\.\d+)?\.log$/;
/** Enough for the last rotations of every process; a support e-mail stays small. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;

const README = `Gói hỗ trợ KêKhai BHXH
=====================
logs/        nhật ký của từng tiến trình (main: cửa sổ ứng dụng, services: tiến trình dịch vụ, host: chế độ trình duyệt)
doctor.json  kết quả "kekhai doctor": thư mục dữ liệu, lược đồ cơ sở dữ liệu, thư viện PKCS#11, I-VAN
versions.json  phiên bản ứng dụng, Node, Electron, SQLite, hệ điều hành

Gói này KHÔNG chứa cơ sở dữ liệu, hồ sơ, mã PIN, mật khẩu hay mã truy cập; số CCCD và mã số BHXH trong nhật ký đã được che.
This bundle holds no database, dossier, PIN, password or token; personal numbers in the logs are masked.
`;

/**
 * The zip support asks for (issue #13, item 7): the logs, the doctor report and the versions. Nothing is read from
 * the database except what doctor reports, and every text goes through the log redaction once more.
 */
export function buildSupportBundle(
  dataDir: string,
  doctor: DoctorReport,
  now: Date,
): { name: string; bytes: Uint8Array; entries: string[] } {
  const files: Record<string, Uint8Array> = {};
  // Opened in Notepad: a BOM names the encoding (a .txt has no other place for it; Notepad before Windows 10 1903
  // guesses the ANSI code page without one) and CRLF keeps the lines apart in Notepad before 1809.
  files['README.txt'] = strToU8('\ufeff' + README.replace(/\r?\n/g, '\r\n'));
  files['doctor.json'] = strToU8(JSON.stringify(redactValue(doctor), null, 2));
  files['versions.json'] = strToU8(
    JSON.stringify(
      {
        app: doctor.appVersion,
        ...doctor.versions,
        os: { platform: platform(), release: release(), arch: arch() },
        createdAt: now.toISOString(),
      },
      null,
      2,
    ),
  );
  const dir = logsDir(dataDir);
  if (existsSync(dir)) {
    // Newest first, so a cap drops the oldest rotations.
    const logs = readdirSync(dir)
      .filter((n) => LOG_FILE.test(n))
      .map((n) => ({ n, at: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    let total = 0;
    for (const { n } of logs) {
      const raw = readFileSync(join(dir, n), 'utf8');
      if (total + raw.length > MAX_LOG_BYTES) continue;
      total += raw.length;
      files[`logs/${n}`] = strToU8(raw.split('\n').map(redactText).join('\n'));
    }
  }
  const stamp = formatStampVN(now);
  return { name: `kekhai-ho-tro-${stamp}.zip`, bytes: zipSync(files, { level: 6 }), entries: Object.keys(files) };
}
