import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { deskMethods } from '../../shared/contract/desk';
import { notFound } from '../core/app-error';
import type { Handlers } from '../core/handlers';
import { allAudit, auditCsv, listAudit } from './audit-log';
import { autoBackup, makeBackup, restoreBackup, stageUpload } from './backup';
import { backupsDir, checkBackupName, listBackups, stampVN } from './backup-files';
import { readSettings, writeSettings } from './settings-store';
import { setTraining, trainingStatus } from './training';
import { markStep, welcomeStatus } from './welcome';

function backupFile(dataDir: string, name: string): string {
  const file = join(backupsDir(dataDir), checkBackupName(name));
  if (!existsSync(file)) throw notFound(`bản sao lưu "${name}"`, `Backup "${name}"`);
  return file;
}

export const deskHandlers: Handlers<typeof deskMethods> = {
  'settings.get': (_i, ctx) => readSettings(ctx.db),
  'settings.set': ({ patch }, ctx) => writeSettings(ctx.db, patch, ctx.now()),

  'training.status': (_i, ctx) => trainingStatus(ctx),
  'training.set': ({ enabled, demoData }, ctx) => setTraining(ctx, enabled, demoData),

  async 'backup.now'({ download }, ctx) {
    const backup = await makeBackup(ctx, 'manual');
    const file = download
      ? { name: backup.name, base64: readFileSync(join(backupsDir(ctx.dataDir), backup.name)).toString('base64') }
      : null;
    return { backup, file };
  },
  'backup.auto': (_i, ctx) => autoBackup(ctx),
  'backup.list': (_i, ctx) => ({ dir: backupsDir(ctx.dataDir), items: listBackups(ctx.dataDir) }),
  'backup.download': ({ name }, ctx) => ({
    name,
    base64: readFileSync(backupFile(ctx.dataDir, name)).toString('base64'),
  }),
  async 'backup.restore'({ file, name }, ctx) {
    if (name)
      return restoreBackup(ctx, {
        file: backupFile(ctx.dataDir, name),
        label: name,
        kind: name.startsWith('pre-migration') ? 'pre-migration' : 'manual',
      });
    const staged = stageUpload(ctx, file!.base64);
    try {
      return await restoreBackup(ctx, { file: staged.file, label: file!.name, kind: 'upload' });
    } finally {
      staged.cleanup();
    }
  },

  'audit.list': (input, ctx) => listAudit(ctx.db, input),
  'audit.export'({ format, ...filter }, ctx) {
    const entries = allAudit(ctx.db, filter);
    const body = format === 'csv' ? auditCsv(entries) : JSON.stringify(entries, null, 2);
    return {
      count: entries.length,
      file: { name: `nhat-ky-${stampVN(ctx.now())}.${format}`, base64: Buffer.from(body, 'utf8').toString('base64') },
    };
  },

  'welcome.status': (_i, ctx) => welcomeStatus(ctx.db),
  'welcome.mark'({ step, detail }, ctx) {
    markStep(ctx.db, step, ctx.now(), detail);
    return welcomeStatus(ctx.db);
  },
  'welcome.dismiss'(_i, ctx) {
    markStep(ctx.db, 'dismissed', ctx.now());
    return welcomeStatus(ctx.db);
  },
};
