import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Runtime } from '../../../electron/core/runtime';
import { stopTrainingServer } from '../../../electron/ivan/training';
import { makeTempDir, removeDir } from '../../support/tmp';

let rt: Runtime | null = null;
let dataDir = '';
afterEach(async () => {
  await stopTrainingServer();
  rt?.close();
  rt = null;
  if (dataDir) removeDir(dataDir);
});

async function value(method: string, input: unknown): Promise<unknown> {
  const r = await rt!.call(method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('training mode keeps its own database', () => {
  it('on: the sample unit lives in <data>/training/kekhai.db; off: the real database is as it was', async () => {
    dataDir = makeTempDir();
    rt = new Runtime({ dataDir, face: 'browser' });
    await value('unit.add', {
      code: 'TA00001',
      name: 'Công ty TNHH Tân An',
      taxCode: '0101234565',
      agencyCode: '38101',
      wageRegion: '01',
      ivanProvider: '00020',
    });
    const realUnits = () => new Database(join(dataDir, 'kekhai.db'), { readonly: true });

    const on = (await value('training.set', { enabled: true, demoData: true })) as {
      enabled: boolean;
      demoUnitCode: string;
      ivanEndpoint: string;
    };
    expect(on).toMatchObject({ enabled: true, demoUnitCode: 'TH00001' });
    expect(on.ivanEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    // Only the sample unit is seen while training; the real unit is not touched or shown.
    const { units } = (await value('unit.list', {})) as { units: { code: string }[] };
    expect(units.map((u) => u.code)).toEqual(['TH00001']);
    // The sample unit's own provider (00020) is the one its local I-VAN settings use.
    const ivan = (await value('ivan.settingsGet', { unitCode: 'TH00001' })) as {
      settings: { providerCode: string; endpoint: string }[];
    };
    expect(ivan.settings[0]).toMatchObject({ providerCode: '00020', endpoint: on.ivanEndpoint });
    const doctor = (await value('system.doctor', {})) as {
      dataDir: string;
      databaseFile: string;
      trainingDatabaseFile: string;
      training: boolean;
      testMode: boolean;
    };
    expect(doctor).toMatchObject({
      dataDir,
      training: true,
      testMode: true,
      trainingDatabaseFile: join(dataDir, 'training', 'kekhai.db'),
      databaseFile: join(dataDir, 'training', 'kekhai.db'),
    });
    expect(existsSync(doctor.trainingDatabaseFile)).toBe(true);

    const real = realUnits();
    try {
      expect((real.prepare('SELECT code FROM units').all() as { code: string }[]).map((r) => r.code)).toEqual([
        'TA00001',
      ]);
      expect(real.prepare("SELECT count(*) AS n FROM units WHERE code = 'TH00001'").get()).toEqual({ n: 0 });
      expect(real.prepare('SELECT count(*) AS n FROM ivan_provider_settings').get()).toEqual({ n: 0 });
    } finally {
      real.close();
    }

    const off = (await value('training.set', { enabled: false, demoData: false })) as {
      enabled: boolean;
      ivanEndpoint: string | null;
    };
    expect(off).toMatchObject({ enabled: false, ivanEndpoint: null });
    expect(((await value('unit.list', {})) as { units: { code: string }[] }).units.map((u) => u.code)).toEqual([
      'TA00001',
    ]);
    const offDoctor = (await value('system.doctor', {})) as {
      databaseFile: string;
      trainingDatabaseFile: string;
      training: boolean;
    };
    expect(offDoctor).toMatchObject({
      training: false,
      databaseFile: join(dataDir, 'kekhai.db'),
      trainingDatabaseFile: join(dataDir, 'training', 'kekhai.db'),
    });

    // A new process after a restart finds the mode recorded in the real database.
    await value('training.set', { enabled: true, demoData: true });
    rt.close();
    rt = new Runtime({ dataDir, face: 'cli' });
    expect(((await value('unit.list', {})) as { units: { code: string }[] }).units.map((u) => u.code)).toEqual([
      'TH00001',
    ]);
  });
});
