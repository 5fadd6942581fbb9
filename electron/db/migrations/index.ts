import type { Migration } from './types';
import { migration as m0010 } from './0010-system';
import { migration as m0020 } from './0020-roster';
import { migration as m0030 } from './0030-declarations';
import { migration as m0040 } from './0040-signing';
import { migration as m0050 } from './0050-ivan';
import { migration as m0060 } from './0060-desk';
import { migration as m0070 } from './0070-ledger';
import { migration as m0090 } from './0090-outbox-claim';
import { migration as m0100 } from './0100-equality-checks';

/** Every schema step, in order. Versions strictly increase (checked at start-up and by a test). */
export const migrations: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0090, m0100];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
export type { Migration } from './types';
