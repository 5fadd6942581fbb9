import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBackupName, dayVN, newBackupName, stampVN } from '../../../electron/desk/backup-files';
import { makeTempDir, removeDir } from '../../support/tmp';

describe('backup file names', () => {
  it('stamps in Vietnam time (UTC+7), which decides the backup day', () => {
    expect(stampVN(new Date('2015-10-31T16:59:59Z'))).toBe('20151031-235959');
    expect(stampVN(new Date('2015-10-31T17:00:00Z'))).toBe('20151101-000000');
    expect(dayVN(new Date('2015-10-31T17:00:00Z'))).toBe('20151101');
  });

  it('never overwrites: a second copy in the same second gets a counter', () => {
    const dir = makeTempDir();
    try {
      mkdirSync(dir, { recursive: true });
      const now = new Date('2015-10-30T03:00:00Z');
      const first = newBackupName(dir, 'manual', now);
      expect(first).toBe('kekhai-manual-20151030-100000.db');
      writeFileSync(join(dir, first), '');
      expect(newBackupName(dir, 'manual', now)).toBe('kekhai-manual-20151030-100000-2.db');
    } finally {
      removeDir(dir);
    }
  });

  it('accepts only our own file names (no paths, no traversal, no live database)', () => {
    for (const ok of [
      'kekhai-auto-20151030-100000.db',
      'kekhai-pre-restore-20151030-100000-3.db',
      'pre-migration-v50-2015-10-30T03-00-00-000Z.db',
    ])
      expect(checkBackupName(ok)).toBe(ok);
    for (const bad of [
      'kekhai.db',
      '../kekhai-auto-20151030-100000.db',
      'sub/kekhai-auto-20151030-100000.db',
      '..\\kekhai.db',
      'kekhai-auto-2015.db',
      '',
    ]) {
      expect(() => checkBackupName(bad), bad).toThrow();
    }
  });
});
