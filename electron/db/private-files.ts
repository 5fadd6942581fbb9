import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/** The data folder is the clerk's alone: other local accounts must not read dossiers, PINs' sealed secrets or backups. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates (or tightens) a private folder. chmod is a no-op for ACL-governed Windows folders, which is fine there. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tightenMode(dir, PRIVATE_DIR_MODE);
}

/** Sets the mode of a file we own; a file we cannot chmod (read-only media) is left as it is. */
export function tightenMode(path: string, mode: number = PRIVATE_FILE_MODE): void {
  if (process.platform === 'win32' || !existsSync(path)) return;
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (e.g. a shared read-only copy): opening still works, and doctor reports the mode.
  }
}
