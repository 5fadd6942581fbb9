import type { CliCommand } from '../command';

export const ivanCommands: CliCommand[] = [];
