import { domainMaps, type MethodName } from '../../shared/contract';
import type { ServiceContext } from './context';

type AnyHandler = (input: unknown, ctx: ServiceContext) => unknown;
type HandlerMap = Record<string, AnyHandler | undefined>;

/**
 * Every implementation, one loader per capability, keyed by the capability's method map in the contract. A capability's
 * module (and its native modules, stores, parsers) loads on the first call of one of its methods, so `kekhai unit list`
 * does not pay for signing or the I-VAN client. A test checks the handlers equal the contract.
 */
const capabilities: { methods: object; load(): Promise<object> }[] = [
  { methods: domainMaps.systemMethods, load: async () => (await import('../system/handlers')).systemHandlers },
  { methods: domainMaps.rosterMethods, load: async () => (await import('../roster/handlers')).rosterHandlers },
  {
    methods: domainMaps.declarationMethods,
    load: async () => (await import('../declarations/handlers')).declarationHandlers,
  },
  { methods: domainMaps.signingMethods, load: async () => (await import('../signing/handlers')).signingHandlers },
  { methods: domainMaps.ivanMethods, load: async () => (await import('../ivan/handlers')).ivanHandlers },
  { methods: domainMaps.deskMethods, load: async () => (await import('../desk/handlers')).deskHandlers },
  { methods: domainMaps.codesMethods, load: async () => (await import('../codes/handlers')).codesHandlers },
  { methods: domainMaps.ledgerMethods, load: async () => (await import('../ledger/handlers')).ledgerHandlers },
  { methods: domainMaps.sheetMethods, load: async () => (await import('../declarations/vnpt-handlers')).sheetHandlers },
];

const loaded = new Map<object, Promise<HandlerMap>>();

function load(cap: (typeof capabilities)[number]): Promise<HandlerMap> {
  let p = loaded.get(cap.methods);
  if (!p) {
    p = cap.load() as Promise<HandlerMap>;
    loaded.set(cap.methods, p);
  }
  return p;
}

/** The handler of a contract method, loading its capability on first use (undefined when none implements it). */
export async function handlerFor(name: MethodName): Promise<AnyHandler | undefined> {
  const cap = capabilities.find((c) => Object.prototype.hasOwnProperty.call(c.methods, name));
  return cap ? (await load(cap))[name] : undefined;
}

/** Every capability's handlers merged (the contract test compares their names with the contract). */
export async function allHandlers(): Promise<HandlerMap> {
  return Object.assign({}, ...(await Promise.all(capabilities.map(load))));
}
