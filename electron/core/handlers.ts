import type { z } from 'zod';
import type { MethodMap } from '../../shared/contract/define';
import type { ServiceContext } from './context';

/** The implementation of a domain map: one async function per method, typed from the contract. */
export type Handlers<M extends MethodMap> = {
  [K in keyof M]: (
    input: z.output<M[K]['input']>,
    ctx: ServiceContext,
  ) => Promise<z.input<M[K]['output']>> | z.input<M[K]['output']>;
};
