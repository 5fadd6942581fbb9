import type { CliCommand } from '../command';
import { systemCommands } from './system';
import { rosterCommands } from './roster';
import { declarationCommands } from './declarations';
import { signingCommands } from './signing';
import { ivanCommands } from './ivan';
import { deskCommands } from './desk';
import { ledgerCommands } from './ledger';
import { codesCommands } from './codes';
import { sheetCommands } from './sheets';
import { supportCommands } from './support';

/** Every `kekhai` command. The longest matching path wins, so `roster import` and `roster list` can coexist. */
export const commands: CliCommand[] = [
  ...systemCommands,
  ...rosterCommands,
  ...declarationCommands,
  ...signingCommands,
  ...ivanCommands,
  ...deskCommands,
  ...ledgerCommands,
  ...codesCommands,
  ...sheetCommands,
  ...supportCommands,
];
