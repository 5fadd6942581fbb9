import type { z } from 'zod';

/**
 * A method of the API: its request and response schemas, declared once.
 * IPC handlers, the preload API, the browser-mode HTTP host and the CLI are all derived from these maps.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line, Vietnamese then English, shown by `kekhai help` and in docs. */
  summary: string;
  /** Long-running methods report progress events (import, build, signing, upload). */
  progress?: boolean;
}

export type MethodMap = Record<string, MethodDef>;

/** Identity helper that keeps the literal method names and schemas typed. Names are `domain.verb`. */
export function defineMethods<const T extends MethodMap>(methods: T): T {
  return methods;
}
