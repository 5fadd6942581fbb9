import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge } from '../../shared/contract/bridge';

/**
 * The whole surface the page gets (Bitwarden/Actual style): one typed `call` into the contract, progress events,
 * and two desktop-only services. `ipcRenderer` itself is never exposed.
 */
const api = {
  face: 'desktop' as const,
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('kekhai:call', method, input),
  onProgress(listener: (event: unknown) => void): () => void {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on('kekhai:progress', wrapped);
    return () => ipcRenderer.removeListener('kekhai:progress', wrapped);
  },
  printToPdf: (): Promise<unknown> => ipcRenderer.invoke('kekhai:shell', 'printToPdf'),
  openExternal: (url: string): Promise<unknown> => ipcRenderer.invoke('kekhai:shell', 'openExternal', url),
  notify: (text: string): Promise<unknown> => ipcRenderer.invoke('kekhai:shell', 'notify', text),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('kekhai', api);
