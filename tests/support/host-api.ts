import { expect } from 'vitest';
import type { RunningHost } from '../../electron/host/server';

type Reply = { ok: boolean; value?: any; error?: { code: string; message: string; details?: any } };

/** Calls over a browser-mode host's real HTTP API with its secret, as a tab does. */
export async function api(host: RunningHost, method: string, input: unknown): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kekhai-Token': host.secret },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Reply;
}

/** As `api`, failing the test unless the call succeeded; the value. */
export async function value(host: RunningHost, method: string, input: unknown): Promise<any> {
  const r = await api(host, method, input);
  expect(r.ok, `${method}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value;
}
