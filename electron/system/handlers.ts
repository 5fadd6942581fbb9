import { systemMethods } from '../../shared/contract/system';
import type { Handlers } from '../core/handlers';
import { trainingDataDir } from '../core/paths';
import { APP_VERSION } from '../core/version';
import { DATABASE_FILE } from '../db/open';
import { latestSchemaVersion } from '../db/migrations';
import { schemaVersion } from '../db/migrate';
import { join } from 'node:path';
import { doctorPkcs11Libraries, doctorIvanProviders } from './doctor-probes';

export const systemHandlers: Handlers<typeof systemMethods> = {
  'system.info': (_input, ctx) => ({
    appVersion: APP_VERSION,
    face: ctx.face,
    dataDir: ctx.dataDir,
    testMode: ctx.testMode,
    now: ctx.now().toISOString(),
  }),
  'system.doctor': (_input, ctx) => ({
    appVersion: APP_VERSION,
    face: ctx.face,
    dataDir: ctx.home?.dataDir ?? ctx.dataDir,
    databaseFile: join(ctx.dataDir, DATABASE_FILE),
    trainingDatabaseFile: join(trainingDataDir(ctx.home?.dataDir ?? ctx.dataDir), DATABASE_FILE),
    training: ctx.training === true,
    schemaVersion: schemaVersion(ctx.db),
    latestSchemaVersion,
    pkcs11Libraries: doctorPkcs11Libraries(ctx),
    ivanProvider: doctorIvanProviders(ctx),
    versions: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    },
    testMode: ctx.testMode,
  }),
};
