import { AppError } from '../../core/app-error';
import { writeFileAtomic } from '../../core/atomic-file';
import { fileBlobFrom, readInputFile, requireFlag, stringFlag, UsageError, type CliCommand } from '../command';

/** `kekhai dossier from-sheet` / `to-sheet`: the VNPT-BHXH workbook to kekhai-draft/1 and back. */
export const sheetCommands: CliCommand[] = [
  {
    path: ['dossier', 'from-sheet'],
    usage: 'kekhai dossier from-sheet FILE.xlsx --unit CODE --period MM/YYYY --out DRAFT.json [--sheet NAME] [--json]',
    summary: 'Đọc tệp Excel mẫu VNPT-BHXH thành tờ khai kekhai-draft/1 / Read a VNPT-BHXH workbook as a draft',
    flags: { unit: 'string', period: 'string', out: 'string', sheet: 'string' },
    run: async (args, io) => {
      const file = args.positionals[0];
      if (!file)
        throw new UsageError(
          'Thiếu tệp: kekhai dossier from-sheet FILE.xlsx --unit CODE --period MM/YYYY --out DRAFT.json',
          'Missing file: kekhai dossier from-sheet FILE.xlsx --unit CODE --period MM/YYYY --out DRAFT.json',
        );
      const out = requireFlag(args, 'out');
      const r = await io.call('dossier.fromSheet', {
        file: fileBlobFrom(file),
        unitCode: requireFlag(args, 'unit'),
        period: requireFlag(args, 'period'),
        sheet: stringFlag(args, 'sheet'),
      });
      writeFileAtomic(out, JSON.stringify(r.draft, null, 2) + '\n');
      return { out, sheet: r.sheet, rows: (r.draft.rows as unknown[]).length, problems: r.problems };
    },
    human: (v, lang) => {
      const r = v as { out: string; sheet: string; rows: number; problems: { message: string; messageEn?: string }[] };
      const head =
        lang === 'en'
          ? `${r.rows} row(s) from sheet "${r.sheet}" written to ${r.out}`
          : `Đã ghi ${r.rows} dòng từ trang "${r.sheet}" vào ${r.out}`;
      return [head, ...r.problems.map((p) => `  - ${lang === 'en' ? (p.messageEn ?? p.message) : p.message}`)].join(
        '\n',
      );
    },
  },
  {
    path: ['dossier', 'to-sheet'],
    usage: 'kekhai dossier to-sheet DRAFT.json --out FILE.xlsx [--json]',
    summary: 'Ghi tờ khai ra tệp Excel mẫu VNPT-BHXH / Write a draft as a VNPT-BHXH workbook',
    flags: { out: 'string' },
    run: async (args, io) => {
      const file = args.positionals[0];
      if (!file)
        throw new UsageError(
          'Thiếu tệp: kekhai dossier to-sheet DRAFT.json --out FILE.xlsx',
          'Missing file: kekhai dossier to-sheet DRAFT.json --out FILE.xlsx',
        );
      const out = requireFlag(args, 'out');
      let draft: Record<string, unknown>;
      try {
        draft = JSON.parse(
          readInputFile(file)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
        ) as Record<string, unknown>;
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('VALIDATION', `Tệp ${file} không phải JSON hợp lệ: ${(e as Error).message}`, {
          en: `${file} is not valid JSON: ${(e as Error).message}`,
        });
      }
      const r = await io.call('dossier.toSheet', { draft });
      writeFileAtomic(out, Buffer.from(r.file.base64, 'base64'));
      return { out, rows: r.rows };
    },
    human: (v, lang) => {
      const r = v as { out: string; rows: number };
      return lang === 'en' ? `${r.rows} row(s) written to ${r.out}` : `Đã ghi ${r.rows} dòng vào ${r.out}`;
    },
  },
];
