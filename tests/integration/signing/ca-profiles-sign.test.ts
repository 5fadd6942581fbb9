/**
 * Certificates shaped like Vietnamese CAs' company certificates (root → issuing CA → leaf, made with openssl),
 * the leaf key on a SoftHSM2 token, signed through the real PKCS#11 path, then verified independently by
 * `xmlsec1 --enabled-key-data x509` with the chain and by the app's verifier (trusted / untrusted / invalid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, sign as rsaSign } from 'node:crypto';
import { makeCa, makeLeaf, type Ca, type Leaf, type LeafOptions } from '../../fixtures/signing/ca-profiles/chain';
import { makeTempDir, removeDir } from '../../support/tmp';
import { createTestContext } from '../../support/context';
import { openSigner, type Signer } from '../../../electron/signing/signer';
import { signXml } from '../../../electron/signing/sign-xml';
import { verifyDossierXml } from '../../../electron/signing/verify';
import { readCertificate } from '../../../electron/signing/certificate';
import { checkMst } from '../../../electron/signing/sign-service';
import { runCli } from '../../support/cli';

const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const PIN = '12345678';
const NOW = new Date('2026-06-15T03:00:00Z');
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Mau><TenDonVi>CÔNG TY TNHH MẪU</TenDonVi><Cky/></Mau>';

let dir: string;
let ca: Ca;
let conf: string;
let n = 0;
let keOnlySigned = '';

/** A fresh token holding the leaf's key (imported) and certificate, both with CKA_ID 01. */
function tokenWith(leaf: Leaf): string {
  const label = `CA-PROFILE-${++n}`;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const o = { env, stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '87654321', '--pin', PIN], o);
  execFileSync(
    'softhsm2-util',
    ['--import', leaf.keyFile, '--token', label, '--label', 'KEY', '--id', '01', '--pin', PIN],
    o,
  );
  const der = join(dir, `${label}.der`);
  writeFileSync(der, leaf.certDer);
  writeObject(label, der, 'cert', '01', 'CERT');
  return label;
}

/** Writes a DER certificate or key file onto the token with `pkcs11-tool` (a tool we did not write). */
function writeObject(label: string, file: string, type: 'cert' | 'privkey', id: string, objectLabel: string): void {
  execFileSync(
    'pkcs11-tool',
    ['--module', MODULE, '--token-label', label, '--login', '--pin', PIN, '--write-object', file].concat([
      '--type',
      type,
      '--id',
      id,
      '--label',
      objectLabel,
    ]),
    { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

async function tokenSigner(o: LeafOptions, now = NOW): Promise<{ leaf: Leaf; signer: Signer }> {
  const leaf = makeLeaf(ca, o);
  const label = tokenWith(leaf);
  const signer = await openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: label, pin: PIN }, now);
  return { leaf, signer };
}

function xmlsec1(file: string, withIntermediate: boolean, time = '2026-06-15 03:00:00'): { ok: boolean; out: string } {
  const args = ['--verify', '--enabled-key-data', 'x509', '--trusted-pem', ca.files.root];
  if (withIntermediate) args.push('--untrusted-pem', ca.files.inter);
  args.push('--verification-time', time, file);
  const r = spawnSync('xmlsec1', args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

async function signAndCheck(o: LeafOptions): Promise<{ leaf: Leaf; signer: Signer; signed: string }> {
  const { leaf, signer } = await tokenSigner(o);
  try {
    const signed = await signXml(XML, signer, NOW);
    const file = join(dir, `${o.name}.signed.xml`);
    writeFileSync(file, signed);
    const sec = xmlsec1(file, true);
    expect(sec.ok, `${o.name}: ${sec.out}`).toBe(true);
    const r = verifyDossierXml(signed, { now: NOW, trustedCaPems: [ca.rootPem, ca.interPem] });
    expect(r.files[0]!.state, `${o.name}: ${JSON.stringify(r.files[0])}`).toBe('trusted');
    return { leaf, signer, signed };
  } finally {
    await signer.close();
  }
}

beforeAll(() => {
  dir = makeTempDir('kekhai-ca-profiles-');
  mkdirSync(join(dir, 'tokens'));
  conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  ca = makeCa(join(dir, 'ca'));
});
afterAll(() => removeDir(dir));

describe('where each CA writes the tax code (MST), and the MST check against the unit', () => {
  const UNIT = '0101234567';
  const shapes: [string, string, string | null][] = [
    ['uid', '/C=VN/ST=HÀ NỘI/L=Cầu Giấy/O=CÔNG TY TNHH MẪU/CN=CÔNG TY TNHH MẪU/UID=MST:0101234567', UNIT],
    ['cn', '/C=VN/ST=Hà Nội/CN=CÔNG TY TNHH MẪU - MST:0101234567', UNIT],
    ['ou', '/C=VN/L=Hà Nội/OU=MST:0101234567/CN=CÔNG TY CỔ PHẦN MẪU', UNIT],
    ['eq', '/C=VN/CN=CONG TY MAU/UID=MST=0101234567', UNIT],
    ['branch', '/C=VN/CN=CHI NHÁNH CÔNG TY MẪU/UID=MST:0101234567-001', '0101234567-001'],
    ['cmnd', '/C=VN/CN=NGUYỄN VĂN A/UID=CMND:012345678', null],
    ['cccd', '/C=VN/CN=NGUYỄN VĂN A/UID=CCCD:001234567890', null],
  ];
  it.each(shapes)(
    '%s: reads the MST, signs on the token, xmlsec1 and the verifier agree',
    async (name, subject, mst) => {
      const { signer } = await signAndCheck({ name: `mst-${name}`, subject });
      expect(signer.cert.mst).toBe(mst);
      const ctx = createTestContext({ dataDir: join(dir, `ctx-${name}`), now: NOW });
      try {
        if (mst === UNIT) {
          expect(() => checkMst(ctx, signer, UNIT, undefined)).not.toThrow();
        } else {
          // A branch certificate for the head office, or a personal certificate (CMND/CCCD, no MST): ask first.
          expect(() => checkMst(ctx, signer, UNIT, undefined)).toThrow(
            expect.objectContaining({ code: 'MST_MISMATCH', message: expect.stringContaining(mst ?? '(không có)') }),
          );
          checkMst(ctx, signer, UNIT, { reason: 'Giám đốc ký thay' }, 'HS-1');
          expect(ctx.db.prepare('SELECT unit_mst, cert_mst FROM mst_overrides').all()).toEqual([
            { unit_mst: UNIT, cert_mst: mst },
          ]);
        }
      } finally {
        ctx.db.close();
      }
    },
  );
});

describe('the unit MST as the clerk typed it (Thông tư 105/2020/TT-BTC Điều 5: 13-digit branch code, dash optional when typed)', () => {
  it('a branch certificate written without the dash matches the branch however the unit MST was typed; another branch or the head office asks', async () => {
    const { signer } = await signAndCheck({ name: 'mst-13', subject: '/C=VN/CN=CHI NHÁNH MẪU/UID=MST:0101234567001' });
    expect(signer.cert.mst).toBe('0101234567-001');
    const ctx = createTestContext({ dataDir: join(dir, 'ctx-13'), now: NOW });
    try {
      for (const typed of ['0101234567-001', '0101234567001', ' 0101234567 - 001 ', '0101 234 567-001'])
        expect(() => checkMst(ctx, signer, typed, undefined), typed).not.toThrow();
      for (const other of ['0101234567', '0101234567-002', '0101234568-001'])
        expect(() => checkMst(ctx, signer, other, undefined), other).toThrow(
          expect.objectContaining({ code: 'MST_MISMATCH' }),
        );
    } finally {
      ctx.db.close();
    }
  });
});

describe('other places the MST appears (certificate read only)', () => {
  it.each([
    ['serialNumber', '/C=VN/CN=CÔNG TY SN/serialNumber=MST:0101234567', '0101234567'],
    ['organizationIdentifier', '/C=VN/CN=CÔNG TY OI/organizationIdentifier=MST:0101234567', '0101234567'],
    ['UID beats a CMND in OU', '/C=VN/OU=CMND:012345678/CN=CÔNG TY UID/UID=MST:0101234567-002', '0101234567-002'],
    ['CN with a space, no colon', '/C=VN/CN=CÔNG TY TNHH MẪU (MST 0101234567)', '0101234567'],
    [
      'personal tax code with CCCD',
      '/C=VN/CN=HỘ KINH DOANH A/UID=MST:8012345678/serialNumber=CCCD:001234567890',
      '8012345678',
    ],
    ['no MST, 12-digit CCCD not mistaken', '/C=VN/CN=NGUYỄN VĂN B/serialNumber=CCCD:001234567890', null],
  ])('%s', (name, subject, mst) => {
    const leaf = makeLeaf(ca, { name: `read-${name.replace(/\W+/g, '-')}`, subject });
    expect(readCertificate(leaf.certDer).mst).toBe(mst);
  });
});

describe('string types, key sizes, hashes', () => {
  it.each([
    ['utf8', 'utf8only', '/C=VN/CN=CÔNG TY TNHH MẪU KÊ KHAI/UID=MST:0101234567', 'CÔNG TY TNHH MẪU KÊ KHAI'],
    ['printable', 'default', '/C=VN/CN=CONG TY TNHH MAU/UID=MST:0101234567', 'CONG TY TNHH MAU'],
    ['bmp', 'MASK:0x800', '/C=VN/CN=CÔNG TY TNHH MẪU/UID=MST:0101234567', 'CÔNG TY TNHH MẪU'],
  ])('%s subject strings read back as written', async (name, stringMask, subject, cn) => {
    const { signer } = await signAndCheck({ name: `str-${name}`, subject, stringMask });
    expect(signer.cert.subjectCN).toBe(cn);
    expect(signer.cert.mst).toBe('0101234567');
  });

  it.each([
    ['rsa1024', { bits: 1024 }],
    ['rsa4096', { bits: 4096 }],
    ['sha1-cert', { md: 'sha1' as const }],
  ])('%s signs and verifies', async (name, extra) => {
    const { signer } = await signAndCheck({ name, subject: '/C=VN/CN=CÔNG TY CŨ/UID=MST:0101234567', ...extra });
    expect(signer.cert.mst).toBe('0101234567');
  });
});

describe('key usage and dates', () => {
  it('nonRepudiation alone (a signing-only token) and digitalSignature alone both sign', async () => {
    await signAndCheck({ name: 'ku-nr', subject: '/C=VN/CN=CÔNG TY A/UID=MST:0101234567', keyUsage: 'nonRepudiation' });
    await signAndCheck({
      name: 'ku-ds',
      subject: '/C=VN/CN=CÔNG TY B/UID=MST:0101234567',
      keyUsage: 'digitalSignature',
    });
  });

  it('keyEncipherment only: the token refuses to sign, and a signature made with such a key is not trusted', async () => {
    const o = { name: 'ku-ke', subject: '/C=VN/CN=CÔNG TY C/UID=MST:0101234567', keyUsage: 'keyEncipherment' };
    const leaf = makeLeaf(ca, o);
    const label = tokenWith(leaf);
    await expect(
      openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: label, pin: PIN }, NOW),
    ).rejects.toMatchObject({ code: expect.stringMatching(/CERT_KEY_USAGE|CERT_NOT_FOUND/) });
    // The same key used outside the app: RFC 5280 §4.2.1.3 — a key without digitalSignature/nonRepudiation does not
    // verify signatures on data, so the verifier must not call the file trusted.
    const key = createPrivateKey(leaf.keyPem);
    keOnlySigned = await signXml(
      XML,
      {
        kind: 'pkcs11',
        certificateDer: leaf.certDer,
        cert: readCertificate(leaf.certDer),
        warnings: [],
        sign: async (d) => rsaSign('sha256', d, key),
        close: async () => undefined,
      },
      NOW,
    );
    const r = verifyDossierXml(keOnlySigned, { now: NOW, trustedCaPems: [ca.rootPem, ca.interPem] });
    expect(r.files[0]!.state).not.toBe('trusted');
    expect(r.files[0]!.reason).toMatch(/digitalSignature|nonRepudiation|mục đích/);
  });

  it('expired and not-yet-valid certificates are refused at signing; a file signed in time is judged at receipt', async () => {
    const expired = makeLeaf(ca, {
      name: 'old',
      subject: '/C=VN/CN=CÔNG TY HẾT HẠN/UID=MST:0101234567',
      startDate: '200101000000Z',
      endDate: '230101000000Z',
    });
    await expect(
      openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: tokenWith(expired), pin: PIN }, NOW),
    ).rejects.toMatchObject({ code: expect.stringMatching(/CERT_EXPIRED|CERT_NOT_FOUND/) });
    const future = makeLeaf(ca, {
      name: 'future',
      subject: '/C=VN/CN=CÔNG TY CHƯA HIỆU LỰC/UID=MST:0101234567',
      startDate: '300101000000Z',
      endDate: '350101000000Z',
    });
    await expect(
      openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: tokenWith(future), pin: PIN }, NOW),
    ).rejects.toMatchObject({ code: expect.stringMatching(/CERT_NOT_YET_VALID|CERT_NOT_FOUND/) });
    // Signed while valid (2022), received after expiry: invalid, and xmlsec1 at the receipt time agrees.
    const then = new Date('2022-06-01T03:00:00Z');
    const s = await openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: tokenWith(expired), pin: PIN }, then);
    const signed = await signXml(XML, s, then);
    await s.close();
    const file = join(dir, 'old.signed.xml');
    writeFileSync(file, signed);
    expect(xmlsec1(file, true, '2022-06-01 03:00:00').ok).toBe(true);
    expect(xmlsec1(file, true).ok).toBe(false);
    // The app judges the dates at the signed SigningTime (issue #12 design), so it stays trusted after expiry;
    // with the SigningTime removed it is judged at receipt and the expired certificate makes it invalid.
    const late = verifyDossierXml(signed, { now: NOW, trustedCaPems: [ca.rootPem, ca.interPem] });
    expect(late.files[0]).toMatchObject({ state: 'trusted', timeSource: 'signed-time', judgedAt: then.toISOString() });
    expect(readCertificate(expired.certDer).notAfter < NOW).toBe(true);
  });
});

describe('intermediate CA not on the token and not in the signature', () => {
  it('trusted when the trust store has the issuing CA; otherwise untrusted and the missing issuer is named', async () => {
    const { signed } = await signAndCheck({ name: 'chain', subject: '/C=VN/CN=CÔNG TY CHUỖI/UID=MST:0101234567' });
    const file = join(dir, 'chain-only-root.xml');
    writeFileSync(file, signed);
    expect(xmlsec1(file, false).ok).toBe(false);
    const r = verifyDossierXml(signed, { now: NOW, trustedCaPems: [ca.rootPem] });
    expect(r.files[0]!.state).toBe('untrusted');
    expect(r.files[0]!.reason).toMatch(/VNPT Certification Authority/);
  });
});

describe('kekhai verify: the three verdicts on these certificates', () => {
  it('root only: untrusted (exit 1); root + issuing CA: trusted (exit 0); encryption-only key: invalid (exit 1)', async () => {
    const { signed } = await signAndCheck({ name: 'cli', subject: '/C=VN/CN=CÔNG TY CLI/UID=MST:0101234567' });
    const data = join(dir, 'cli-data');
    const file = join(dir, 'cli.xml');
    writeFileSync(file, signed);
    const now = ['--now', NOW.toISOString(), '--json'];
    expect((await runCli(['trust', 'add', ca.files.root, '--json'], { data })).code).toBe(0);
    const u = await runCli(['verify', file, ...now], { data });
    expect(u.code).toBe(1);
    expect(u.json).toMatchObject({ valid: true, trusted: false });
    expect(JSON.stringify(u.json)).toMatch(/VNPT Certification Authority/);
    expect((await runCli(['trust', 'add', ca.files.inter, '--json'], { data })).code).toBe(0);
    const t = await runCli(['verify', file, ...now], { data });
    expect(t.code, t.stderr).toBe(0);
    expect(t.json).toMatchObject({ valid: true, trusted: true, files: [{ mst: '0101234567' }] });
    const keFile = join(dir, 'cli-ke.xml');
    writeFileSync(keFile, keOnlySigned);
    const i = await runCli(['verify', keFile, ...now], { data });
    expect(i.code).toBe(1);
    expect(i.json).toMatchObject({ valid: false, trusted: false });
    expect(JSON.stringify(i.json)).toMatch(/không được phép dùng để ký/);
  });
});

describe('X509SubjectName as the real signed files show it (.NET X500DistinguishedName text)', () => {
  it.each([
    [
      // NACENCOMM CA2 test certificate (5310101/ERS_EbhRemoteSigning, M01B-HSB.xml): UID second, L with commas.
      'nacencomm',
      '/C=VN/UID=MST:0101300842-999/L=Số 15, Đặng Thùy Trâm, Hoàng Quốc Việt, Cầu Giấy, Hà Nội/O=CHỮ KÝ SỐ TEST/CN=CHỮ KÝ SỐ TEST',
      'CN=CHỮ KÝ SỐ TEST, O=CHỮ KÝ SỐ TEST, L="Số 15, Đặng Thùy Trâm, Hoàng Quốc Việt, Cầu Giấy, Hà Nội", OID.0.9.2342.19200300.100.1.1=MST:0101300842-999, C=VN',
    ],
    [
      // VNPT SmartCA certificate (same repository, BHXHDienTu.xml): the province is printed `S=`, as .NET does.
      'smartca',
      '/C=VN/ST=Hà Nội/L=Huyện Mê Linh/CN=CÔNG TY TNHH THÁI SƠN Test/UID=MST:0101300842',
      'OID.0.9.2342.19200300.100.1.1=MST:0101300842, CN=CÔNG TY TNHH THÁI SƠN Test, L=Huyện Mê Linh, S=Hà Nội, C=VN',
    ],
  ])('%s', async (name, subject, expected) => {
    const { signed, signer } = await signAndCheck({ name: `real-${name}`, subject });
    expect(signed).toContain(`<X509SubjectName>${expected}</X509SubjectName>`);
    expect(signer.cert.mst).toBe(/MST:([0-9-]+)/.exec(subject)![1]);
  });
});

describe('a token as the CA delivers it after renewal', () => {
  it('CA certificates (RSA and EC) and an expired old certificate with its key next to the new one: the new one signs', async () => {
    const old = makeLeaf(ca, {
      name: 'renew-old',
      subject: '/C=VN/CN=CÔNG TY GIA HẠN/UID=MST:0101234567',
      startDate: '200101000000Z',
      endDate: '230101000000Z',
    });
    const label = tokenWith(old);
    const fresh = makeLeaf(ca, { name: 'renew-new', subject: '/C=VN/CN=CÔNG TY GIA HẠN/UID=MST:0101234567' });
    const env = { ...process.env, SOFTHSM2_CONF: conf };
    const o = { env, stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };
    const ecCa = join(dir, 'ec-ca.der');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        join(dir, 'ec-ca.key'),
        '-subj',
        '/C=VN/CN=EC Root (THỬ)',
        '-utf8',
        '-days',
        '3650',
        '-outform',
        'DER',
        '-out',
        ecCa,
      ],
      o,
    );
    const write = (file: string, id: string, type: 'cert' | 'privkey') =>
      writeObject(label, file, type, id, `OBJ-${id}`);
    for (const [pem, id] of [
      [ca.files.inter, '10'],
      [ca.files.root, '11'],
    ] as const) {
      const der = join(dir, `ca-${id}.der`);
      execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER', '-out', der]);
      write(der, id, 'cert');
    }
    write(ecCa, '12', 'cert');
    execFileSync(
      'softhsm2-util',
      ['--import', fresh.keyFile, '--token', label, '--label', 'KEY2', '--id', '02', '--pin', PIN],
      o,
    );
    const freshDer = join(dir, 'renew-new.der');
    writeFileSync(freshDer, fresh.certDer);
    write(freshDer, '02', 'cert');
    const s = await openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: label, pin: PIN }, NOW);
    try {
      expect(s.certificateDer.equals(fresh.certDer)).toBe(true);
      const signed = await signXml(XML, s, NOW);
      const file = join(dir, 'renew.signed.xml');
      writeFileSync(file, signed);
      expect(xmlsec1(file, true).ok).toBe(true);
      expect(verifyDossierXml(signed, { now: NOW, trustedCaPems: [ca.rootPem, ca.interPem] }).files[0]!.state).toBe(
        'trusted',
      );
    } finally {
      await s.close();
    }
  });
});

describe('an issuing CA certificate without keyCertSign', () => {
  it('RFC 5280 §4.2.1.3: it cannot vouch for the leaf, even in the trust store; xmlsec1 refuses too', async () => {
    const bad = makeCa(join(dir, 'ca-no-certsign'), 'digitalSignature,cRLSign');
    const leaf = makeLeaf(bad, { name: 'under-bad', subject: '/C=VN/CN=CÔNG TY X/UID=MST:0101234567' });
    const s = await openSigner({ kind: 'pkcs11', library: MODULE, tokenLabel: tokenWith(leaf), pin: PIN }, NOW);
    const signed = await signXml(XML, s, NOW);
    await s.close();
    const file = join(dir, 'under-bad.xml');
    writeFileSync(file, signed);
    const sec = spawnSync(
      'xmlsec1',
      [
        '--verify',
        '--enabled-key-data',
        'x509',
        '--trusted-pem',
        bad.files.root,
        '--untrusted-pem',
        bad.files.inter,
        '--verification-time',
        '2026-06-15 03:00:00',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(sec.status).not.toBe(0);
    for (const pems of [[bad.rootPem, bad.interPem], [bad.interPem]]) {
      const r = verifyDossierXml(signed, { now: NOW, trustedCaPems: pems });
      expect(r.files[0]).toMatchObject({ valid: true, trusted: false, state: 'untrusted' });
    }
  });
});
