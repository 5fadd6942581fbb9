import { afterEach, describe, expect, it } from 'vitest';
import { stopTrainingServer } from '../../../electron/ivan/training';
import { createTestContext, type TestContext } from '../../support/context';

let ctx: TestContext | null = null;
afterEach(async () => {
  await stopTrainingServer();
  ctx?.close();
  ctx = null;
});

describe('first-run (welcome) status', () => {
  it('is needed while no unit exists, remembers finished steps, and can be dismissed', async () => {
    ctx = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
    const first = await ctx.value('welcome.status', {});
    expect(first).toMatchObject({ needed: true, unitCount: 0 });
    expect(first.steps.map((s) => s.step)).toEqual(['unit', 'provider', 'token', 'registration']);
    const marked = await ctx.value('welcome.mark', { step: 'token', detail: 'SoftHSM' });
    expect(marked.steps.find((s) => s.step === 'token')).toEqual({
      step: 'token',
      doneAt: '2015-10-30T03:00:00.000Z',
      detail: 'SoftHSM',
    });
    const dismissed = await ctx.value('welcome.dismiss', {});
    expect(dismissed.needed).toBe(false);
  });

  it('is no longer needed once a unit exists', async () => {
    ctx = createTestContext();
    const added = await ctx.call('unit.add', {
      code: 'TA00001',
      name: 'Công ty TNHH Tân An',
      taxCode: '0101234565',
      agencyCode: '38101',
      wageRegion: '01',
    });
    expect(added.ok, JSON.stringify(!added.ok && added.error)).toBe(true);
    expect(await ctx.value('welcome.status', {})).toMatchObject({ needed: false, unitCount: 1 });
  });
});

describe('training mode', () => {
  it('from the command line: marks test mode and creates the demo unit with employees, no server', async () => {
    ctx = createTestContext();
    const state = await ctx.value('training.set', { enabled: true, demoData: true });
    expect(state).toEqual({ enabled: true, demoUnitCode: 'TH00001', ivanEndpoint: null });
    const unit = await ctx.value('unit.get', { code: 'TH00001' });
    expect(unit.name).toContain('TẬP HUẤN');
    expect((await ctx.value('employee.list', { unitCode: 'TH00001' })).total).toBe(3);
    expect((await ctx.value('settings.get', {}))['training.enabled']).toBe(true);
    // Turning it on again does not duplicate the demo data.
    await ctx.value('training.set', { enabled: true, demoData: true });
    expect((await ctx.value('employee.list', { unitCode: 'TH00001' })).total).toBe(3);
    expect(await ctx.value('training.set', { enabled: false, demoData: true })).toMatchObject({
      enabled: false,
      ivanEndpoint: null,
    });
  });

  it('in a long-running process: starts the local I-VAN server and points the demo unit at it', async () => {
    ctx = createTestContext();
    ctx.face = 'browser';
    const state = await ctx.value('training.set', { enabled: true, demoData: true });
    expect(state.ivanEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    const settings = await ctx.value('ivan.settingsGet', { unitCode: 'TH00001' });
    expect(settings.settings[0]).toMatchObject({ endpoint: state.ivanEndpoint, trainingMode: true });
    // The training I-VAN answers there: its health route, and an unknown dossier is a 404, not a crash.
    const health = await fetch(`${state.ivanEndpoint}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`${state.ivanEndpoint}/v1/dossiers/KHONG-CO`)).status).toBe(404);
  });
});
