import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BACKUP_BYTES, MAX_FILE_BYTES } from '../../../shared/file-limits';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir, writeSparseFile } from '../../support/tmp';
import { SAIGON_UNIT as UNIT } from '../../support/units';

/**
 * A file far over what any method takes (a video or a disk image picked by mistake, renamed .xlsx or .csv). Before,
 * `kekhai` read it whole and stopped with a bare "ERR_STRING_TOO_LONG" (its base64 past V8's longest string) after
 * taking over 1 GB of memory. The files here are sparse: 151 MB on paper, nothing on disk.
 */
let dir: string;
beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-oversized-');
});
afterAll(() => removeDir(dir));

const sparse = (name: string, bytes: number) => writeSparseFile(dir, name, bytes);

describe('files over the 150 MB the contract takes', () => {
  it('kekhai roster import and dossier from-sheet refuse one by its size, before reading it, naming it', async () => {
    const data = join(dir, 'data');
    expect((await runCli([...unitAddArgs(UNIT), '--json'], { data })).code).toBe(0);
    const file = sparse('danh-sach.xlsx', 151 * 1024 * 1024);
    expect(statSync(file).blocks).toBe(0); // nothing on disk: only its size can tell

    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.json).toEqual({
      error: {
        code: 'FILE_TOO_LARGE',
        message: `Tệp ${file} quá lớn (151 MB): tối đa 150 MB — hãy kiểm tra đã chọn đúng tệp`,
        messageEn: `File ${file} is too large (151 MB): at most 150 MB — check that it is the right file`,
        details: { path: file, bytes: 158_334_976 },
      },
    });

    const human = await runCli(
      ['dossier', 'from-sheet', file, '--unit', UNIT.code, '--period', '02/2026', '--out', join(dir, 'd.json')],
      { data },
    );
    expect(human.code).toBe(1);
    expect(human.stderr).toContain(`Tệp ${file} quá lớn (151 MB): tối đa 150 MB`);
  });

  it('kekhai restore takes a backup over 150 MB (it holds every signed dossier) and refuses one over 360 MB', async () => {
    const data = join(dir, 'data-restore');
    expect((await runCli([...unitAddArgs(UNIT), '--json'], { data })).code).toBe(0);
    expect(MAX_BACKUP_BYTES).toBe(360 * 1024 * 1024);
    const huge = sparse('sao-luu-lon.db', MAX_BACKUP_BYTES + 1);
    const refused = await runCli(['restore', huge, '--json'], { data });
    expect(refused.code).toBe(1);
    expect((refused.json as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: `Tệp ${huge} quá lớn (361 MB): tối đa 360 MB — hãy kiểm tra đã chọn đúng tệp`,
    });
    // 151 MB: read, and refused for what it is (no database), not for its size.
    const big = sparse('sao-luu.db', 151 * 1024 * 1024);
    const read = await runCli(['restore', big, '--json'], { data });
    expect(read.code).toBe(1);
    expect((read.json as { error: { code: string } }).error.code).not.toBe('FILE_TOO_LARGE');
  });

  it('a file of exactly 150 MB is read (and then refused for what it holds, not its size)', async () => {
    const data = join(dir, 'data-edge');
    expect((await runCli([...unitAddArgs(UNIT), '--json'], { data })).code).toBe(0);
    // A zip's first bytes and nothing after: read, then refused at once as no workbook.
    const file = sparse('bang-ke.xlsx', MAX_FILE_BYTES);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from('PK\x03\x04', 'latin1'), 0, 4, 0);
    closeSync(fd);
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', '--dry-run'], { data });
    expect(r.code).toBe(1);
    expect((r.json as { error: { code: string } }).error.code).toBe('BAD_FILE');
  });
});

/**
 * CSV had none of the .xlsx reader's caps: 600,000 rows were read (555 MB), and a 20 MB file of NUL bytes (one
 * "cell", built a character at a time) took 850 MB. Now the same caps as .xlsx: 200,000 data rows, 32,767
 * characters a cell, each refusing the file saying which.
 */
describe('CSV caps, as the .xlsx reader has them', () => {
  async function importCsv(name: string, text: string | null, bytes?: number) {
    const data = join(dir, `data-${name}`);
    expect((await runCli([...unitAddArgs(UNIT), '--json'], { data })).code).toBe(0);
    const file = text === null ? sparse(name, bytes!) : join(dir, name);
    if (text !== null) writeFileSync(file, text);
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', '--dry-run'], { data });
    return { code: r.code, error: (r.json as { error?: { code: string; message: string } }).error, json: r.json };
  }
  const HEAD = 'Họ và tên,Ngày sinh,Giới tính,Địa chỉ\r\n';

  it('more than 200,000 data rows: refused saying so', async () => {
    const r = await importCsv('rows.csv', HEAD + 'Nguyễn Văn An,01/02/1990,Nam,Hà Nội\r\n'.repeat(200_000));
    expect(r.code).toBe(1);
    expect(r.error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'Tệp CSV vượt giới hạn: có hơn 200.000 dòng dữ liệu',
    });
  });

  it('a cell over 32,767 characters: refused naming its row and column; one of 32,767 is read', async () => {
    const long = await importCsv('long.csv', HEAD + `Nguyễn Văn An,01/02/1990,Nam,${'a'.repeat(32_768)}\r\n`);
    expect(long.error).toEqual({
      code: 'FILE_TOO_LARGE',
      message: 'Tệp CSV vượt giới hạn: dòng 2, cột 4 dài hơn 32.767 ký tự — tệp có đúng là bảng danh sách không?',
      messageEn:
        'The CSV file exceeds a limit: row 2, column 4 is longer than 32767 characters — is this the roster file?',
    });
    const edge = await importCsv('edge.csv', HEAD + `Nguyễn Văn An,01/02/1990,Nam,${'a'.repeat(32_767)}\r\n`);
    expect(edge.error?.code).not.toBe('FILE_TOO_LARGE');
    // Characters, not bytes: 32,767 "Đ" are 65,534 bytes of UTF-8.
    const wide = await importCsv('wide-letters.csv', HEAD + `Nguyễn Văn An,01/02/1990,Nam,${'Đ'.repeat(32_767)}\r\n`);
    expect(wide.error?.code).not.toBe('FILE_TOO_LARGE');
    const over = await importCsv('over-letters.csv', HEAD + `Nguyễn Văn An,01/02/1990,Nam,${'Đ'.repeat(32_768)}\r\n`);
    expect(over.error?.message).toBe(long.error?.message);
  });

  it('a quote never closed in a long file: the refusal names the quote and the lines it swallowed', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `Nguyễn Văn An,01/02/1990,Nam,Số ${i} phố Huế\r\n`).join('');
    const r = await importCsv('quote.csv', HEAD + 'Trần Thị Bình,03/04/1991,Nữ,"Số 5\r\n' + rows);
    expect(r.error?.code).toBe('FILE_TOO_LARGE');
    expect(r.error?.message).toMatch(
      /^Tệp CSV vượt giới hạn: dòng 2, cột 4 mở dấu ngoặc kép \("\) mà không đóng: ô đã kéo dài hơn 32\.767 ký tự qua \d+ dòng sau của tệp — hãy xoá hoặc đóng dấu ngoặc kép đó$/,
    );
  });

  it('20 MB of NUL bytes named .csv (a disk image picked by mistake): refused as one cell over the cap', async () => {
    const r = await importCsv('image.csv', null, 20 * 1024 * 1024);
    expect(r.error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'Tệp CSV vượt giới hạn: dòng 1, cột 1 dài hơn 32.767 ký tự — tệp có đúng là bảng danh sách không?',
    });
  });

  it('a separator for every column up to XFD (a used range stretched by formatting) is read as the rows it holds', async () => {
    const tail = ','.repeat(16_381);
    const lines = [`Họ và tên,Ngày sinh,Giới tính${tail}`];
    for (let i = 0; i < 300; i++)
      lines.push(`Nguyễn Văn An,${String((i % 28) + 1).padStart(2, '0')}/02/${1960 + Math.floor(i / 28)},Nam${tail}`);
    lines.push(`Trần Thị Bình,31/02/1990,Nữ${tail}`); // no such day: one rejected row
    const r = await importCsv('xfd.csv', lines.join('\r\n') + '\r\n');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ imported: 300, rejectedRows: 1, totalRows: 301 });
    // The error workbook: the file's three columns, the row number and the reason — not 16,384 columns.
    const errors = readXlsx(Buffer.from((r.json as { errorFile: { base64: string } }).errorFile.base64, 'base64'));
    expect(errors.rows[0]!.cells).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Dòng trong tệp', 'Lý do']);
  });

  it('a value beyond column 1,024: refused naming its row, as the .xlsx reader does', async () => {
    const r = await importCsv('far.csv', HEAD + `Nguyễn Văn An,01/02/1990,Nam,Hà Nội${','.repeat(1100)}x\r\n`);
    expect(r.error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message:
        'Tệp CSV vượt giới hạn: dòng 2 có giá trị ở cột 1104, ngoài 1.024 cột đầu: hãy xoá các cột thừa bên phải bảng rồi lưu lại',
    });
  });
});
