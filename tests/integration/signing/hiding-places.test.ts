/**
 * Issue #12 item 1 — "read a dossier one way". Each hiding place an attacker has in a signed dossier: data the
 * signature does not cover (comments, processing instructions, an unsigned ds:Object) or that a loose reader would
 * read differently (CDATA, a second copy of an element). xmlsec1 shows the signature is still intact for the
 * uncovered ones (so the attack is real); the verifier, the outbox, the CLI and the local I-VAN all refuse the file
 * with a Vietnamese message and store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { readSignedXml, readDossier } from '../../../shared/dossier/read';
import { addToOutbox, listOutbox } from '../../../electron/ivan/outbox-repo';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { HttpIvanAdapter } from '../../../electron/ivan/http-adapter';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { runCli } from '../../support/cli';
import { RESOURCES, receiptClock, signedDossier, testCertSigner, BEFORE_DEADLINE } from '../ivan/fixtures';
import { writeTo, xmlsec1Verify } from './oracles';
import type { Signer } from '../../../electron/signing/signer';

let dir: string;
let signer: Signer;
let clean: string;
const TEST_CA = join(RESOURCES, 'test-signing', 'test-ca.pem');

/** The dossier's D02-TS with one more employee earning 99,000,000 — the forged form an attacker wants counted. */
function forgedD02(envelope: string): string {
  const b64 = /<MaToKhai>D02-TS<\/MaToKhai>[\s\S]*?<NoiDungFile>([^<]+)<\/NoiDungFile>/.exec(envelope)![1]!;
  const form = Buffer.from(b64, 'base64').toString('utf8');
  const row = /<LaoDong>[\s\S]*?<\/LaoDong>/.exec(form)![0]!;
  const forged = row
    .replace(/<HoTen>[^<]*<\/HoTen>/, '<HoTen>Người Ma</HoTen>')
    .replace(/<TienLuong>[^<]*<\/TienLuong>/, '<TienLuong>99000000</TienLuong>');
  const x = form.replace(row, row + forged);
  const b = Buffer.from(x, 'utf8').toString('base64');
  return `<FileToKhai><MaToKhai>D02-TS</MaToKhai><MoTaToKhai>Danh sách</MoTaToKhai><TenFile>D02-TS-595.xml</TenFile><LoaiFile>.xml</LoaiFile><DoDaiFile>${b.length}</DoDaiFile><NoiDungFile>${b}</NoiDungFile></FileToKhai>`;
}

/** Each hiding place: the tampered envelope, the refusal code, whether the signature still verifies (xmlsec1). */
function hidingPlaces(): { name: string; xml: string; code: string; intact: boolean }[] {
  const forged = forgedD02(clean);
  return [
    {
      name: 'forged D02-TS in a comment',
      xml: clean.replace('</ToKhais>', `<!--${forged}--></ToKhais>`),
      code: 'XML_FORBIDDEN_MARKUP',
      intact: true,
    },
    {
      name: 'hidden unit code in a comment before the real one',
      xml: clean.replace('<MaSoBHXH>', '<!--<MaSoBHXH>XX99999</MaSoBHXH>--><MaSoBHXH>'),
      code: 'XML_FORBIDDEN_MARKUP',
      intact: true,
    },
    {
      name: 'forged form in a processing instruction',
      xml: clean.replace('</ToKhais>', `<?kekhai ${forged}?></ToKhais>`),
      code: 'XML_FORBIDDEN_MARKUP',
      intact: false,
    },
    {
      name: 'forged form in an unsigned ds:Object',
      xml: clean.replace(
        /<\/Object><\/Signature><\/CKy_Dvi>/,
        `</Object><Object>${forged}</Object></Signature></CKy_Dvi>`,
      ),
      code: 'XML_UNEXPECTED_ELEMENT',
      intact: true,
    },
    {
      name: 'unit code wrapped in CDATA',
      xml: clean.replace(/<MaSoBHXH>([^<]*)<\/MaSoBHXH>/, '<MaSoBHXH><![CDATA[$1]]></MaSoBHXH>'),
      code: 'XML_FORBIDDEN_MARKUP',
      intact: true,
    },
    {
      name: 'a second MaSoBHXH',
      xml: clean.replace('</MaSoBHXH>', '</MaSoBHXH><MaSoBHXH>XX99999</MaSoBHXH>'),
      code: 'XML_DUPLICATE_ELEMENT',
      intact: false,
    },
    {
      name: 'a second ToKhais list',
      xml: clean.replace('</ToKhais>', `</ToKhais><ToKhais>${forged}</ToKhais>`),
      code: 'XML_DUPLICATE_ELEMENT',
      intact: false,
    },
  ];
}

beforeAll(async () => {
  dir = makeTempDir('kekhai-hiding-');
  signer = await testCertSigner();
  clean = await signedDossier(signer, 1);
});
afterAll(async () => {
  await signer.close();
  removeDir(dir);
});

describe('one strict reading of a signed dossier', () => {
  it('the untouched dossier reads and verifies (and xmlsec1 agrees)', () => {
    expect(
      xmlsec1Verify(writeTo(dir, 'clean.xml', clean), TEST_CA, { verificationTime: '2015-10-20 02:00:00' }).ok,
    ).toBe(true);
    const r = verifyDossierXml(Buffer.from(clean), { now: BEFORE_DEADLINE });
    expect(r.valid).toBe(true);
    const d = readDossier(clean);
    expect(d.unitCode).toBe('TS12345');
    expect(d.files.find((f) => f.code === 'D02-TS')!.form!.rows).toHaveLength(1);
  });

  it('every hiding place is refused by the verifier with a Vietnamese message; xmlsec1 shows which ones a signature does not cover', () => {
    for (const h of hidingPlaces()) {
      const file = writeTo(dir, `${h.name.replace(/\W+/g, '-')}.xml`, h.xml);
      const sec = xmlsec1Verify(file, TEST_CA, { verificationTime: '2015-10-20 02:00:00' });
      expect(sec.ok, `${h.name}: xmlsec1 ${sec.output}`).toBe(h.intact);
      let caught: unknown = null;
      try {
        verifyDossierXml(Buffer.from(h.xml), { now: BEFORE_DEADLINE });
      } catch (e) {
        caught = e;
      }
      expect(caught, h.name).toMatchObject({ code: h.code });
      expect((caught as Error).message, h.name).toMatch(/(chú thích|chỉ thị xử lý|CDATA|thẻ lạ|lặp lại)/);
      expect((caught as Error).message, h.name).toMatch(/dòng \d+, cột \d+/);
      expect(() => readDossier(h.xml), h.name).toThrow();
    }
  });

  it('a forged row in a comment inside a form is refused too', () => {
    expect(() =>
      readSignedXml(
        '<D02-TS><NoiDung><LaoDong><TienLuong>5000000</TienLuong></LaoDong><!--<LaoDong><TienLuong>99000000</TienLuong></LaoDong>--></NoiDung><Cky/></D02-TS>',
      ),
    ).toThrow(expect.objectContaining({ code: 'XML_FORBIDDEN_MARKUP' }));
  });

  it('a duplicate field inside a form row is refused (two TienLuong)', () => {
    expect(() =>
      readSignedXml(
        '<D02-TS><NoiDung><LaoDong><TienLuong>5000000</TienLuong><TienLuong>99000000</TienLuong></LaoDong></NoiDung><Cky/></D02-TS>',
      ),
    ).toThrow(/TienLuong.*lặp lại/);
    // Rows themselves repeat: two LaoDong are two employees.
    expect(
      readSignedXml(
        '<D02-TS><NoiDung><LaoDong><TienLuong>1</TienLuong></LaoDong><LaoDong><TienLuong>2</TienLuong></LaoDong></NoiDung><Cky/></D02-TS>',
      ).rows,
    ).toEqual([{ TienLuong: '1' }, { TienLuong: '2' }]);
  });

  it('the outbox refuses every hiding place and stores nothing', () => {
    const ctx: TestContext = createTestContext({ dataDir: join(dir, 'outbox'), now: BEFORE_DEADLINE });
    try {
      for (const h of hidingPlaces()) {
        expect(
          () =>
            addToOutbox(ctx.db, {
              xml: Buffer.from(h.xml),
              fileName: 'BHXHDienTu.xml',
              endpoint: 'http://127.0.0.1:9',
              now: BEFORE_DEADLINE,
            }),
          h.name,
        ).toThrow(expect.objectContaining({ code: h.code }));
      }
      expect(listOutbox(ctx.db)).toEqual([]);
    } finally {
      ctx.db.close();
    }
  });

  it('the local I-VAN refuses every hiding place (400, nothing stored) and accepts the untouched dossier', async () => {
    const srvDir = join(dir, 'srv');
    const server: RunningIvanServer = await startIvanServer({
      dataDir: srvDir,
      resourcesDir: RESOURCES,
      resultDelayMs: 10,
      now: receiptClock(),
    });
    try {
      const adapter = new HttpIvanAdapter({ endpoint: server.url, providerCode: '00040' });
      for (const [i, h] of hidingPlaces().entries()) {
        const e = await adapter.submit(Buffer.from(h.xml), `HIDDEN-${i}`, 'dossier').then(
          () => null,
          (x: unknown) => x,
        );
        expect(e, h.name).not.toBeNull();
        expect(String((e as Error).message), h.name).toMatch(/từ chối|không phải hồ sơ/);
      }
      expect(listTransactions(server.db)).toEqual([]);
      const ok = await adapter.submit(Buffer.from(clean), 'CLEAN-1', 'dossier');
      await server.settle();
      expect((await adapter.status(ok.transactionId)).status).toBe('accepted');
    } finally {
      await server.close();
    }
  });

  it('kekhai verify: exit 1 and the Vietnamese refusal for the forged comment; the clean file verifies (intact, test CA trusted for the test certificate only)', async () => {
    const forged = writeTo(dir, 'cli-forged.xml', hidingPlaces()[0]!.xml);
    const data = join(dir, 'cli-data');
    const r = await runCli(['verify', forged, '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/chú thích/);
    const okFile = join(dir, 'cli-clean.xml');
    writeFileSync(okFile, clean);
    const v = await runCli(['verify', okFile, '--json', '--now', BEFORE_DEADLINE.toISOString()], { data });
    const report = JSON.parse(v.stdout) as {
      valid: boolean;
      trusted: boolean;
      files: { trusted: boolean; chain: unknown[] }[];
    };
    expect(report).toMatchObject({ valid: true, trusted: true });
    expect(v.code).toBe(0);
    expect(readFileSync(okFile, 'utf8')).toBe(clean);
  });
});
