import type { Contract } from '../../shared/contract';
import type { Handlers } from './handlers';
import { systemHandlers } from '../system/handlers';
import { rosterHandlers } from '../roster/handlers';
import { declarationHandlers } from '../declarations/handlers';
import { signingHandlers } from '../signing/handlers';
import { ivanHandlers } from '../ivan/handlers';
import { deskHandlers } from '../desk/handlers';
import { ledgerHandlers } from '../ledger/handlers';
import { codesHandlers } from '../codes/handlers';
import { sheetHandlers } from '../declarations/vnpt-handlers';

/** Every implementation, merged like the contract (a test checks the two have the same names). */
export const handlers: Partial<Handlers<Contract>> = {
  ...systemHandlers,
  ...rosterHandlers,
  ...declarationHandlers,
  ...signingHandlers,
  ...ivanHandlers,
  ...deskHandlers,
  ...codesHandlers,
  ...ledgerHandlers,
  ...sheetHandlers,
};
