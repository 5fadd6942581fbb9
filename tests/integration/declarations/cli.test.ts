import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { baseDraft, exampleRow, tmRow } from '../../unit/declarations/fixtures/make-draft';

const FIXTURE = join(process.cwd(), 'tests', 'unit', 'declarations', 'fixtures', 'draft-issue.json');
const dir = makeTempDir('kekhai-cli-decl-');
const data = join(dir, 'data');
afterAll(() => removeDir(dir));

function xsd(file: string, schema: string): boolean {
  return (
    spawnSync('xmllint', ['--noout', '--schema', join(process.cwd(), 'resources', 'xsd', schema), file]).status === 0
  );
}

describe('kekhai contributions / dossier build (built CLI)', () => {
  it('contributions DRAFT.json --json prints rows and totals in whole đồng', async () => {
    const r = await runCli(['contributions', FIXTURE, '--json'], { data });
    expect(r.code).toBe(0);
    expect(r.json.rows[0]).toMatchObject({
      index: 0,
      bases: { social: 3_500_000, health: 3_500_000, unemployment: 3_500_000 },
      employer: { total: 770_000 },
      employee: { total: 367_500 },
      total: 1_137_500,
    });
    expect(r.json.totals).toMatchObject({ employer: 770_000, employee: 367_500, total: 1_137_500 });
  });

  it('dossier build DRAFT.json --out DIR --json writes the unsigned forms; they validate; a second build is byte-identical', async () => {
    const out = join(dir, 'out1');
    const r = await runCli(['dossier', 'build', FIXTURE, '--out', out, '--json'], { data });
    expect(r.code).toBe(0);
    expect(r.json.validation).toMatchObject({ ok: true, errors: 0 });
    expect(r.json.files.map((f: { fileName: string }) => f.fileName)).toEqual(['D02-TS-595.xml', 'TK1-TS-595.xml']);
    expect(readdirSync(out).sort()).toEqual(['D02-TS-595.xml', 'TK1-TS-595.xml']);
    expect(xsd(join(out, 'D02-TS-595.xml'), 'D02-TS.xsd')).toBe(true);
    expect(xsd(join(out, 'TK1-TS-595.xml'), 'TK1-TS.xsd')).toBe(true);
    const again = await runCli(['dossier', 'build', FIXTURE, '--out', join(dir, 'out2'), '--json'], { data });
    for (const f of ['D02-TS-595.xml', 'TK1-TS-595.xml']) {
      expect(readFileSync(join(dir, 'out2', f)).equals(readFileSync(join(out, f)))).toBe(true);
    }
    expect(again.json.files[0].sha256).toBe(r.json.files[0].sha256);
  });

  it('writes a D01-TS for a retroactive row', async () => {
    const file = join(dir, 'late.json');
    writeFileSync(file, JSON.stringify(baseDraft('10/2015', [tmRow({ fromMonth: '08/2015' }), exampleRow('GH')])));
    const out = join(dir, 'out3');
    const r = await runCli(['dossier', 'build', file, '--out', out, '--json'], { data });
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['D01-TS-595.xml', 'D02-TS-595.xml', 'TK1-TS-595.xml']);
    expect(xsd(join(out, 'D01-TS-595.xml'), 'D01-TS.xsd')).toBe(true);
    expect(r.json.validation.problems.map((p: { code: string }) => p.code)).toContain('RETROACTIVE');
  });

  it('an invalid draft exits 1 listing every error with its row and field, and writes nothing', async () => {
    const bad = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    bad.rows[0].salary = 100_000;
    bad.rows[0].ethnicity = '77';
    bad.rows[0].contract.number = '';
    bad.rows.push({
      ...bad.rows[0],
      fullName: 'Trần B',
      salary: 3_500_000,
      ethnicity: '01',
      contract: { ...bad.rows[0].contract, number: '1' },
      idNumber: '038190099999',
      birthDate: '12/05/1985',
    });
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const out = join(dir, 'out-bad');
    const r = await runCli(['dossier', 'build', file, '--out', out, '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('VALIDATION');
    const problems = r.json.error.details.problems as { row: number; field: string; message: string }[];
    expect(problems.map((p) => `${p.row}:${p.field}`).sort()).toEqual(
      ['0:rows[0].contract.number', '0:rows[0].ethnicity', '0:rows[0].salary', '1:rows[1].idNumber'].sort(),
    );
    expect(problems.every((p) => /^Dòng \d/.test(p.message))).toBe(true);
    expect(() => readdirSync(out)).toThrow();
    const human = await runCli(['dossier', 'build', file, '--out', out], { data });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('Dân tộc: mã dân tộc "77"');
  });

  it('a file that is not JSON, or not a draft, is a clear user error', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"format": ');
    const r = await runCli(['dossier', 'build', file, '--out', join(dir, 'x'), '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.json.error.message).toContain('không phải JSON hợp lệ');
    writeFileSync(file, JSON.stringify({ format: 'other' }));
    const s = await runCli(['contributions', file, '--json'], { data });
    expect(s.code).toBe(1);
    expect(s.json.error.details.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['format', 'period', 'unit', 'rows']),
    );
  });

  it('dossier import / list / print work from the command line', async () => {
    const imp = await runCli(['dossier', 'import', FIXTURE, '--json'], { data });
    expect(imp.code).toBe(0);
    expect(imp.json).toMatchObject({ unitCode: 'TA0001A', period: '10/2015', batch: 1, state: 'draft' });
    const list = await runCli(['dossier', 'list', '--unit', 'TA0001A', '--json'], { data });
    expect(list.json.dossiers.map((d: { id: string }) => d.id)).toContain(imp.json.id);
    const html = join(dir, 'print.html');
    const p = await runCli(['dossier', 'print', FIXTURE, '--out', html, '--json'], { data });
    expect(p.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('size: A4 landscape');
    expect(text).toContain('DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ-BNN');
    expect(text).toContain('1.137.500');
  });
});
