import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';

describe('kekhai codes (built out/cli.cjs)', () => {
  let data: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('out/cli.cjs missing: run `npm run build` first (npm test does)');
    data = makeTempDir();
  });
  afterAll(() => removeDir(data));

  it('hospitals --search "đa khoa thanh hóa" --json → {"rows":[…]} with 38280 first', async () => {
    const r = await runCli(['codes', 'hospitals', '--search', 'đa khoa thanh hóa', '--json'], { data });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.rows[0]).toEqual({ code: '38280', name: 'Bệnh viện đa khoa tỉnh Thanh Hóa', province: '38' });
    expect(r.json.validFrom).toBe('2025-07-01');
  });

  it('--province filters hospitals and communes; every list answers', async () => {
    const h = await runCli(['codes', 'hospitals', '--province', '38', '--search', 'da khoa', '--json'], { data });
    expect(h.json.rows.length).toBeGreaterThan(5);
    expect(h.json.rows.every((x: { province: string }) => x.province === '38')).toBe(true);
    const c = await runCli(['codes', 'communes', '--province', '01', '--json'], { data });
    expect(
      c.json.rows.some((x: { code: string; name: string }) => x.code === '00070' && x.name === 'Phường Hoàn Kiếm'),
    ).toBe(true);
    expect(c.json.rows.every((x: { province: string }) => x.province === '01')).toBe(true);
    const all = await runCli(['codes', 'communes', '--json'], { data });
    expect(all.json.rows).toHaveLength(3321);
    const p = await runCli(['codes', 'provinces', '--json'], { data });
    expect(p.json.rows).toHaveLength(34);
    const old = await runCli(['codes', 'provinces', '--as-of', '2015-10-01', '--json'], { data });
    expect(old.json.rows).toHaveLength(64);
    const n = await runCli(['codes', 'nationalities', '--search', 'CS', '--json'], { data });
    expect(n.json.rows[0]).toEqual({ code: 'CS', name: 'SERBIA AND MONTENEGRO' });
    const e = await runCli(['codes', 'ethnicities', '--search', 'muong', '--json'], { data });
    expect(e.json.rows[0]).toMatchObject({ code: '06', name: 'Mường' });
  });

  it('human output names code and name; a wrong list is a usage error (exit 2)', async () => {
    const r = await runCli(['codes', 'provinces', '--search', 'thanh hoa'], { data });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^38\s+Tỉnh Thanh Hóa$/m);
    const bad = await runCli(['codes', 'hospital', '--json'], { data });
    expect(bad.code).toBe(2);
  });

  it('dossier validate accepts the legacy nationality codes VNPT keeps (AN, CS) and refuses a code in no list', async () => {
    const draft = JSON.parse(
      readFileSync(join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json'), 'utf8'),
    );
    const row = draft.rows[0];
    draft.rows = [
      { ...row, nationality: 'AN', ethnicity: '99', fullName: 'Jan de Vries', idNumber: 'NL1234567' },
      { ...row, nationality: 'CS', ethnicity: '99', fullName: 'Petar Jovanović', idNumber: 'CS7654321' },
      { ...row, nationality: 'QQ', ethnicity: '99', fullName: 'Người Q', idNumber: 'QQ1111111' },
    ];
    const file = join(data, 'draft-nationalities.json');
    writeFileSync(file, JSON.stringify(draft));
    const r = await runCli(['dossier', 'validate', file, '--json'], { data });
    const nationality = (r.json.problems as { code: string; field: string }[]).filter(
      (p) => p.code === 'NATIONALITY_UNKNOWN',
    );
    expect(nationality.map((p) => p.field)).toEqual(['rows[2].nationality']);
  });

  it('a newer dated list dropped into the resources folder wins, without a code change', async () => {
    const res = makeTempDir();
    cpSync(join(process.cwd(), 'resources', 'codes'), join(res, 'codes'), { recursive: true });
    writeFileSync(join(res, 'codes', 'provinces', '2026-01-01.csv'), 'ma_tinh,ten_tinh\n01,Thủ đô Hà Nội\n');
    const meta = JSON.parse(readFileSync(join(res, 'codes', 'codes.json'), 'utf8'));
    meta.lists.provinces.versions['2026-01-01'] = {
      rows: 1,
      source: 'Test list replacing the 2025 one',
      retrieved: '2026-12-01',
    };
    writeFileSync(join(res, 'codes', 'codes.json'), JSON.stringify(meta));
    const env = { KEKHAI_RESOURCES: res };
    const now = await runCli(['codes', 'provinces', '--json', '--now', '2026-06-01T00:00:00Z'], { data, env });
    expect(now.code, now.stderr).toBe(0);
    expect(now.json.rows).toEqual([{ code: '01', name: 'Thủ đô Hà Nội' }]);
    const before = await runCli(['codes', 'provinces', '--as-of', '2025-12', '--json'], { data, env });
    expect(before.json.rows).toHaveLength(34);
    removeDir(res);
  });
});
