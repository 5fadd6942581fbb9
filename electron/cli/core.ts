/**
 * Everything heavy the CLI reaches: the runtime (database, dispatcher, every capability), the contract's zod schemas,
 * the HTTP host, the training I-VAN server, the streaming dossier writer. scripts/build.mjs bundles this module on its
 * own (out/cli-core.cjs) and the command modules load it through `loadCore()` only when a command runs, so
 * `kekhai --version` and `kekhai help` parse and run only the light command table (tests/unit/architecture checks it).
 */
export { Runtime } from '../core/runtime';
export { toApiError } from '../core/dispatch';

// Needed by one command each: evaluated only when that command runs.
export const loadHost = () => import('../host/server');
export const loadIvanSimulator = () => import('../ivan/simulator/server');
export const loadIvanSimulatorStore = () => import('../ivan/simulator/store');
export const loadDossierFile = () => import('../signing/dossier-file');
export { contract, isMethodName, methodNames } from '../../shared/contract';
export { appSettings } from '../../shared/contract/desk';
