/**
 * Reference, Transform and algorithm tricks. Each dossier is re-signed by xmlsec1 from a template with the test
 * certificate's key, so the signature is sound XML-DSig (xmlsec1 with X.509 checking verifies it) and only the BHXH
 * profile stands between it and "valid": XPath/XSLT transforms are refused before anything is evaluated, a Reference
 * to anything but the document itself (or its signed SigningTime) is refused and never fetched (a local HTTP server
 * counts requests), and only inclusive C14N 1.0, SHA-256 and RSA-SHA256 pass — not SHA-1, MD5, exclusive C14N or
 * HMAC (whose truncated HMACOutputLength was CVE-2009-0217).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { canonicalize } from '../../../shared/signing/c14n';
import { makeTempDir, removeDir } from '../../support/tmp';
import {
  C14N,
  cleanDossier,
  ENVELOPED,
  expectNotValid,
  template,
  type TemplateOptions,
  verdict,
  withTemplate,
  xmlsecAccepts,
  xmlsecSign,
} from './crafted-kit';

const XPATH = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
const XSLT = 'http://www.w3.org/TR/1999/REC-xslt-19991116';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const IDENTITY_XSLT =
  '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:copy-of select="."/></xsl:template></xsl:stylesheet>';

let dir: string;
let clean: string;
let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  dir = makeTempDir('kekhai-crafted-refs-');
  clean = await cleanDossier();
  server = createServer((_req, res) => {
    hits++;
    res.end('<x>từ máy chủ</x>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  removeDir(dir);
});

function resigned(name: string, o: TemplateOptions, extra: string[] = []): string {
  return xmlsecSign(dir, name.replace(/\W+/g, '-'), withTemplate(clean, template(o)), extra);
}
const oracle = (name: string, xml: string, extra: string[] = []) => xmlsecAccepts(dir, name, xml, extra);

/** Our verdict, with the number of requests the local server received while we verified. */
function ours(xml: string) {
  const before = hits;
  const v = verdict(xml);
  return { v, fetched: hits - before };
}

describe('transforms that would run code', () => {
  it('an XPath transform (xmlsec1 verifies it): refused before evaluation, naming <XPath>', () => {
    const x = resigned('xpath', {
      refs: [
        {
          uri: '',
          transforms: [XPATH],
          transformBodies: { 0: `<XPath xmlns:ds="${DSIG}">not(ancestor-or-self::ds:Signature)</XPath>` },
        },
      ],
    });
    expect(oracle('xpath', x)).toBe(true);
    const { v, fetched } = ours(x);
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/thẻ lạ <XPath>/);
    expect(fetched).toBe(0);
  });

  it('an XSLT transform (xmlsec1 verifies the identity one): refused, naming <xsl:stylesheet>', () => {
    const x = resigned('xslt', {
      refs: [{ uri: '', transforms: [ENVELOPED, XSLT], transformBodies: { 1: IDENTITY_XSLT } }],
    });
    expect(oracle('xslt', x)).toBe(true);
    expectNotValid(ours(x).v, /thẻ lạ <xsl:stylesheet>/);
  });

  it('an XSLT that would fetch from the network: refused, never run (the server sees nothing)', () => {
    const fetching = IDENTITY_XSLT.replace('select="."', `select="document('${base}/evil.xml')"`);
    const x = resigned('xslt-fetch', {
      refs: [{ uri: '', transforms: [ENVELOPED, XSLT], transformBodies: { 1: IDENTITY_XSLT } }],
    }).replace(IDENTITY_XSLT, fetching);
    const { v, fetched } = ours(x);
    expectNotValid(v, /thẻ lạ <xsl:stylesheet>/);
    expect(fetched).toBe(0);
  });
});

describe('References to part of the document', () => {
  it('URI="#xpointer(/)" (the whole document, comments kept; xmlsec1 verifies it): refused, naming the URI', () => {
    const x = resigned('xpointer', { refs: [{ uri: '#xpointer(/)', transforms: [ENVELOPED] }] });
    expect(oracle('xpointer', x)).toBe(true);
    expectNotValid(ours(x).v, /<Reference URI="#xpointer\(\/\)"> chỉ trỏ tới một phần tài liệu/);
  });

  it('the only Reference to the signed NoiDung by Id (an Id added before signing): refused — the rest would be unsigned', () => {
    const x = xmlsecSign(
      dir,
      'id-only',
      withTemplate(clean.replace('<NoiDung>', '<NoiDung Id="nd">'), template({ refs: [{ uri: '#nd' }] })),
      ['--id-attr:Id', 'NoiDung'],
    );
    expect(oracle('id-only', x, ['--id-attr:Id', 'NoiDung'])).toBe(true);
    expectNotValid(ours(x).v, /<Reference URI="#nd"> chỉ trỏ tới một phần tài liệu/);
  });

  it('a Reference without a URI: refused', () => {
    const x = resigned('no-uri', {}).replace('<Reference URI="">', '<Reference>');
    expectNotValid(ours(x).v, /<Reference> thiếu thuộc tính URI/);
  });
});

describe('References to outside the document', () => {
  it('a second Reference to file:///etc/hostname (xmlsec1 reads and verifies it): refused, naming the URI', () => {
    const x = resigned('file-ref', { refs: [{ uri: '', transforms: [ENVELOPED] }, { uri: 'file:///etc/hostname' }] });
    expect(oracle('file-ref', x)).toBe(true);
    expectNotValid(ours(x).v, /Reference thứ hai \(URI="file:\/\/\/etc\/hostname"\)/);
  });

  it('the only Reference to file:///etc/hostname: refused, not read', () => {
    const x = resigned('file-only', { refs: [{ uri: 'file:///etc/hostname' }] });
    expect(oracle('file-only', x)).toBe(true);
    expectNotValid(ours(x).v, /tham chiếu ra ngoài tài liệu \(URI="file:\/\/\/etc\/hostname"\).*không tải về/);
  });

  for (const [label, refs] of [
    ['the only Reference', (u: string) => [{ uri: u }]],
    ['a second Reference', (u: string) => [{ uri: '', transforms: [ENVELOPED] }, { uri: u }]],
  ] as const) {
    it(`${label} to http://127.0.0.1 (a local server): refused, and the server receives no request`, () => {
      // xmlsec1 will not sign a network Reference (network reads are off), so the file shape is built from a
      // file:// one and the URI swapped: the signature no longer matters, the point is that nothing is fetched.
      const name = `http-${label.replace(/\W+/g, '-')}`;
      const x = resigned(name, { refs: refs('file:///etc/hostname') }).replace(
        'file:///etc/hostname',
        `${base}/evil.xml`,
      );
      const { v, fetched } = ours(x);
      expectNotValid(v, new RegExp(`URI="${base.replace(/[.:/]/g, '\\$&')}/evil.xml"`));
      expect(fetched).toBe(0);
    });
  }

  it('a relative Reference under an xml:base on the Signature: refused, nothing fetched', () => {
    const x = resigned('xml-base', { refs: [{ uri: '', transforms: [ENVELOPED] }, { uri: 'file:///etc/hostname' }] })
      .replace('file:///etc/hostname', 'evil.xml')
      .replace('<Signature ', `<Signature xml:base="${base}/" `);
    const { v, fetched } = ours(x);
    expectNotValid(v, /URI="evil.xml"/);
    expect(fetched).toBe(0);
  });
});

describe('algorithms outside the profile (each signature sound for xmlsec1)', () => {
  const cases: [string, TemplateOptions, RegExp][] = [
    [
      'exclusive C14N',
      { c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#' },
      /<CanonicalizationMethod> không đúng chuẩn BHXH \(http:\/\/www.w3.org\/2001\/10\/xml-exc-c14n#/,
    ],
    [
      'C14N with comments',
      { c14n: `${C14N}#WithComments` },
      /<CanonicalizationMethod> không đúng chuẩn BHXH \(.*#WithComments/,
    ],
    ['C14N 1.1', { c14n: 'http://www.w3.org/2006/12/xml-c14n11' }, /<CanonicalizationMethod> .*xml-c14n11/],
    [
      'SHA-1 digest',
      { refs: [{ uri: '', transforms: [ENVELOPED], digest: `${DSIG}sha1` }] },
      /<DigestMethod> không phải SHA-256 \(http:\/\/www.w3.org\/2000\/09\/xmldsig#sha1\)/,
    ],
    [
      'MD5 digest',
      { refs: [{ uri: '', transforms: [ENVELOPED], digest: 'http://www.w3.org/2001/04/xmldsig-more#md5' }] },
      /<DigestMethod> không phải SHA-256 \(.*#md5\)/,
    ],
    [
      'RSA-SHA1 signature',
      { signatureMethod: `${DSIG}rsa-sha1` },
      /<SignatureMethod> không phải RSA-SHA256 \(.*rsa-sha1\)/,
    ],
    [
      'a comments-keeping C14N transform after enveloped-signature',
      { refs: [{ uri: '', transforms: [ENVELOPED, `${C14N}#WithComments`] }] },
      /<Transforms> không đúng chuẩn BHXH/,
    ],
  ];
  for (const [name, o, reason] of cases) {
    it(`${name}: refused, naming the element and the algorithm`, () => {
      const x = resigned(name, o);
      expect(oracle(name, x), `${name}: xmlsec1 verifies it`).toBe(true);
      expectNotValid(ours(x).v, reason);
    });
  }
});

describe('HMAC SignatureMethod', () => {
  const HMAC = 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';
  let keyFile: string;
  beforeAll(() => {
    keyFile = join(dir, 'hmac.key');
    writeFileSync(keyFile, 'khoa-bi-mat');
  });

  it('HMAC-SHA1 with a shared key (xmlsec1 verifies it given the key): refused — no certificate, no signer', () => {
    const x = resigned('hmac', { signatureMethod: HMAC, keyInfo: '<KeyName>hmac</KeyName>' }, ['--hmackey', keyFile]);
    expect(oracle('hmac-with-key', x, ['--hmackey', keyFile])).toBe(true);
    expect(oracle('hmac-without-key', x)).toBe(false);
    expectNotValid(ours(x).v, /<SignatureMethod> không phải RSA-SHA256 \(.*hmac-sha1\)/);
  });

  it('HMAC truncated to 8 bits by HMACOutputLength (CVE-2009-0217): refused; xmlsec1 refuses it too', () => {
    const full = resigned('hmac-trunc', { signatureMethod: HMAC, keyInfo: '<KeyName>hmac</KeyName>' }, [
      '--hmackey',
      keyFile,
    ]);
    // Rebuild SignedInfo with HMACOutputLength 8 and a 1-byte HMAC over its canonical form (what an attacker
    // needs to guess: 256 tries).
    const withLength = full.replace(
      `<SignatureMethod Algorithm="${HMAC}"/>`,
      `<SignatureMethod Algorithm="${HMAC}"><HMACOutputLength>8</HMACOutputLength></SignatureMethod>`,
    );
    expect(withLength).not.toBe(full);
    const signedInfo = /<SignedInfo>[\s\S]*<\/SignedInfo>/.exec(withLength)![0]!;
    const c14n = canonicalize(signedInfo.replace('<SignedInfo>', `<SignedInfo xmlns="${DSIG}">`));
    const mac = createHmac('sha1', 'khoa-bi-mat').update(c14n).digest().subarray(0, 1).toString('base64');
    const x = withLength.replace(/<SignatureValue>[^<]*<\/SignatureValue>/, `<SignatureValue>${mac}</SignatureValue>`);
    expect(oracle('hmac-truncated', x, ['--hmackey', keyFile])).toBe(false);
    const v = ours(x).v;
    expect(v).toMatchObject({ kind: 'refused', code: 'XML_UNEXPECTED_ELEMENT' });
    expect(v.reason).toMatch(/thẻ lạ <HMACOutputLength>/);
  });
});
