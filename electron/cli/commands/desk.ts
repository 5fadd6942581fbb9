import type { CliCommand } from '../command';

export const deskCommands: CliCommand[] = [];
