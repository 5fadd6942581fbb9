import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { createTestContext, type TestContext } from '../../support/context';

const FORM =
  '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS><NoiDung><LaoDong><HoTen>Trần Văn Bình</HoTen></LaoDong></NoiDung><Cky/></D02-TS>';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('signing services through the dispatcher', () => {
  let token: SoftHsmToken;
  let ctx: TestContext;
  beforeAll(async () => {
    token = await createSoftHsmToken({ label: 'UNIT TOKEN', pin: '112233', soPin: '332211', mst: '0101234567' });
    process.env.SOFTHSM2_CONF = token.conf;
    ctx = createTestContext();
  });
  afterAll(() => {
    ctx.close();
    token.cleanup();
  });

  it('signing.tokens shows the library, the token (label, serial, flags) and the certificate (CN, MST, issuer, validity, key)', async () => {
    const r = await ctx.value('signing.tokens', { library: token.module });
    expect(r.libraries).toHaveLength(1);
    const lib = r.libraries[0]!;
    expect(lib).toMatchObject({ loaded: true, found: true, bits: 64, error: null });
    const t = lib.tokens.find((x) => x.label === 'UNIT TOKEN')!;
    expect(t).toMatchObject({
      serial: token.serial,
      manufacturer: 'SoftHSM project',
      pinState: 'ok',
      loginRequired: true,
    });
    expect(t.flags).toContain('CKF_TOKEN_INITIALIZED');
    expect(t.certificates).toHaveLength(1);
    expect(t.certificates[0]).toMatchObject({
      subjectCN: 'CÔNG TY TNHH MẪU KÊ KHAI',
      mst: '0101234567',
      issuer: 'KeKhai Test CA',
      validity: 'valid',
      canSign: true,
      privateKey: 'pair-id',
    });
    expect(r.testCert).toMatchObject({ available: true, expired: true });
  });

  it('signing.sign: a certificate of another MST is refused; a confirmed override signs and is recorded', async () => {
    const input = {
      file: { name: 'D02-TS-595.xml', base64: b64(FORM) },
      signer: { kind: 'pkcs11' as const, library: token.module, pin: token.pin },
      unitMst: '0309999999',
    };
    const refused = await ctx.call('signing.sign', input);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('MST_MISMATCH');
    expect(refused.error.message).toMatch(/0101234567.*0309999999/);
    expect(JSON.stringify(refused)).not.toContain(token.pin);

    const signed = await ctx.value('signing.sign', {
      ...input,
      mstOverride: { reason: 'Công ty mẹ ký thay theo ủy quyền' },
    });
    expect(signed).toMatchObject({ mst: '0101234567', paperCopyRequired: false, notice: null, signerKind: 'pkcs11' });
    expect(JSON.stringify(signed)).not.toContain(token.pin);
    const override = ctx.db.prepare('SELECT unit_mst, cert_mst, reason FROM mst_overrides').get();
    expect(override).toEqual({
      unit_mst: '0309999999',
      cert_mst: '0101234567',
      reason: 'Công ty mẹ ký thay theo ủy quyền',
    });
    const rec = ctx.db
      .prepare('SELECT sha256, signer_kind, paper_copy_required FROM signatures ORDER BY id DESC')
      .get() as { sha256: string };
    expect(rec).toMatchObject({ sha256: signed.sha256, signer_kind: 'pkcs11', paper_copy_required: 0 });

    const verified = await ctx.value('signing.verify', { file: signed.file });
    expect(verified.valid).toBe(true);
    expect(verified.files[0]).toMatchObject({
      name: 'D02-TS-595.xml',
      signer: 'CÔNG TY TNHH MẪU KÊ KHAI',
      mst: '0101234567',
    });
  });

  it('signing.makeDossier with the test certificate before the deadline marks the paper copy everywhere', async () => {
    const c = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
    try {
      const draft = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
      const d = await c.value('signing.makeDossier', { draft, signer: { kind: 'test-cert', password: 'thunghiem' } });
      expect(d).toMatchObject({ paperCopyRequired: true, mst: null, signerKind: 'test-cert' });
      expect(d.notice).toBe(
        'Ký bằng chữ ký số thử nghiệm — phải nộp 01 bộ hồ sơ giấy (kèm thẻ BHYT còn hạn với trường hợp báo giảm)',
      );
      const rows = c.db.prepare('SELECT file_name, paper_copy_required, notice FROM signatures ORDER BY id').all() as {
        file_name: string;
        paper_copy_required: number;
        notice: string;
      }[];
      expect(rows.map((r) => r.file_name)).toEqual([...d.files.map((f) => f.fileName), 'BHXHDienTu.xml']);
      expect(rows.every((r) => r.paper_copy_required === 1 && r.notice === d.notice)).toBe(true);
      const v = await c.value('signing.verify', { file: d.envelope });
      expect(v.valid).toBe(true);
      expect(v.files.every((f) => f.paperCopyRequired)).toBe(true);

      const after = createTestContext({ now: new Date('2015-11-01T00:00:00+07:00') });
      try {
        const r = await after.call('signing.makeDossier', {
          draft,
          signer: { kind: 'test-cert', password: 'thunghiem' },
        });
        expect(r.ok ? null : r.error.code).toBe('TEST_CERT_EXPIRED');
      } finally {
        after.close();
      }
    } finally {
      c.close();
    }
  });

  it('signing.makeDossier refuses a draft that does not parse, naming the field', async () => {
    const r = await ctx.call('signing.makeDossier', {
      draft: { format: 'kekhai-draft/1' },
      signer: { kind: 'test-cert', password: 'thunghiem' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect((r.error.details as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
    }
  });

  it('user library paths are kept in settings', async () => {
    const added = await ctx.value('signing.addLibrary', { path: '/opt/ca/libvendor.so' });
    expect(added.userLibraries).toContain('/opt/ca/libvendor.so');
    expect(added.library).toMatchObject({ found: false, error: { code: 'PKCS11_LIBRARY_NOT_FOUND' } });
    const r = await ctx.value('signing.tokens', {});
    expect(r.libraries.some((l) => l.path === '/opt/ca/libvendor.so' && l.source === 'user')).toBe(true);
    expect(r.libraries.some((l) => l.path === '/usr/lib/softhsm/libsofthsm2.so' && l.loaded)).toBe(true);
    expect((await ctx.value('signing.removeLibrary', { path: '/opt/ca/libvendor.so' })).userLibraries).toEqual([]);
  });
});

describe('signing.signDossier: a stored draft dossier becomes "signed" with the bytes and hash recorded', () => {
  it('signs with the test certificate before the deadline, then refuses a second signing', async () => {
    const c = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
    try {
      const draft = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
      const created = await c.call('dossier.create', { draft });
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      const id = created.value.id;
      const r = await c.value('signing.signDossier', {
        dossierId: id,
        signer: { kind: 'test-cert', password: 'thunghiem' },
      });
      expect(r).toMatchObject({ dossierId: id, state: 'signed', paperCopyRequired: true });
      const detail = await c.value('dossier.get', { id });
      expect(detail).toMatchObject({ state: 'signed', paperCopyRequired: true, signedSha256: r.sha256 });
      const rows = c.db.prepare('SELECT COUNT(*) AS n FROM signatures WHERE dossier_ref = ?').get(id) as { n: number };
      expect(rows.n).toBe(r.files.length + 1);
      const again = await c.call('signing.signDossier', {
        dossierId: id,
        signer: { kind: 'test-cert', password: 'thunghiem' },
      });
      expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    } finally {
      c.close();
    }
  });
});
