import { systemMethods } from '../../shared/contract/system';
import type { Handlers } from '../core/handlers';
import { trainingDataDir } from '../core/paths';
import { APP_VERSION } from '../core/version';
import { DATABASE_FILE } from '../db/open';
import { latestSchemaVersion } from '../db/migrations';
import { schemaVersion } from '../db/migrate';
import { join } from 'node:path';
import { doctorPkcs11Libraries, doctorIvanProviders } from './doctor-probes';
import { logsDir } from '../log/logger';
import { buildSupportBundle } from './support-bundle';
import type { ServiceContext } from '../core/context';
import type { DoctorReport } from '../../shared/contract/system';

const homeDir = (ctx: ServiceContext) => ctx.home?.dataDir ?? ctx.dataDir;

function doctorReport(ctx: ServiceContext): DoctorReport {
  return {
    appVersion: APP_VERSION,
    face: ctx.face,
    dataDir: homeDir(ctx),
    databaseFile: join(ctx.dataDir, DATABASE_FILE),
    trainingDatabaseFile: join(trainingDataDir(homeDir(ctx)), DATABASE_FILE),
    training: ctx.training === true,
    logDir: logsDir(homeDir(ctx)),
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
  };
}

export const systemHandlers: Handlers<typeof systemMethods> = {
  'system.info': (_input, ctx) => ({
    appVersion: APP_VERSION,
    face: ctx.face,
    dataDir: ctx.dataDir,
    testMode: ctx.testMode,
    now: ctx.now().toISOString(),
  }),
  'system.doctor': (_input, ctx) => doctorReport(ctx),
  'system.supportBundle': (_input, ctx) => {
    const b = buildSupportBundle(homeDir(ctx), doctorReport(ctx), ctx.now());
    return { file: { name: b.name, base64: Buffer.from(b.bytes).toString('base64') }, entries: b.entries };
  },
};
