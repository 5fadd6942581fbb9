import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDossier,
  getDossier,
  listTransitions,
  markSigned,
  saveDraft,
  transition,
} from '../../../electron/declarations/dossier-repo';
import { createTestContext, type TestContext } from '../../support/context';
import { baseDraft, tmRow } from '../../unit/declarations/fixtures/make-draft';

const AT = '2015-10-20T03:00:00.000Z';
const envelope = Buffer.from('<?xml version="1.0" encoding="utf-8"?><Hoso></Hoso>');
const sha = createHash('sha256').update(envelope).digest('hex');

function draftOf(rows = [tmRow()], period = '10/2015', batch = 1): Record<string, unknown> {
  return { ...baseDraft(period, rows), batch } as Record<string, unknown>;
}

describe('dossier store', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = createTestContext({ now: new Date(AT) });
  });
  afterEach(() => ctx.close());

  it('creates, saves and logs a draft; refuses signing while an error remains', () => {
    const d = createDossier(ctx.db, draftOf([tmRow({ salary: 1_000_000 })]), { at: AT, actor: 'lan' });
    expect(d).toMatchObject({ state: 'draft', unitCode: 'TA0001A', period: '10/2015', batch: 1, rowCount: 1 });
    expect(() =>
      markSigned(ctx.db, d.id, {
        envelope,
        sha256: sha,
        signer: 'CONG TY',
        mst: '2800123452',
        paperCopyRequired: false,
        at: AT,
      }),
    ).toThrow(/Không thể ký: tờ khai còn 1 lỗi/);
    const { record } = saveDraft(ctx.db, d.id, draftOf(), { at: AT, actor: 'lan' });
    expect(record.state).toBe('draft');
    expect(() =>
      markSigned(ctx.db, d.id, {
        envelope,
        sha256: 'b'.repeat(64),
        signer: 'X',
        mst: null,
        paperCopyRequired: false,
        at: AT,
      }),
    ).toThrow(/SHA-256/);
    const signed = markSigned(ctx.db, d.id, {
      envelope,
      sha256: sha,
      signer: 'CONG TY',
      mst: '2800123452',
      paperCopyRequired: true,
      at: AT,
      actor: 'lan',
    });
    expect(signed).toMatchObject({
      state: 'signed',
      paperCopyRequired: true,
      signerMst: '2800123452',
      signedSha256: sha,
    });
    expect(signed.signedEnvelope!.equals(envelope)).toBe(true);
  });

  it('an edit after signing returns the dossier to draft and voids the signature, in the audit log', () => {
    const d = createDossier(ctx.db, draftOf(), { at: AT, actor: 'lan' });
    markSigned(ctx.db, d.id, {
      envelope,
      sha256: sha,
      signer: 'CONG TY',
      mst: null,
      paperCopyRequired: false,
      at: AT,
      actor: 'lan',
    });
    const same = saveDraft(ctx.db, d.id, getDossier(ctx.db, d.id)!.draft, { at: AT });
    expect(same.signatureVoided).toBe(false);
    const r = saveDraft(ctx.db, d.id, draftOf([tmRow({ salary: 4_000_000 })]), { at: AT, actor: 'lan' });
    expect(r.signatureVoided).toBe(true);
    expect(r.record).toMatchObject({ state: 'draft', signedEnvelope: null, signer: null, paperCopyRequired: false });
    expect(listTransitions(ctx.db, d.id).map((t) => `${t.from}>${t.to}:${t.actor}`)).toEqual([
      'null>draft:lan',
      'draft>signed:lan',
      'signed>draft:lan',
    ]);
  });

  it('follows the life through transition() and refuses shortcuts', () => {
    const d = createDossier(ctx.db, draftOf(), { at: AT });
    expect(() => transition(ctx.db, d.id, 'queued', { at: AT })).toThrow(/Không thể chuyển/);
    markSigned(ctx.db, d.id, { envelope, sha256: sha, signer: 'S', mst: null, paperCopyRequired: false, at: AT });
    for (const s of ['queued', 'sent', 'received', 'rejected'] as const)
      transition(ctx.db, d.id, s, { at: AT, actor: 'ivan', note: s });
    expect(getDossier(ctx.db, d.id)!.state).toBe('rejected');
    expect(() => saveDraft(ctx.db, d.id, draftOf([]), { at: AT })).toThrow(/không thể sửa/);
    expect(listTransitions(ctx.db, d.id)).toHaveLength(6);
  });

  it('flags the same mã số in two open dossiers, an increase while active and a second decrease', async () => {
    const person = { insuranceNo: '3815012345' };
    // 09/2015: TM submitted and accepted → active.
    const sep = createDossier(ctx.db, draftOf([tmRow({ ...person, fromMonth: '09/2015' })], '09/2015'), { at: AT });
    markSigned(ctx.db, sep.id, { envelope, sha256: sha, signer: 'S', mst: null, paperCopyRequired: false, at: AT });
    const a = await ctx.value('dossier.create', { draft: draftOf([tmRow(person)]) });
    expect(a.validation.problems.map((p) => p.code)).toContain('INCREASE_WHILE_ACTIVE');
    expect(() =>
      markSigned(ctx.db, a.id, { envelope, sha256: sha, signer: 'S', mst: null, paperCopyRequired: false, at: AT }),
    ).toThrow(/Không thể ký/);
    const gh = {
      ...tmRow({ ...person, plan: 'GH' }),
      contract: { number: '', signedOn: '', type: '' as const, from: '', to: '' },
    };
    const b = await ctx.value('dossier.create', { draft: draftOf([gh], '10/2015', 2) });
    expect(b.validation.problems.map((p) => p.code)).toContain('IN_OTHER_OPEN_DOSSIER');
    expect(b.validation.problems.find((p) => p.code === 'IN_OTHER_OPEN_DOSSIER')!.message).toContain(
      'kỳ 10/2015 đợt 1',
    );
    // 11/2015: decreased in 10/2015 (signed) → a second GH is flagged.
    markSigned(ctx.db, b.id, { envelope, sha256: sha, signer: 'S', mst: null, paperCopyRequired: false, at: AT });
    const c = await ctx.value('declarations.validate', {
      draft: draftOf([{ ...gh, fromMonth: '11/2015' }], '11/2015'),
    });
    expect(c.problems.map((p) => p.code)).toContain('DECREASE_TWICE');
  });
});
