import { resolveDataDir } from '../core/paths';
import { Runtime } from '../core/runtime';
import { setSecretBox, WrappedKeySecretBox } from '../ivan/secret-box';

/**
 * The desktop app's service process (Electron utilityProcess): SQLite, token signing and big XML run here, so the
 * window's main process never blocks (Actual's createBackgroundProcess pattern).
 */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('service-host must run as an Electron utility process');

const runtime = new Runtime({
  dataDir: resolveDataDir(process.env.KEKHAI_DATA),
  face: 'desktop',
  onProgress: (progress) => port.postMessage({ progress }),
});

port.on('message', (e) => {
  const key = (e.data as { credentialKey?: string }).credentialKey;
  if (key) return setSecretBox(new WrappedKeySecretBox(Buffer.from(key, 'base64')));
  const { id, method, input } = e.data as { id: number; method: string; input: unknown };
  void runtime.call(method, input).then((result) => port.postMessage({ id, result }));
});
