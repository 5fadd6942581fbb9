import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptedSalaries, c12Statement } from '../../../electron/ivan/simulator/c12';
import { openServerStore } from '../../../electron/ivan/simulator/store';
import { draftSchema, type DraftRowInput } from '../../../shared/draft/schema';
import { buildForms } from '../../../shared/forms/build';
import { buildEnvelope, envelopeInfoOf } from '../../../shared/forms/envelope';
import { readEnvelope } from '../../../shared/ivan/envelope-read';
import { baseDraft, exampleRow, tmRow } from '../../unit/declarations/fixtures/make-draft';

const XSD = join(process.cwd(), 'resources', 'xsd');
const REAL = join(process.cwd(), 'tests', 'fixtures', 'real');
const dir = mkdtempSync(join(tmpdir(), 'kekhai-loai-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `xmllint --noout --schema` as the oracle. */
function xsd(xml: string | Buffer, name: string, schema: string): { ok: boolean; out: string } {
  const f = join(dir, name);
  writeFileSync(f, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', join(XSD, schema), f], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stderr };
}

const realD02 = readFileSync(join(REAL, 'ers-D02-TS-595.xml'));
const realText = realD02.toString('utf8');
/** A copy of the real file with one row's PA, Loai and NgaySinh replaced (shape as addendum 2 describes). */
const variant = (pa: string, loai: string, birth = '26/04/1995') =>
  realText
    .replace('<PA>TM</PA>', `<PA>${pa}</PA>`)
    .replace('<Loai>1</Loai>', `<Loai>${loai}</Loai>`)
    .replace('<NgaySinh>26/04/1995</NgaySinh>', `<NgaySinh>${birth}</NgaySinh>`);

describe('our XSDs accept the real signed files and Loai 1–5 (xmllint)', () => {
  it('the real ERS D02-TS and TK1-TS (05/2023) validate as they are', () => {
    expect(xsd(realD02, 'real-d02.xml', 'D02-TS.xsd')).toMatchObject({ ok: true });
    expect(xsd(readFileSync(join(REAL, 'ers-TK1-TS-595.xml')), 'real-tk1.xml', 'TK1-TS.xsd')).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['GH', '3'],
    ['TS', '3'],
    ['KL', '3'],
    ['OF', '3'],
    ['DC', '2'],
    ['DC', '4'],
    ['CD', '5'],
    ['DV', '2'],
    ['TL', '1'],
    ['TN', '2'],
    ['GN', '4'],
    ['GL', '4'],
  ])('a real row as PA %s, Loai %s validates', (pa, loai) => {
    const r = xsd(variant(pa, loai), `v-${pa}-${loai}.xml`, 'D02-TS.xsd');
    expect(r.ok, r.out).toBe(true);
  });

  it('birth dates mm/yyyy and yyyy validate; Loai 6, an unknown PA and a bad date do not', () => {
    expect(xsd(variant('TM', '1', '04/1995'), 'b1.xml', 'D02-TS.xsd').ok).toBe(true);
    expect(xsd(variant('TM', '1', '1995'), 'b2.xml', 'D02-TS.xsd').ok).toBe(true);
    expect(xsd(variant('TM', '6'), 'bad1.xml', 'D02-TS.xsd').ok).toBe(false);
    expect(xsd(variant('XX', '1'), 'bad2.xml', 'D02-TS.xsd').ok).toBe(false);
    expect(xsd(variant('TM', '1', '4/1995'), 'bad3.xml', 'D02-TS.xsd').ok).toBe(false);
  });
});

describe('built D02-TS files carry Loai by direction and validate (xmllint)', () => {
  const noContract = { number: '', signedOn: '', type: '' as const, from: '', to: '' };
  const cases: [string, DraftRowInput, string][] = [
    ['TM', tmRow({ birthDate: '05/1990' }), '1'],
    [
      'DC raise',
      tmRow({
        plan: 'DC',
        insuranceNo: '3815012345',
        salary: 4_000_000,
        previousSalary: 3_500_000,
        contract: { ...noContract, number: '1/PL', signedOn: '01/10/2015' },
      }),
      '2',
    ],
    ['GH', tmRow({ plan: 'GH', insuranceNo: '3815012345', contract: noContract }), '3'],
    [
      'DC cut',
      tmRow({
        plan: 'DC',
        insuranceNo: '3815012345',
        salary: 3_000_000,
        previousSalary: 3_500_000,
        contract: { ...noContract, number: '1/PL', signedOn: '01/10/2015' },
      }),
      '4',
    ],
    ['CD', tmRow({ plan: 'CD', insuranceNo: '3815012345', previousSalary: 3_500_000, contract: noContract }), '5'],
    ['DV', exampleRow('DV'), '2'],
    ['TL', exampleRow('TL'), '1'],
    ['TN', exampleRow('TN'), '2'],
    ['GN', exampleRow('GN'), '4'],
    ['GL', exampleRow('GL'), '4'],
  ];
  it.each(cases)('%s → Loai %s', (name, row, loai) => {
    const draft = draftSchema.parse(baseDraft('10/2015', [row]));
    const forms = buildForms(draft);
    const d02 = forms.find((f) => f.code === 'D02-TS')!;
    expect(d02.xml).toContain(`<Loai>${loai}</Loai>`);
    const r = xsd(d02.xml, `built-${name.replace(' ', '-')}.xml`, 'D02-TS.xsd');
    expect(r.ok, r.out).toBe(true);
    const tk1 = forms.find((f) => f.code === 'TK1-TS');
    if (tk1) expect(xsd(tk1.xml, `built-${name.replace(' ', '-')}-tk1.xml`, 'TK1-TS.xsd').ok).toBe(true);
  });
});

describe('the training I-VAN remembers accepted salaries for the next C12-TS (real SQLite)', () => {
  it('measures a DC from the salary of an earlier accepted dossier, not from the new salary', () => {
    const db = openServerStore(join(dir, 'server'));
    const insert = (id: string, rows: DraftRowInput[], status: string, at: string) => {
      const draft = draftSchema.parse(baseDraft('10/2015', rows));
      const files = buildForms(draft).map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        base64: Buffer.from(f.bytes).toString('base64'),
      }));
      const xml = buildEnvelope(envelopeInfoOf(draft), files);
      db.prepare(
        "INSERT INTO transactions (transaction_id, kind, idempotency_key, content_sha256, unit_code, agency_code, period, status, received_at, decide_after, xml) VALUES (?, 'dossier', ?, ?, ?, '03801', '10/2015', ?, ?, ?, ?)",
      ).run(id, id, id, draft.unit.code, status, at, at, Buffer.from(xml));
      return xml;
    };
    const contract = { number: '1/PL', signedOn: '01/10/2015', type: '' as const, from: '', to: '' };
    insert(
      't1',
      [tmRow({ plan: 'TC', insuranceNo: '3815012345', salary: 5_000_000 })],
      'accepted',
      '2015-10-02T01:00:00Z',
    );
    insert(
      't2',
      [tmRow({ plan: 'TC', insuranceNo: '3815099999', salary: 9_000_000 })],
      'rejected',
      '2015-10-03T01:00:00Z',
    );
    const dcXml = insert(
      't3',
      [tmRow({ plan: 'DC', insuranceNo: '3815012345', salary: 6_300_000, previousSalary: 5_000_000, contract })],
      'accepted',
      '2015-10-20T01:00:00Z',
    );
    const known = acceptedSalaries(db, 'TA0001A', 't3');
    // The accepted TC (5.000.000) is known; the rejected one (3815099999) and the dossier being decided (t3) are not.
    expect(known.get('3815012345')).toBe(5_000_000);
    expect(known.has('3815099999')).toBe(false);
    expect([...known.values()]).not.toContain(6_300_000);
    // 10/2015: (6.300.000 − 5.000.000) × 32,5 % = 422.500.
    const c12 = c12Statement(readEnvelope(dcXml), '03801', known);
    expect(c12.lines.find((l) => l.code === 'B.3')!.cong).toBe(422_500);
    db.close();
  });
});
