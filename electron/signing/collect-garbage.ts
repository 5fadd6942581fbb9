/**
 * A full garbage collection between the large forms of a dossier. A built 50,000-row form is a ~75 MB ArrayBuffer
 * that V8 frees only when a major GC runs, and none is due when the next form starts growing its own buffer: both
 * would then be resident together (issue 5: peak memory ≤ 300 MB). Node exposes `gc` only behind --expose-gc, which
 * a CLI started as `kekhai …` cannot pass; the V8 flag set at run time gives it to a fresh context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
