import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegistrationXml, checkRegistration, type RegistrationInput } from '../../../shared/ivan/registration';
import { signXml } from '../../../electron/signing/sign-xml';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { createTestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { BEFORE_DEADLINE, RESOURCES, testCertSigner, receiptClock } from './fixtures';
import type { Signer } from '../../../electron/signing/signer';

const base: RegistrationInput = {
  form: '04',
  place: 'Hà Nội',
  date: '20/10/2015',
  unitName: 'CÔNG TY TNHH MẪU & CỘNG SỰ <HN>',
  unitCode: 'TS12345',
  address: '1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
  email: 'ketoan@mau.vn',
  phone: '0912345678',
  procedures: ['600'],
  ivanCode: '00040',
  ivanName: 'Công ty Thái Sơn',
  certificate: { serial: '0a1b2c', subject: 'CN=CONG TY TNHH MAU', notBefore: '01/11/2013', notAfter: '31/10/2015' },
};

let dir: string;
let server: RunningIvanServer;
let signer: Signer;
beforeAll(async () => {
  dir = makeTempDir('kekhai-ivan-reg-');
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: RESOURCES,
    resultDelayMs: 10,
    now: receiptClock(),
  });
  signer = await testCertSigner();
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('registration forms 04/ĐK-IVAN, 05/SĐ-IVAN, 06/NG-IVAN', () => {
  test('problems are named by field', () => {
    const p = checkRegistration({ ...base, form: '06', unitCode: 'abc', email: 'x', reasons: [9, 12] });
    expect(p.map((x) => x.field).sort()).toEqual(['email', 'otherReason', 'reasons', 'stopFrom', 'unitCode']);
    expect(checkRegistration(base)).toEqual([]);
  });

  test.each([
    ['04', {}],
    ['05', { reasons: [7], newIvan: { code: '00020', name: 'VNPT-Vinaphone' } }],
    ['06', { reasons: [8, 9], otherReason: 'Sáp nhập', stopFrom: '01/12/2015' }],
  ] as const)(
    '%s: well-formed, signed at Hoso/CKy_Dvi (xmlsec1 verifies), received and accepted by the local I-VAN',
    async (form, extra) => {
      const xml = buildRegistrationXml({ ...base, form, ...extra } as RegistrationInput);
      const file = join(dir, `${form}.xml`);
      writeFileSync(file, xml);
      execFileSync('xmllint', ['--noout', file]);
      const signed = await signXml(xml, signer, BEFORE_DEADLINE);
      expect(signed).toMatch(/<CKy_Dvi><Signature[ >]/);
      const sfile = join(dir, `${form}-signed.xml`);
      writeFileSync(sfile, signed);
      execFileSync(
        'xmlsec1',
        [
          '--verify',
          '--trusted-pem',
          join(RESOURCES, 'test-signing', 'test-ca.pem'),
          '--verification-time',
          '2015-10-21 00:00:00',
          sfile,
        ],
        { stdio: 'pipe' },
      );

      const ctx = createTestContext();
      try {
        const r = await ctx.value('ivan.registrationSubmit', {
          file: { name: `${form}.xml`, base64: Buffer.from(signed).toString('base64') },
          endpoint: server.url,
        });
        expect(r.entry.state).toBe('sent');
        await server.settle();
        await ctx.value('ivan.poll', {});
        const regs = await ctx.value('ivan.registrations', { unitCode: 'TS12345' });
        expect(regs[0], JSON.stringify({ regs, stored: listTransactions(server.db) })).toMatchObject({
          form,
          signed: true,
          state: 'accepted',
        });
      } finally {
        ctx.close();
      }
      const stored = listTransactions(server.db).at(-1)!;
      expect(stored).toMatchObject({ kind: 'registration', status: 'accepted', unitCode: 'TS12345' });
    },
  );
});
