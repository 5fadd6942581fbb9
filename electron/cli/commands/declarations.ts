import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatMoney } from '../../../shared/format';
import { AppError } from '../../core/app-error';
import { requireFlag, stringFlag, UsageError, type CliCommand } from '../command';
import { writeFileAtomic } from '../../core/atomic-file';

/** Reads a kekhai-draft/1 file; a missing file or broken JSON is a user error naming the file. */
/** A draft file's bytes; a missing path is a usage error, an unreadable file an IO error naming it. */
function draftBytes(path: string | undefined): Buffer {
  if (!path)
    throw new UsageError(
      'Thiếu đường dẫn tệp tờ khai (kekhai-draft/1 JSON)',
      'Missing the draft file path (kekhai-draft/1 JSON)',
    );
  try {
    return readFileSync(path);
  } catch (e) {
    throw new AppError(
      'IO',
      `Không đọc được tệp ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { en: `Cannot read ${path}` },
    );
  }
}

/** A draft file's bytes as a JSON object (a UTF-8 BOM allowed). */
function parseDraft(path: string, bytes: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('không phải một đối tượng JSON');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new AppError('VALIDATION', `Tệp ${path} không phải JSON hợp lệ: ${(e as Error).message}`, {
      en: `${path} is not valid JSON: ${(e as Error).message}`,
    });
  }
}

function readDraftFile(path: string | undefined): Record<string, unknown> {
  return parseDraft(path!, draftBytes(path));
}

function problemLines(problems: FieldProblem[], lang: 'vi' | 'en'): string[] {
  return problems.map(
    (p) =>
      `  ${p.severity === 'warning' ? (lang === 'en' ? 'warning' : 'cảnh báo') : lang === 'en' ? 'error' : 'lỗi'}: ${lang === 'en' ? (p.messageEn ?? p.message) : p.message}`,
  );
}

const contributions: CliCommand = {
  path: ['contributions'],
  usage: 'kekhai contributions DRAFT.json [--json]',
  summary:
    'Số tiền đóng từng dòng và tổng, theo quỹ, phần đơn vị và người lao động / Contributions per row and in total',
  run: (args, io) => io.call('declarations.contributions', { draft: readDraftFile(args.positionals[0]) }),
  human(value, lang) {
    const r = value as {
      rows: {
        index: number;
        plan: string;
        month: string;
        total: number;
        employer: { total: number };
        employee: { total: number };
      }[];
      totals: { employer: number; employee: number; total: number };
      skipped: number[];
    };
    const en = lang === 'en';
    return [
      ...r.rows.map(
        (x) =>
          `${en ? 'Row' : 'Dòng'} ${x.index + 1} ${x.plan} ${x.month}: ${formatMoney(x.employer.total)} + ${formatMoney(x.employee.total)} = ${formatMoney(x.total)}`,
      ),
      // A DC without the previous salary, a TH before 2018, a month without rules: `kekhai dossier validate` says why.
      ...r.skipped.map(
        (i) =>
          `${en ? 'Row' : 'Dòng'} ${i + 1}: ${en ? 'not computed (see kekhai dossier validate)' : 'chưa tính được số tiền (xem kekhai dossier validate)'}`,
      ),
      `${en ? 'Employer' : 'Đơn vị'}: ${formatMoney(r.totals.employer)} · ${en ? 'Employees' : 'Người lao động'}: ${formatMoney(r.totals.employee)} · ${en ? 'Total' : 'Tổng'}: ${formatMoney(r.totals.total)}`,
    ].join('\n');
  },
};

const validate: CliCommand = {
  path: ['dossier', 'validate'],
  usage: 'kekhai dossier validate DRAFT.json [--json]',
  summary: 'Kiểm tra tờ khai theo quy định / Validate a draft (exit 1 when an error remains)',
  run: (args, io) => io.call('declarations.validate', { draft: readDraftFile(args.positionals[0]) }),
  exitCode: (v) => ((v as { ok: boolean }).ok ? 0 : 1),
  human(value, lang) {
    const v = value as { ok: boolean; errors: number; warnings: number; problems: FieldProblem[] };
    const head =
      lang === 'en' ? `${v.errors} error(s), ${v.warnings} warning(s)` : `${v.errors} lỗi, ${v.warnings} cảnh báo`;
    return [head, ...problemLines(v.problems, lang)].join('\n');
  },
};

const build: CliCommand = {
  path: ['dossier', 'build'],
  usage: 'kekhai dossier build DRAFT.json --out DIR [--json]',
  summary: 'Lập tệp D02-TS, TK1-TS, D01-TS chưa ký vào thư mục / Write the unsigned form files',
  flags: { out: 'string' },
  async run(args, io) {
    const draft = readDraftFile(args.positionals[0]);
    const out = resolve(requireFlag(args, 'out'));
    const r = await io.call('declarations.build', { draft });
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new AppError('IO', `Không tạo được thư mục ${out}`, { en: `Cannot create ${out}`, cause: e });
    }
    const files = r.files.map((f) => {
      const path = join(out, basename(f.fileName));
      writeFileAtomic(path, Buffer.from(f.base64, 'base64'));
      return { code: f.code, description: f.description, fileName: f.fileName, path, size: f.size, sha256: f.sha256 };
    });
    return { files, validation: r.validation };
  },
  human(value, lang) {
    const v = value as {
      files: { fileName: string; path: string; size: number }[];
      validation: { warnings: number; problems: FieldProblem[] };
    };
    return [
      ...v.files.map((f) => `${f.path} (${f.size} B)`),
      ...(v.validation.warnings
        ? [
            lang === 'en' ? `${v.validation.warnings} warning(s):` : `${v.validation.warnings} cảnh báo:`,
            ...problemLines(v.validation.problems, lang),
          ]
        : []),
    ].join('\n');
  },
};

const print: CliCommand = {
  path: ['dossier', 'print'],
  usage: 'kekhai dossier print DRAFT.json --out FILE.html [--json]',
  summary: 'Trang in các mẫu (A4 ngang, HTML) / Printable HTML of the forms',
  flags: { out: 'string' },
  async run(args, io) {
    const r = await io.call('dossier.printHtml', { draft: readDraftFile(args.positionals[0]) });
    const out = resolve(requireFlag(args, 'out'));
    writeFileAtomic(out, r.html);
    return { path: out, title: r.title };
  },
  human: (v) => (v as { path: string }).path,
};

const importDraft: CliCommand = {
  path: ['dossier', 'import'],
  usage: 'kekhai dossier import DRAFT.json [--json]',
  summary: 'Nhập tờ khai thành hồ sơ nháp mới / Import a draft as a new dossier',
  async run(args, io) {
    const path = args.positionals[0];
    // Read once: checked as JSON here, sent as the file's bytes.
    const bytes = draftBytes(path);
    parseDraft(path!, bytes);
    const d = await io.call('dossier.importDraft', {
      file: { name: basename(path!), base64: bytes.toString('base64') },
    });
    return {
      id: d.id,
      unitCode: d.unitCode,
      period: d.period,
      batch: d.batch,
      state: d.state,
      validation: d.validation,
    };
  },
  human: (v) => {
    const d = v as { id: string; unitCode: string; period: string; batch: number; validation: { errors: number } };
    return `${d.id} ${d.unitCode} ${d.period} đợt ${d.batch} (${d.validation.errors} lỗi)`;
  },
};

const list: CliCommand = {
  path: ['dossier', 'list'],
  usage: 'kekhai dossier list [--unit CODE] [--period MM/YYYY] [--json]',
  summary: 'Danh sách hồ sơ và trạng thái / Dossiers and their state',
  flags: { unit: 'string', period: 'string' },
  run: (args, io) =>
    io.call('dossier.list', { unitCode: stringFlag(args, 'unit'), period: stringFlag(args, 'period') }),
  human: (v) =>
    (
      v as {
        dossiers: { id: string; unitCode: string; period: string; batch: number; state: string; rowCount: number }[];
      }
    ).dossiers
      .map((d) => `${d.id}  ${d.unitCode}  ${d.period}  đợt ${d.batch}  ${d.state}  ${d.rowCount} dòng`)
      .join('\n'),
};

export const declarationCommands: CliCommand[] = [contributions, validate, build, print, importDraft, list];
