import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { RegistrationInput } from '../../../shared/ivan/registration';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { RESOURCES, receiptClock } from './fixtures';

const form: RegistrationInput = {
  form: '04',
  place: 'Thanh Hoá',
  date: '20/10/2015',
  unitName: 'Công ty TNHH Tân An',
  unitCode: 'TA00001',
  address: '12 Lê Lợi, TP Thanh Hoá',
  email: 'ketoan@tanan.vn',
  phone: '0237385000',
  procedures: ['600'],
  ivanCode: '00020',
  ivanName: 'I-VAN của đơn vị',
  certificate: { serial: '0a1b2c', subject: 'CN=CONG TY TNHH TAN AN', notBefore: '', notAfter: '31/10/2015' },
};

let dir: string;
let server: RunningIvanServer;
let ctx: TestContext;
beforeAll(async () => {
  dir = makeTempDir('kekhai-reg-flow-');
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: RESOURCES,
    resultDelayMs: 10,
    now: receiptClock(),
  });
  ctx = createTestContext({ dataDir: join(dir, 'app'), now: new Date('2015-10-30T03:00:00Z') });
  await ctx.value('unit.add', {
    code: 'TA00001',
    name: 'Công ty TNHH Tân An',
    taxCode: '0101234565',
    agencyCode: '38101',
    wageRegion: '01',
    ivanProvider: '00020',
  });
  await ctx.value('ivan.settingsSave', {
    unitCode: 'TA00001',
    providerCode: '00020',
    endpoint: server.url,
    username: null,
  });
});
afterAll(async () => {
  ctx.close();
  await server.close();
  removeDir(dir);
});

describe('registration 04 as one row: built → signed → submitted', () => {
  test('empty fields are named by field; building twice keeps one row; sign and submit by id through the outbox', async () => {
    const bad = await ctx.call('ivan.registrationBuild', {
      ...form,
      unitName: '',
      place: '',
      certificate: { ...form.certificate, serial: '' },
    });
    expect(bad.ok).toBe(false);
    const fields =
      (!bad.ok &&
        (bad.error.details as { problems: { field: string; message: string }[] }).problems
          .map((p) => p.field)
          .sort()) ||
      [];
    expect(fields).toEqual(['certificate.serial', 'place', 'unitName']);

    const first = await ctx.value('ivan.registrationBuild', form);
    const again = await ctx.value('ivan.registrationBuild', { ...form, phone: '0237385001' });
    expect(again.id).toBe(first.id);
    let regs = await ctx.value('ivan.registrations', { unitCode: 'TA00001' });
    expect(regs).toHaveLength(1);
    expect(regs[0]).toMatchObject({ status: 'built', providerCode: '00020', signed: false });

    // Submitting before signing is refused with what to do.
    const early = await ctx.call('ivan.registrationSubmit', { id: first.id });
    expect(!early.ok && early.error.code).toBe('NOT_SIGNED');

    const wrong = await ctx.call('ivan.registrationSign', {
      id: first.id,
      signer: { kind: 'test-cert', password: 'sai' },
    });
    expect(wrong.ok).toBe(false);
    expect(
      await ctx.value('ivan.registrationSign', { id: first.id, signer: { kind: 'test-cert', password: 'thunghiem' } }),
    ).toEqual({ id: first.id, status: 'signed' });
    regs = await ctx.value('ivan.registrations', { unitCode: 'TA00001' });
    expect(regs[0]).toMatchObject({ status: 'signed', signed: true });

    const sent = await ctx.value('ivan.registrationSubmit', { id: first.id });
    // Handed to the I-VAN: it answered with a transaction id (the receipt may follow on the next poll).
    expect(['sent', 'received', 'accepted'], JSON.stringify(sent.entry)).toContain(sent.entry.state);
    expect(sent.entry.transactionId).toMatch(/\S/);
    regs = await ctx.value('ivan.registrations', { unitCode: 'TA00001' });
    expect(regs).toHaveLength(1);
    expect(['sent', 'received', 'accepted']).toContain(regs[0]!.status);
    expect(listTransactions(server.db)).toHaveLength(1);
    // Once submitted it is not signed over again.
    const resign = await ctx.call('ivan.registrationSign', {
      id: first.id,
      signer: { kind: 'test-cert', password: 'thunghiem' },
    });
    expect(!resign.ok && resign.error.code).toBe('CONFLICT');
    // The history names it: unit, form, no period.
    const h = await ctx.value('ivan.history', {});
    expect(h[0]).toMatchObject({
      unitCode: 'TA00001',
      unitName: 'Công ty TNHH Tân An',
      procedure: '04/ĐK-IVAN',
      batch: null,
    });
  });

  test('the first-run test call: a live endpoint answers; none, a dead one and plain http elsewhere are named', async () => {
    expect(await ctx.value('ivan.checkConnection', { endpoint: server.url, providerCode: '00020' })).toEqual({
      ok: true,
      endpoint: server.url,
    });
    const empty = await ctx.call('ivan.checkConnection', { endpoint: '' });
    expect(!empty.ok && empty.error.message).toContain('Nhập địa chỉ I-VAN');
    const dead = await ctx.call('ivan.checkConnection', { endpoint: 'http://127.0.0.1:9' });
    expect(!dead.ok && dead.error.code).toBe('IVAN_UNREACHABLE');
    const clear = await ctx.call('ivan.checkConnection', { endpoint: 'http://ivan.example.vn/api' });
    expect(!clear.ok && clear.error.code).toBe('IVAN_ENDPOINT');
  });
});
