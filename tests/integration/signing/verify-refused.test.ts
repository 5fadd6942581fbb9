import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { makeTempDir, removeDir } from '../../support/tmp';
import { runCli } from '../../support/cli';

/**
 * Issue #12 — `kekhai verify FILE --json` keeps its JSON contract for a file the strict reader refuses: the verdict
 * shape (`valid:false, trusted:false`, one file with `signer:null, mst:null, chain:[]` and the Vietnamese reason),
 * exit 1; the human output names the refusal.
 */
let dir: string;
beforeAll(() => {
  dir = makeTempDir('kekhai-verify-refused-');
});
afterAll(() => removeDir(dir));

describe('kekhai verify on a refused file', () => {
  for (const [label, name, content, reason] of [
    ['ill-formed XML', 'bad.xml', '<Hoso><NoiDung></Hoso>', /Tệp bị từ chối: Thẻ đóng <\/Hoso> không khớp/],
    [
      'a comment hiding data',
      'comment.xml',
      '<?xml version="1.0" encoding="utf-8"?><Hoso><!-- <LaoDong/> --><NoiDung></NoiDung></Hoso>',
      /Tệp bị từ chối: .+/,
    ],
    [
      'a non-UTF-8 declaration',
      'latin.xml',
      '<?xml version="1.0" encoding="ISO-8859-1"?><Hoso></Hoso>',
      /Tệp bị từ chối: .*UTF-8/,
    ],
  ] as const) {
    it(`${label}: the verdict JSON, exit 1`, async () => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = await runCli(['verify', file, '--json'], { data: join(dir, 'data') });
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.json.error).toBeUndefined();
      expect(r.json).toMatchObject({ valid: false, trusted: false });
      expect(r.json.files).toHaveLength(1);
      expect(r.json.files[0]).toMatchObject({ name, valid: false, trusted: false, signer: null, mst: null, chain: [] });
      expect(r.json.files[0].reason).toMatch(reason);
      const human = await runCli(['verify', file], { data: join(dir, 'data') });
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(/KHÔNG HỢP LỆ/);
      expect(human.stdout).toMatch(reason);
    });
  }
});
