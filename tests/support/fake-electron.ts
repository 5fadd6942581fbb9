/**
 * A stand-in for the `electron` module with the parts electron/shell/main.ts uses: it records what the shell does
 * (windows, IPC handlers, session hardening, the service process) and lets a test fire the events Electron would,
 * so the shell's start-up runs as code under plain Node instead of being checked by reading its source.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  constructor(readonly id: number) {
    super();
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export class FakeChild extends EventEmitter {
  posted: Record<string, unknown>[] = [];
  constructor(
    readonly path: string,
    private readonly answer: (method: string) => unknown,
    /** The options `utilityProcess.fork` was given (execArgv…). */
    readonly options: { execArgv?: string[] } = {},
  ) {
    super();
  }
  postMessage(msg: Record<string, unknown>) {
    this.posted.push(msg);
    if (typeof msg.id === 'number' && typeof msg.method === 'string') {
      const value = this.answer(msg.method);
      setImmediate(() => this.emit('message', { id: msg.id, result: { ok: true, value } }));
    }
  }
}

export function createFakeElectron() {
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));
  let isReady = false;
  const calls: string[] = [];
  const windows: FakeWindow[] = [];
  const children: FakeChild[] = [];
  const ipcHandlers = new Map<string, Listener>();
  const sessionHandlers: Record<string, Listener> = {};
  const opened: string[] = [];

  class FakeWindow extends EventEmitter {
    webContents = new FakeContents(100 + windows.length);
    loaded: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadFile(f: string) {
      this.loaded = f;
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.loaded = u;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    quit: () => calls.push('quit'),
    getVersion: () => '0.0.0-test',
    isReady: () => isReady,
    whenReady: () => readyPromise,
  });

  const module = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (sessionHandlers.request = h),
        setPermissionCheckHandler: (h: Listener) => (sessionHandlers.check = h),
        setDevicePermissionHandler: (h: Listener) => (sessionHandlers.device = h),
        webRequest: { onHeadersReceived: (h: Listener) => (sessionHandlers.headers = h) },
      },
    },
    shell: { openExternal: async (url: string) => void opened.push(url) },
    dialog: { showSaveDialog: async () => ({ canceled: true }) },
    Notification: class {
      show() {}
    },
    safeStorage: { isEncryptionAvailable: () => false },
    utilityProcess: {
      fork: (path: string, _args?: string[], options?: { execArgv?: string[] }) => {
        const child = new FakeChild(
          path,
          (method) => (method === 'settings.get' ? { 'updates.auto': true } : { method }),
          options,
        );
        children.push(child);
        return child;
      },
    },
  };

  return {
    module,
    calls,
    windows,
    children,
    ipcHandlers,
    sessionHandlers,
    opened,
    /** Fires `app.whenReady()` as Electron does once it has started. */
    ready() {
      isReady = true;
      ready();
    },
  };
}
