import type { Result } from '../../shared/contract';
import type { ServiceContext } from './context';

type Dispatch = (name: unknown, input: unknown, ctx: ServiceContext) => Promise<Result<unknown>>;

let dispatcher: Dispatch | null = null;

/** dispatch.ts registers itself here when it loads, so a handler can call another method without importing it. */
export function registerDispatcher(d: Dispatch): void {
  dispatcher = d;
}

/**
 * Calls another contract method through the dispatcher (validation included). A handler importing dispatch.ts would
 * close the cycle dispatch → registry → handler → dispatch.
 */
export function callMethod(name: string, input: unknown, ctx: ServiceContext): Promise<Result<unknown>> {
  if (!dispatcher) throw new Error('dispatcher not loaded');
  return dispatcher(name, input, ctx);
}
