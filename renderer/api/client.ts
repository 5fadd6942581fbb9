import type { Input, MethodName, Output, Result } from '../../shared/contract';
import type { ProgressEvent } from '../../shared/contract/common';
import type { DesktopBridge } from '../../shared/contract/bridge';

declare global {
  interface Window {
    kekhai?: DesktopBridge;
  }
}

export type Face = 'desktop' | 'browser';

/** The per-launch secret of browser mode: read once from `?token=` and then removed from the address bar. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? sessionStorage.getItem('kekhai.token');
  if (token) {
    sessionStorage.setItem('kekhai.token', token);
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  }
  return token;
}

const token = typeof window !== 'undefined' && !window.kekhai ? takeToken() : null;

export const face: Face = typeof window !== 'undefined' && window.kekhai ? 'desktop' : 'browser';

async function httpCall(method: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`./api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Kekhai-Token': token } : {}) },
      body: JSON.stringify(input ?? {}),
      // The secret travels in the header only; the host sets no cookie (cookies are shared by every 127.0.0.1 port).
      credentials: 'omit',
    });
    if (res.status === 403)
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Phiên làm việc không hợp lệ: hãy mở lại đường dẫn có mã truy cập',
          messageEn: 'Invalid session: reopen the link with its access token',
        },
      };
    return (await res.json()) as Result<unknown>;
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'IO',
        message: `Không kết nối được dịch vụ cục bộ: ${(e as Error).message}`,
        messageEn: `Cannot reach the local service: ${(e as Error).message}`,
      },
    };
  }
}

/**
 * Browser mode's progress events: the host's event stream read with fetch, because EventSource cannot send the
 * X-Kekhai-Token header (and the secret is never a cookie or a URL parameter).
 */
function progressStream(listener: (e: ProgressEvent) => void): () => void {
  const stop = new AbortController();
  void (async () => {
    try {
      const res = await fetch('./api/progress', {
        headers: token ? { 'X-Kekhai-Token': token } : {},
        credentials: 'omit',
        signal: stop.signal,
      });
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pending += value;
        for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          for (const line of block.split('\n'))
            if (line.startsWith('data: ')) listener(JSON.parse(line.slice(6)) as ProgressEvent);
        }
      }
    } catch {
      // Aborted on unsubscribe, or the host went away: progress is a nicety, the call's own result still arrives.
    }
  })();
  return () => stop.abort();
}

/** The renderer's only way to the services: the contract, over IPC in the window or HTTP in browser mode. */
export const api = {
  face,
  async call<K extends MethodName>(method: K, input: Input<K>): Promise<Result<Output<K>>> {
    if (window.kekhai) return (await window.kekhai.call(method, input)) as Result<Output<K>>;
    return (await httpCall(method, input)) as Result<Output<K>>;
  },
  /** Progress of long work (import, build, signing, upload). */
  onProgress(listener: (e: ProgressEvent) => void): () => void {
    if (window.kekhai) return window.kekhai.onProgress((e) => listener(e as ProgressEvent));
    return progressStream(listener);
  },
  /** Prints the current page to PDF: printToPDF in the desktop app, the browser's print dialog in browser mode. */
  async printToPdf(): Promise<void> {
    if (window.kekhai) await window.kekhai.printToPdf();
    else window.print();
  },
  /** A desktop notification: the OS one in the window, the web Notification API where permitted in browser mode. */
  notify(text: string): void {
    if (window.kekhai) void window.kekhai.notify(text);
    else if ('Notification' in window && Notification.permission === 'granted')
      new Notification('KêKhai BHXH', { body: text });
  },
};
