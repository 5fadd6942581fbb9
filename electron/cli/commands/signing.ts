import type { CliCommand } from '../command';

export const signingCommands: CliCommand[] = [];
