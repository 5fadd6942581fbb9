import { pathToFileURL } from 'node:url';
import { isMethodName, type Result } from '../../shared/contract';

/** The parts of Electron's IpcMainInvokeEvent the guard reads (kept structural so it is testable under plain Node). */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown | null } | null;
}

export interface GuardOptions {
  /** The webContents id of our one window, or null before it exists. */
  trustedWebContentsId(): number | null;
  /** Whether a frame URL is our packaged renderer. */
  isTrustedUrl(url: string): boolean;
}

/**
 * Electron security checklist item 17: accept a call only from the main frame of our own window showing our own page.
 * A sub-frame (an injected iframe) or another webContents is refused even when it can reach ipcRenderer.
 */
export function senderProblem(event: InvokeEventLike, opts: GuardOptions): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'no-frame';
  if (event.sender.id !== opts.trustedWebContentsId()) return 'foreign-webcontents';
  if (frame.parent !== null) return 'sub-frame';
  if (!opts.isTrustedUrl(frame.url)) return 'foreign-url';
  return null;
}

const forbidden = (reason: string): Result<never> => ({
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: 'Yêu cầu bị từ chối: nguồn gọi không phải cửa sổ của ứng dụng',
    messageEn: 'Request refused: the caller is not the application window',
    details: { reason },
  },
});

/**
 * The one `ipcMain.handle` callback: checks the sender and the method name, then forwards to the service process,
 * whose dispatcher is the one place that validates the input against the contract (one error mapping for every face).
 * Always resolves to a Result envelope.
 */
export function createCallHandler(
  opts: GuardOptions & { forward(method: string, input: unknown): Promise<Result<unknown>> },
) {
  return async (event: InvokeEventLike, method: unknown, input: unknown): Promise<Result<unknown>> => {
    const problem = senderProblem(event, opts);
    if (problem) return forbidden(problem);
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message: `Không có chức năng "${String(method)}"`,
          messageEn: `Unknown method "${String(method)}"`,
        },
      };
    }
    return opts.forward(method, input);
  };
}

/**
 * The URL the window loads and the guard trusts: one string for both. `pathToFileURL` percent-encodes what a folder
 * name may hold (`%`, `[`, `]`, `~`, `#`, spaces, Vietnamese letters), and Chromium keeps that URL as it is.
 * `BrowserWindow.loadFile` does not: it builds the URL with `url.format`, which leaves `%` and brackets raw, so an
 * app installed under "C:\Users\Hoà 100%\…" showed a page whose URL the guard refused (every call refused), and
 * under a folder named "a%20b" no page at all (Chromium looked for "a b").
 */
export function rendererIndexUrl(indexFile: string): string {
  return pathToFileURL(indexFile).href;
}

/** Our page: the built renderer loaded from disk (file://…/out/renderer/…). */
export function rendererUrlCheck(rendererIndexFileUrl: string): (url: string) => boolean {
  const base = new URL('.', rendererIndexFileUrl).href;
  return (url: string) => {
    try {
      const u = new URL(url);
      return u.protocol === 'file:' && u.href.startsWith(base);
    } catch {
      return false;
    }
  };
}
