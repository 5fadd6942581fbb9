import { resolveDataDir } from '../core/paths';
import { Runtime } from '../core/runtime';
import { setSecretBox, WrappedKeySecretBox } from '../ivan/secret-box';
import { closeLog, openLog } from '../log/logger';

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

const dataDir = resolveDataDir(process.env.KEKHAI_DATA);
// <data>/logs/services.log: each call's method and outcome (never its input), and what made this process stop.
const logger = openLog(dataDir, 'services');
logger.info(
  { versions: { node: process.versions.node, electron: process.versions.electron } },
  'service process started',
);
process.on('uncaughtException', (e) => {
  logger.fatal({ err: e }, 'service process crashed');
  void closeLog().finally(() => process.exit(70));
});
process.on('unhandledRejection', (e) => logger.error({ err: e }, 'unhandled rejection'));

const runtime = new Runtime({
  dataDir,
  face: 'desktop',
  onProgress: (progress) => port.postMessage({ progress }),
});

port.on('message', (e) => {
  const key = (e.data as { credentialKey?: string }).credentialKey;
  if (key) return setSecretBox(new WrappedKeySecretBox(Buffer.from(key, 'base64')));
  const { id, method, input } = e.data as { id: number; method: string; input: unknown };
  const started = Date.now();
  void runtime.call(method, input).then((result) => {
    const ms = Date.now() - started;
    if (result.ok) logger.info({ method, ms }, 'call');
    else
      logger[result.error.code === 'INTERNAL' ? 'error' : 'info'](
        { method, ms, code: result.error.code, message: result.error.messageEn ?? result.error.message },
        'call failed',
      );
    port.postMessage({ id, result });
  });
});
