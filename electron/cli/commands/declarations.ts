import type { CliCommand } from '../command';

export const declarationCommands: CliCommand[] = [];
