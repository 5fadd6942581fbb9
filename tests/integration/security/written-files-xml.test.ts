/**
 * The form files (declarations.build: D02-TS, TK1-TS, D01-TS XML) carry text a clerk typed: markup, ampersands,
 * quotes, a carriage return and control characters in a job title or a workplace stay text — `xmllint` finds every file
 * well-formed, and Python's ElementTree reads the same text back (controls XML forbids dropped, nothing else lost).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { draft } from '../ivan/fixtures';

const NAME = 'Công ty <b>"A&B"</b> ]]> </TenDvi><x/>';
const ADDRESS = "Số 1 & 2, phố 'Huế'\u0001\u001b";

let dir: string;
let ctx: TestContext;
beforeAll(() => {
  dir = makeTempDir('kekhai-written-xml-');
  ctx = createTestContext();
});
afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

test('typed markup and controls in a job title and a workplace stay text in every form file', async () => {
  const d = draft(1) as unknown as { rows: Record<string, unknown>[] };
  d.rows[0]!.position = NAME;
  d.rows[0]!.workplace = ADDRESS;
  const r = await ctx.value('declarations.build', { draft: d as unknown as Record<string, unknown> });
  expect(r.files.length).toBeGreaterThan(0);
  const py = `
import sys
from xml.etree import ElementTree as ET
texts = [e.text or "" for e in ET.parse(sys.argv[1]).iter()]
print("\\n".join(t for t in texts if "Huế" in t or "Công ty" in t))
`;
  for (const f of r.files) {
    const p = join(dir, f.fileName);
    writeFileSync(p, Buffer.from(f.base64, 'base64'));
    const lint = spawnSync('xmllint', ['--noout', p], { encoding: 'utf8' });
    expect(lint.status, `${f.fileName}: ${lint.stderr}`).toBe(0);
    const read = spawnSync('python3', ['-c', py, p], { encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    const found = read.stdout.split('\n').filter(Boolean);
    for (const t of found) expect([NAME, "Số 1 & 2, phố 'Huế'"], f.fileName).toContain(t);
    if (f.code === 'D02-TS') expect(found.sort(), f.fileName).toEqual([NAME, "Số 1 & 2, phố 'Huế'"].sort());
  }
});
