/**
 * Denial of service through a crafted dossier: thousands of References, thousands of Id'd elements in the signed
 * Object (quadratic before: a duplicate-Id check by list scan), deep nesting, a huge Base64 certificate, entity
 * expansion, and a dossier embedded in a dossier (recursion). Each is refused or judged invalid, reads nothing it
 * does not need, and fetches nothing. No wall-clock bound is asserted (tests never time things; the harness's
 * timeout stops a hang): the caps make the work bounded — a Signature over 1 MB is refused unread, so the Id check
 * inside it (quadratic before) sees at most ~30,000 Ids, and 256 levels of nesting at most.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signXml } from '../../../electron/signing/sign-xml';
import { readDossier } from '../../../shared/dossier/read';
import { makeTempDir, removeDir } from '../../support/tmp';
import { BEFORE_DEADLINE, testCertSigner } from '../ivan/fixtures';
import {
  cleanDossier,
  expectNotValid,
  replaceForm,
  unsigned,
  verdict,
  xmlsecVerify,
  type Verdict,
} from './crafted-kit';

let dir: string;
let clean: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-crafted-dos-');
  clean = await cleanDossier();
});
afterAll(() => removeDir(dir));

/** The verifier's verdict on a crafted file. */
function judged(xml: string | Buffer, opts: { maxBytes?: number } = {}): { v: Verdict } {
  return { v: verdict(xml, opts) };
}

describe('many elements inside the Signature', () => {
  it('5,000 References (600 KB): refused by count', () => {
    const ref = '<Reference URI="#x"><DigestMethod Algorithm="x"/><DigestValue>AA==</DigestValue></Reference>';
    const { v } = judged(clean.replace('</SignedInfo>', `${ref.repeat(5000)}</SignedInfo>`));
    expectNotValid(v, /một Reference tới toàn tài liệu .* có 5002/);
  });

  it('50,000 References (5 MB of Signature): refused unread by size', () => {
    const ref = '<Reference URI="#x"><DigestMethod Algorithm="x"/><DigestValue>AA==</DigestValue></Reference>';
    const { v } = judged(clean.replace('</SignedInfo>', `${ref.repeat(50_000)}</SignedInfo>`));
    expectNotValid(v, /Thẻ <Signature> quá lớn \(\d+ KB, tối đa 1024 KB\)/);
  });

  it('30,000 elements with an Id in the signed Object: linear (the Id check was quadratic), SigningTime digest broken', () => {
    const props = Array.from({ length: 30_000 }, (_, i) => `<SignatureProperty Id="p${i}"/>`).join('');
    const x = clean.replace('</SignatureProperties></Object>', `</SignatureProperties>${props}</Object>`);
    const { v } = judged(x);
    expectNotValid(v, /Mã băm phần thời điểm ký \(SigningTime\) không khớp/);
  });

  it('20,000 extra Objects: refused (the profile has one)', () => {
    const x = clean.replace('</Object></Signature>', `</Object>${'<Object/>'.repeat(20_000)}</Signature>`);
    const { v } = judged(x);
    expectNotValid(v, /Chữ ký có 20001 thẻ <Object>/);
  });

  it('a 40 MB Base64 X509Certificate: the Signature is refused unread', () => {
    const x = clean.replace('<X509Certificate>', `<X509Certificate>${'A'.repeat(40 * 1024 * 1024)}`);
    const { v } = judged(x);
    expectNotValid(v, /Thẻ <Signature> quá lớn/);
  });

  it('20 certificates in KeyInfo: refused by count', () => {
    const cert = /<X509Certificate>[^<]+<\/X509Certificate>/.exec(clean)![0]!;
    const x = clean.replace(cert, cert.repeat(20));
    expectNotValid(judged(x).v, /<KeyInfo> có 20 chứng thư/);
  });
});

describe('many embedded forms', () => {
  it('3,000 copies of a signed form in one envelope: every one judged, in linear time (the certificate parsed once)', () => {
    const entry = /<FileToKhai>[\s\S]*?<\/FileToKhai>/.exec(clean)![0]!;
    const { v } = judged(clean.replace('</ToKhais>', `${entry.repeat(3000)}</ToKhais>`));
    expectNotValid(v, /BHXHDienTu\.xml: Mã băm không khớp/);
    expect(v.kind === 'report' && v.report.files.length).toBe(3002);
  });
});

describe('nesting, size and entities', () => {
  it('100,000 nested elements in the data: refused at 256 levels', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const { v } = judged(clean.replace('<NoiDung>', `<NoiDung>${deep}`));
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_TOO_DEEP' });
    expect(v.reason).toMatch(/lồng quá 256 cấp/);
  });

  it('100,000 nested SignatureProperties inside the Signature Object: refused at the second (wrong place)', () => {
    const deep = `${'<SignatureProperties>'.repeat(100_000)}${'</SignatureProperties>'.repeat(100_000)}`;
    const x = clean.replace('</Object></Signature>', `${deep}</Object></Signature>`);
    const { v } = judged(x);
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/<SignatureProperties> đặt sai chỗ \(trong <SignatureProperties>/);
  });

  it('a file over the size limit is refused before it is read', () => {
    const { v } = judged(Buffer.from(clean), { maxBytes: 4096 });
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_TOO_LARGE' });
    expect(v.reason).toMatch(/Tệp quá lớn/);
  });

  it('billion laughs (DOCTYPE with nested entities): refused before any expansion', () => {
    const lol = [
      '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Hoso [<!ENTITY a "hahahahaha">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'bcdefghij'[i]} "${`&${'abcdefghi'[i]};`.repeat(10)}">`),
      ']>',
    ].join('');
    const { v } = judged(clean.replace('<?xml version="1.0" encoding="utf-8"?>', lol).replace('TS12345', '&j;'));
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_DOCTYPE' });
    expect(v.reason).toMatch(/DOCTYPE\/ENTITY — bị từ chối/);
  });

  describe('an external entity pointing at a local server', () => {
    let server: Server;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((_q, r) => {
        hits++;
        r.end('XX99999');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('is refused and never fetched', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ma.txt`;
      const x = clean
        .replace('<?xml version="1.0" encoding="utf-8"?>', `<!DOCTYPE Hoso [<!ENTITY ma SYSTEM "${url}">]>`)
        .replace('TS12345', '&ma;');
      expect(judged(x).v).toMatchObject({ kind: 'refused', code: 'XML_DOCTYPE' });
      expect(hits).toBe(0);
    });
  });
});

describe('a dossier embedded in a dossier (recursion)', () => {
  it('one and two levels deep, each envelope properly signed: refused (not verified as a form), also by the reader', async () => {
    const s = await testCertSigner();
    try {
      const once = await signXml(unsigned(replaceForm(clean, 'D02-TS', clean)), s, BEFORE_DEADLINE);
      const twice = await signXml(unsigned(replaceForm(clean, 'D02-TS', once)), s, BEFORE_DEADLINE);
      for (const [name, x] of [
        ['once', once],
        ['twice', twice],
      ] as const) {
        expect(xmlsecVerify(dir, `nested-${name}`, x).ok, 'the outer signature is intact').toBe(true);
        const { v } = judged(x);
        expect(v, name).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
        expect(v.reason).toMatch(/^D02-TS-595\.xml: Tờ khai nhúng lại là một hồ sơ <Hoso>/);
        expect(() => readDossier(x), name).toThrow(/lồng hồ sơ trong hồ sơ/);
      }
    } finally {
      await s.close();
    }
  });
});
