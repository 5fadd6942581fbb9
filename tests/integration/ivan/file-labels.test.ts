/**
 * Issue #13 item 5 — a dossier queued from a file (`kekhai outbox add FILE`, the UI's file option) has no dossier
 * row, yet `kekhai ivan history --json` names it by what the file says: unit code and name, procedure, period and
 * the batch (đợt) its D01-TS states — read by the one strict reader when it is queued.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftSchema } from '../../../shared/draft/schema';
import { buildForms } from '../../../shared/forms/build';
import { buildEnvelope, envelopeInfoOf } from '../../../shared/forms/envelope';
import { makeSignedDossier } from '../../../electron/signing/make-dossier';
import { makeTempDir, removeDir } from '../../support/tmp';
import { runCli } from '../../support/cli';
import { BEFORE_DEADLINE, draft, testCertSigner } from './fixtures';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-file-labels-');
  // A row starting before the period needs a D01-TS, whose KemTheo names the batch: "… kỳ 10/2015 đợt 2".
  const input = draft(4);
  const d = draftSchema.parse({ ...input, batch: 2, rows: input.rows.map((r) => ({ ...r, fromMonth: '08/2015' })) });
  const forms = buildForms(d).map((f) => ({
    code: f.code,
    description: f.description,
    fileName: f.fileName,
    xml: f.xml,
  }));
  expect(forms.map((f) => f.code)).toContain('D01-TS');
  const s = await testCertSigner();
  try {
    const signed = await makeSignedDossier(
      { forms, envelope: (files) => buildEnvelope(envelopeInfoOf(d), files) },
      s,
      BEFORE_DEADLINE,
    );
    file = join(dir, 'BHXHDienTu.xml');
    writeFileSync(file, signed.envelopeXml);
  } finally {
    await s.close();
  }
});
afterAll(() => removeDir(dir));

describe('history labels of a dossier queued from a file', () => {
  test('outbox add FILE, then ivan history --json: unit name, procedure and batch come from the file', async () => {
    const data = join(dir, 'data');
    const add = await runCli(['outbox', 'add', file, '--endpoint', 'http://127.0.0.1:9', '--json'], { data });
    expect(add.code, add.stderr + add.stdout).toBe(0);
    // A new process: nothing cached from the enqueue, the labels are read again from the stored bytes.
    const h = await runCli(['ivan', 'history', '--json'], { data });
    expect(h.code, h.stderr + h.stdout).toBe(0);
    const items = Array.isArray(h.json) ? h.json : h.json.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      unitCode: 'TS12345',
      unitName: 'CÔNG TY TNHH MẪU',
      procedure: '600',
      period: '10/2015',
      batch: 2,
      receiptNo: null,
    });
    // Found by the unit's name, as the clerk types it (without diacritics).
    const found = await runCli(['ivan', 'history', '--search', 'cong ty tnhh mau', '--json'], { data });
    expect((Array.isArray(found.json) ? found.json : found.json.items).length).toBe(1);
  });
});
