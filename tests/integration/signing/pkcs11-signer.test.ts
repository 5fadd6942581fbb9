import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerify, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { openSigner } from '../../../electron/signing/signer';
import { AppError } from '../../../electron/core/app-error';
import { pkcs11js } from '../../../electron/signing/pkcs11-module';

const DAY = 86_400_000;

function verifies(certDer: Buffer, data: Buffer, sig: Buffer): boolean {
  return createVerify('sha256').update(data).verify(new X509Certificate(certDer).publicKey, sig);
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe('PKCS#11 signer on SoftHSM', () => {
  let token: SoftHsmToken;
  beforeAll(async () => {
    token = await createSoftHsmToken({ label: 'VNPT-CA TOKEN', pin: '12345678', soPin: '87654321', mst: '0101234567' });
    process.env.SOFTHSM2_CONF = token.conf;
  });
  afterAll(() => token.cleanup());

  it('signs RSA-SHA256 with CKM_SHA256_RSA_PKCS, reads the certificate and its MST', async () => {
    const s = await openSigner(
      { kind: 'pkcs11', library: token.module, tokenLabel: 'VNPT-CA TOKEN', pin: token.pin },
      new Date(),
    );
    try {
      expect(s.kind).toBe('pkcs11');
      expect(s.mechanism).toBe('CKM_SHA256_RSA_PKCS');
      expect(s.cert.mst).toBe('0101234567');
      expect(s.cert.subjectCN).toBe('CÔNG TY TNHH MẪU KÊ KHAI');
      expect(s.certificateDer.equals(token.certDer)).toBe(true);
      const data = Buffer.from('<SignedInfo>dữ liệu</SignedInfo>');
      expect(verifies(s.certificateDer, data, await s.sign(data))).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('CKM_RSA_PKCS over a DigestInfo gives the identical PKCS#1 v1.5 signature', async () => {
    const data = Buffer.from('same bytes, two mechanisms');
    const a = await openSigner(
      { kind: 'pkcs11', library: token.module, tokenSerial: token.serial, pin: token.pin },
      new Date(),
    );
    const sigA = await a.sign(data);
    await a.close();
    const b = await openSigner(
      { kind: 'pkcs11', library: token.module, tokenSerial: token.serial, pin: token.pin },
      new Date(),
      { forceRawRsa: true },
    );
    expect(b.mechanism).toBe('CKM_RSA_PKCS');
    const sigB = await b.sign(data);
    await b.close();
    expect(sigB.equals(sigA)).toBe(true);
    expect(verifies(token.certDer, data, sigB)).toBe(true);
  });

  it("wrong PIN: PKCS11:CKR_PIN_INCORRECT in plain Vietnamese, with the token's few-tries-left flag; the next open works", async () => {
    const e = await expectAppError(
      openSigner({ kind: 'pkcs11', library: token.module, pin: '00000000' }, new Date()),
      'PKCS11:CKR_PIN_INCORRECT',
    );
    expect(e.message).toMatch(/Mã PIN không đúng/);
    // SoftHSM sets CKF_USER_PIN_COUNT_LOW after a failed login (it never locks): we read it back and say so.
    expect((e.details as { pinState: string }).pinState).toBe('few-tries-left');
    expect(e.message).toMatch(/ít lần thử/);
    expect(JSON.stringify(e.details)).not.toContain('00000000');
    // Cryptoki was finalised on the failure path: a second open in the same process succeeds.
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    await s.close();
  });

  it('no PIN for a token that needs one: PIN_REQUIRED, nothing sent to the token', async () => {
    await expectAppError(openSigner({ kind: 'pkcs11', library: token.module }, new Date()), 'PIN_REQUIRED');
  });

  it('unknown token label / missing library / certificate serial are explained', async () => {
    await expectAppError(
      openSigner({ kind: 'pkcs11', library: token.module, tokenLabel: 'NOPE', pin: token.pin }, new Date()),
      'TOKEN_NOT_FOUND',
    );
    await expectAppError(
      openSigner({ kind: 'pkcs11', library: '/nonexistent/libfoo.so', pin: token.pin }, new Date()),
      'PKCS11_LIBRARY_NOT_FOUND',
    );
    await expectAppError(
      openSigner({ kind: 'pkcs11', library: token.module, certSerial: 'DEADBEEF', pin: token.pin }, new Date()),
      'CERT_NOT_FOUND',
    );
  });

  it('a finalised module (token pulled / middleware reset) gives the removal message, and the next session is rebuilt', async () => {
    const s = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    // Another user of the same library finalises Cryptoki (what a middleware reset or token removal does to sessions).
    const other = new pkcs11js.PKCS11();
    other.load(token.module);
    other.C_Finalize();
    const e = await expectAppError(s.sign(Buffer.from('x')), 'PKCS11:CKR_CRYPTOKI_NOT_INITIALIZED');
    expect(e.message).toMatch(/rút ra|đã bị đóng/);
    await s.close();
    const again = await openSigner({ kind: 'pkcs11', library: token.module, pin: token.pin }, new Date());
    expect(verifies(token.certDer, Buffer.from('y'), await again.sign(Buffer.from('y')))).toBe(true);
    await again.close();
  });

  it('a token deleted while the app runs is reported as not found', async () => {
    const t = await createSoftHsmToken({ label: 'REMOVED', pin: '1111', soPin: '2222' });
    try {
      process.env.SOFTHSM2_CONF = t.conf;
      spawnSync('softhsm2-util', ['--delete-token', '--token', 'REMOVED'], { env: { ...process.env, ...t.env } });
      await expectAppError(
        openSigner({ kind: 'pkcs11', library: t.module, tokenLabel: 'REMOVED', pin: '1111' }, new Date()),
        'TOKEN_NOT_FOUND',
      );
    } finally {
      process.env.SOFTHSM2_CONF = token.conf;
      t.cleanup();
    }
  });
});

describe('certificates on tokens', () => {
  const now = new Date();
  const cases: [string, Parameters<typeof createSoftHsmToken>[0], string][] = [
    [
      'expired',
      {
        label: 'EXPIRED',
        pin: '1234',
        soPin: '4321',
        notBefore: new Date(now.getTime() - 400 * DAY),
        notAfter: new Date(now.getTime() - DAY),
      },
      'CERT_EXPIRED',
    ],
    [
      'not yet valid',
      {
        label: 'FUTURE',
        pin: '1234',
        soPin: '4321',
        notBefore: new Date(now.getTime() + 2 * DAY),
        notAfter: new Date(now.getTime() + 400 * DAY),
      },
      'CERT_NOT_YET_VALID',
    ],
    [
      'encryption-only',
      { label: 'ENCONLY', pin: '1234', soPin: '4321', keyUsage: ['keyEncipherment'] },
      'CERT_KEY_USAGE',
    ],
  ];
  for (const [name, opts, code] of cases) {
    it(`refuses a ${name} certificate (${code})`, async () => {
      const t = await createSoftHsmToken(opts);
      process.env.SOFTHSM2_CONF = t.conf;
      try {
        const e = await expectAppError(openSigner({ kind: 'pkcs11', library: t.module, pin: t.pin }, now), code);
        expect(e.message.length).toBeGreaterThan(20);
      } finally {
        t.cleanup();
      }
    });
  }

  it('warns 30/15/7 days before expiry', async () => {
    const t = await createSoftHsmToken({
      label: 'SOON',
      pin: '1234',
      soPin: '4321',
      notAfter: new Date(now.getTime() + 10 * DAY),
    });
    process.env.SOFTHSM2_CONF = t.conf;
    try {
      const s = await openSigner({ kind: 'pkcs11', library: t.module, pin: t.pin }, now);
      expect(s.warnings.join(' ')).toMatch(/hết hạn sau (9|10) ngày/);
      await s.close();
    } finally {
      t.cleanup();
    }
  });

  it('matches the private key by modulus when CKA_IDs differ; reads MST from 2.5.4.97 with a branch suffix', async () => {
    const t = await createSoftHsmToken({
      label: 'ODDID',
      pin: '1234',
      soPin: '4321',
      keyId: 'a1',
      certId: 'b2',
      mst: '0101234567-001',
      mstInOrganizationIdentifier: true,
    });
    process.env.SOFTHSM2_CONF = t.conf;
    try {
      const s = await openSigner({ kind: 'pkcs11', library: t.module, pin: t.pin }, now);
      expect(s.cert.mst).toBe('0101234567-001');
      const d = Buffer.from('modulus fallback');
      expect(verifies(t.certDer, d, await s.sign(d))).toBe(true);
      await s.close();
    } finally {
      t.cleanup();
    }
  });

  it('CKA_ALWAYS_AUTHENTICATE keys get a context-specific login before every signature', async () => {
    const t = await createSoftHsmToken({ label: 'QUALIFIED', pin: '1234', soPin: '4321', alwaysAuthenticate: true });
    process.env.SOFTHSM2_CONF = t.conf;
    try {
      const s = await openSigner({ kind: 'pkcs11', library: t.module, pin: t.pin }, now);
      for (const m of ['one', 'two'])
        expect(verifies(t.certDer, Buffer.from(m), await s.sign(Buffer.from(m)))).toBe(true);
      await s.close();
    } finally {
      t.cleanup();
    }
  });
});

describe('PIN states read from the token flags (SoftHSM honours stored flags; it never locks by itself)', () => {
  it('a locked PIN is refused before any login attempt, even with the right PIN', async () => {
    const t = await createSoftHsmToken({ label: 'LOCKED', pin: '1234', soPin: '4321' });
    t.setTokenFlags(0x40000); // CKF_USER_PIN_LOCKED
    process.env.SOFTHSM2_CONF = t.conf;
    try {
      const e = await expectAppError(
        openSigner({ kind: 'pkcs11', library: t.module, pin: t.pin }, new Date()),
        'PKCS11:CKR_PIN_LOCKED',
      );
      expect(e.message).toMatch(/bị khóa/);
      expect(e.message).toMatch(/không thử lại/);
      expect((e.details as { pinState: string }).pinState).toBe('locked');
    } finally {
      t.cleanup();
    }
  });

  it('a wrong PIN on the final try says it is the last one', async () => {
    const t = await createSoftHsmToken({ label: 'FINAL', pin: '1234', soPin: '4321' });
    t.setTokenFlags(0x20000); // CKF_USER_PIN_FINAL_TRY
    process.env.SOFTHSM2_CONF = t.conf;
    try {
      const e = await expectAppError(
        openSigner({ kind: 'pkcs11', library: t.module, pin: '9999' }, new Date()),
        'PKCS11:CKR_PIN_INCORRECT',
      );
      expect((e.details as { pinState: string }).pinState).toBe('final-try');
      expect(e.message).toMatch(/CUỐI CÙNG/);
    } finally {
      t.cleanup();
    }
  });
});

describe('PIN-pad readers (CKF_PROTECTED_AUTHENTICATION_PATH)', () => {
  it('no PIN is asked; the login goes to the token with an empty PIN so the reader can prompt', async () => {
    const t = await createSoftHsmToken({ label: 'PINPAD', pin: '1234', soPin: '4321' });
    t.setTokenFlags(0x100); // CKF_PROTECTED_AUTHENTICATION_PATH
    process.env.SOFTHSM2_CONF = t.conf;
    try {
      const e = await openSigner({ kind: 'pkcs11', library: t.module }, new Date()).catch((x: unknown) => x);
      // SoftHSM has no PIN pad, so it rejects the empty PIN; what matters is that the app did not demand a PIN
      // (PIN_REQUIRED) and passed the login to the token (pkcs11js cannot send a NULL pPin).
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).not.toBe('PIN_REQUIRED');
      expect(String((e as AppError).code)).toMatch(/^PKCS11:CKR_/);
    } finally {
      t.cleanup();
    }
  });
});
