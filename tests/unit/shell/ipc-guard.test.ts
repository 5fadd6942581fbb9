import { describe, expect, it } from 'vitest';
import {
  createCallHandler,
  rendererUrlCheck,
  senderProblem,
  type InvokeEventLike,
} from '../../../electron/shell/ipc-guard';
import type { Result } from '../../../shared/contract';

const INDEX = 'file:///opt/KeKhai/resources/app.asar/out/renderer/index.html';
const isTrustedUrl = rendererUrlCheck(INDEX);
const WINDOW_ID = 7;

function event(over: Partial<InvokeEventLike> & { url?: string; parent?: unknown } = {}): InvokeEventLike {
  return {
    sender: over.sender ?? { id: WINDOW_ID },
    senderFrame:
      over.senderFrame === undefined ? { url: over.url ?? INDEX, parent: over.parent ?? null } : over.senderFrame,
  };
}

function handler() {
  const forwarded: [string, unknown][] = [];
  const h = createCallHandler({
    trustedWebContentsId: () => WINDOW_ID,
    isTrustedUrl,
    forward: async (method, input): Promise<Result<unknown>> => {
      forwarded.push([method, input]);
      return { ok: true, value: 'forwarded' };
    },
  });
  return { h, forwarded };
}

describe('IPC sender and argument guard', () => {
  it('forwards a valid call from our window main frame', async () => {
    const { h, forwarded } = handler();
    expect(await h(event(), 'system.info', {})).toEqual({ ok: true, value: 'forwarded' });
    expect(forwarded).toEqual([['system.info', {}]]);
  });

  it('rejects a sub-frame sender', async () => {
    const { h, forwarded } = handler();
    const r = await h(event({ parent: { url: INDEX } }), 'system.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'sub-frame' } } });
    expect(forwarded).toHaveLength(0);
  });

  it('rejects a foreign page URL, another webContents and a missing frame', async () => {
    const { h, forwarded } = handler();
    expect(await h(event({ url: 'https://evil.example/' }), 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'foreign-url' } },
    });
    expect(await h(event({ url: 'file:///tmp/evil/index.html' }), 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h(event({ sender: { id: 99 } }), 'system.info', {})).toMatchObject({
      ok: false,
      error: { details: { reason: 'foreign-webcontents' } },
    });
    expect(await h(event({ senderFrame: null }), 'system.info', {})).toMatchObject({
      ok: false,
      error: { details: { reason: 'no-frame' } },
    });
    expect(forwarded).toHaveLength(0);
  });

  it('rejects an unknown method; the input goes untouched to the dispatcher, the one place that validates it', async () => {
    const { h, forwarded } = handler();
    expect(await h(event(), 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await h(event(), 42, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(forwarded).toHaveLength(0);
    await h(event(), 'system.info', { unexpected: true });
    expect(forwarded).toEqual([['system.info', { unexpected: true }]]);
  });

  it('trusts only files under the renderer folder', () => {
    expect(isTrustedUrl('file:///opt/KeKhai/resources/app.asar/out/renderer/index.html#/units')).toBe(true);
    expect(isTrustedUrl('file:///opt/KeKhai/resources/app.asar/out/other.html')).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:3000/')).toBe(false);
    expect(isTrustedUrl('not a url')).toBe(false);
    expect(senderProblem(event(), { trustedWebContentsId: () => null, isTrustedUrl })).toBe('foreign-webcontents');
  });
});
