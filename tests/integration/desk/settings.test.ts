import { afterEach, describe, expect, it } from 'vitest';
import { Runtime } from '../../../electron/core/runtime';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';

let ctx: TestContext | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
});

describe('settings', () => {
  it('returns defaults, stores changes and records each change in the audit log', async () => {
    ctx = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
    const before = await ctx.value('settings.get', {});
    expect(before).toMatchObject({
      'testMode.clock': null,
      'training.enabled': false,
      'backup.auto': true,
      'backup.keep': 14,
    });
    const after = await ctx.value('settings.set', { patch: { 'backup.keep': 30, 'updates.auto': false } });
    expect(after['backup.keep']).toBe(30);
    expect(after['updates.auto']).toBe(false);
    const log = await ctx.value('audit.list', { subjectType: 'setting' });
    expect(log.items.map((e) => e.subjectId).sort()).toEqual(['backup.keep', 'updates.auto']);
    expect(JSON.parse(log.items.find((e) => e.subjectId === 'backup.keep')!.detail!)).toEqual({ from: 14, to: 30 });
    // Setting the same value again is not a change.
    await ctx.value('settings.set', { patch: { 'backup.keep': 30 } });
    expect((await ctx.value('audit.list', { subjectType: 'setting' })).total).toBe(2);
  });

  it('refuses unknown keys, bad values, and any update address (issue #12: never from the settings API)', async () => {
    ctx = createTestContext();
    const unknown = await ctx.call('settings.set', { patch: { 'no.such': 1 } as never });
    expect(unknown.ok).toBe(false);
    const bad = await ctx.call('settings.set', { patch: { 'backup.keep': 0 } });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    const feed = await ctx.call('settings.set', { patch: { 'updates.url': 'https://evil.example/' } as never });
    expect(!feed.ok && feed.error.code).toBe('VALIDATION');
    expect(!feed.ok && feed.error.message).toMatch(/Dữ liệu gửi lên không hợp lệ/);
    expect((await ctx.value('settings.get', {})) as Record<string, unknown>).not.toHaveProperty('updates.url');
    const clock = await ctx.call('settings.set', { patch: { 'testMode.clock': '30/10/2015' } });
    expect(clock.ok).toBe(false);
  });

  it('the test-mode clock setting drives the runtime clock and marks test mode', async () => {
    const dataDir = makeTempDir();
    const rt = new Runtime({ dataDir, face: 'cli' });
    try {
      const real = await rt.call('system.info', {});
      expect(real.ok && (real.value as { testMode: boolean }).testMode).toBe(false);
      expect((await rt.call('settings.set', { patch: { 'testMode.clock': '2015-10-31T23:59:00+07:00' } })).ok).toBe(
        true,
      );
      const info = await rt.call('system.info', {});
      expect(info.ok && info.value).toMatchObject({ testMode: true, now: '2015-10-31T16:59:00.000Z' });
      await rt.call('settings.set', { patch: { 'testMode.clock': null, 'training.enabled': true } });
      const training = await rt.call('system.info', {});
      expect(training.ok && (training.value as { testMode: boolean }).testMode).toBe(true);
    } finally {
      rt.close();
      removeDir(dataDir);
    }
  });
});
