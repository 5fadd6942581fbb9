import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { makeTempDir, removeDir } from '../../support/tmp';
import { runCli } from '../../support/cli';

/** Usage errors speak the clerk's language: Vietnamese by default, real English with `--lang en` (never Vietnamese). */
let dir: string;
beforeAll(() => {
  dir = makeTempDir('kekhai-usage-en-');
  writeFileSync(join(dir, 'draft.json'), '{}');
});
afterAll(() => removeDir(dir));

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('CLI usage errors in English', () => {
  it('a missing --out: Vietnamese by default, English with --lang en, exit 2 both ways', async () => {
    const args = ['dossier', 'to-sheet', join(dir, 'draft.json')];
    const vi = await runCli(args, { data: join(dir, 'data') });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain('Thiếu tham số --out');
    const en = await runCli([...args, '--lang', 'en'], { data: join(dir, 'data') });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('Error: Missing option --out');
    expect(en.stderr).not.toMatch(VIETNAMESE);
    const json = await runCli([...args, '--lang', 'en', '--json'], { data: join(dir, 'data') });
    expect(json.json.error).toEqual({
      code: 'USAGE',
      message: 'Thiếu tham số --out',
      messageEn: 'Missing option --out',
    });
  });

  it('an unknown flag and a bad number are English too', async () => {
    const unknown = await runCli(['ivan', 'history', '--bogus', '--lang', 'en'], { data: join(dir, 'data') });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown option: --bogus');
    const port = await runCli(['serve', '--port', 'x', '--lang', 'en'], { data: join(dir, 'data') });
    expect(port.code).toBe(2);
    expect(port.stderr).not.toMatch(VIETNAMESE);
  });
});
