/**
 * What the desktop preload (electron/shell/preload.ts) exposes to the page as `window.kekhai`. The preload is checked
 * against this type (`satisfies`) and the renderer reads it from here: one definition for both sides of the bridge.
 */
export interface DesktopBridge {
  face: 'desktop';
  /** One call into the contract over IPC (channel `kekhai:call`); resolves to the Result envelope. */
  call(method: string, input: unknown): Promise<unknown>;
  /** Progress events of long work; returns the unsubscribe function. */
  onProgress(listener: (event: unknown) => void): () => void;
  printToPdf(): Promise<unknown>;
  openExternal(url: string): Promise<unknown>;
  notify(text: string): Promise<unknown>;
}
