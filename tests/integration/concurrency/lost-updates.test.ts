/**
 * A clerk's habits with real processes: a browser-mode host (`startHost`, real HTTP on 127.0.0.1) is "the tab", a
 * `kekhai call` child process is the other window. The second of two edits made from the same loaded version must
 * be refused (STALE, in Vietnamese), never silently written over the first.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { api, value } from '../../support/host-api';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';

/** `kekhai call METHOD --input JSON --json` on the same data folder: another process. */
async function cliCall(data: string, method: string, input: unknown, extra: string[] = []) {
  return runCli(['call', method, '--input', JSON.stringify(input), '--json', ...extra], { data });
}

const WORKER = {
  fullName: 'Trần Thị Bình',
  insuranceNumber: '7912345678',
  birthDate: '26/04/1995',
  gender: 'F',
  cccd: '079195001234',
  salary: 5_310_000,
};

let dir: string;
beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-lost-updates-');
});
afterAll(() => removeDir(dir));

describe.each([
  ['the real clock', undefined],
  // A fixed clock (training, --now): every save happens "at the same time", the version must still move.
  ['a fixed clock', '2026-01-15T10:00:00+07:00'],
])('lost updates between a tab and kekhai, with %s', (_name, now) => {
  let host: RunningHost;
  let data: string;
  const nowArgs = now ? ['--now', now] : [];
  beforeAll(async () => {
    data = join(dir, now ? 'fixed' : 'real');
    host = await startHost({ dataDir: data, port: 0, ...(now ? { now: new Date(now) } : {}) });
    await value(host, 'unit.add', { ...SAIGON_UNIT });
  });
  afterAll(() => host.close());

  test('employee: the second save from the same version is refused, the first one kept', async () => {
    const added = await value(host, 'employee.save', { unitCode: SAIGON_UNIT.code, employee: WORKER });
    const tab = await value(host, 'employee.get', { id: added.id });
    // The other window saves a new phone number from the version it loaded.
    const other = await cliCall(
      data,
      'employee.save',
      {
        unitCode: SAIGON_UNIT.code,
        id: tab.id,
        employee: { ...WORKER, phone: '0901234567' },
        expectedUpdatedAt: tab.updatedAt,
      },
      nowArgs,
    );
    expect(other.code, other.stdout + other.stderr).toBe(0);
    expect(other.json.updatedAt).not.toBe(tab.updatedAt);
    // The tab saves a raise from the version it still shows: refused, saying so in Vietnamese.
    const mine = await api(host, 'employee.save', {
      unitCode: SAIGON_UNIT.code,
      id: tab.id,
      employee: { ...WORKER, salary: 6_000_000 },
      expectedUpdatedAt: tab.updatedAt,
    });
    expect(mine.ok).toBe(false);
    expect(mine.error!.code).toBe('STALE');
    expect(mine.error!.message).toMatch(/vừa được sửa ở nơi khác.*CHƯA được lưu.*tải lại/);
    expect(mine.error!.details.current.phone).toBe('0901234567');
    const stored = await value(host, 'employee.get', { id: tab.id });
    expect(stored).toMatchObject({ phone: '0901234567', salary: 5_310_000 });
    // Reloaded, the tab's edit goes through on top of the other window's.
    const again = await value(host, 'employee.save', {
      unitCode: SAIGON_UNIT.code,
      id: tab.id,
      employee: { ...stored, salary: 6_000_000 },
      expectedUpdatedAt: stored.updatedAt,
    });
    expect(again).toMatchObject({ phone: '0901234567', salary: 6_000_000 });
    // The same save delivered twice (its first answer lost) is not a conflict: it is already stored.
    const twice = await api(host, 'employee.save', {
      unitCode: SAIGON_UNIT.code,
      id: tab.id,
      employee: { ...stored, salary: 6_000_000 },
      expectedUpdatedAt: stored.updatedAt,
    });
    expect(twice.ok, JSON.stringify(twice.error)).toBe(true);
  });

  test('unit: an edit from an old version is refused; the other window’s change stays', async () => {
    const tab = await value(host, 'unit.get', { code: SAIGON_UNIT.code });
    const other = await cliCall(
      data,
      'unit.update',
      { code: SAIGON_UNIT.code, patch: { phone: '02838123456' }, expectedUpdatedAt: tab.updatedAt },
      nowArgs,
    );
    expect(other.code, other.stdout + other.stderr).toBe(0);
    const mine = await api(host, 'unit.update', {
      code: SAIGON_UNIT.code,
      patch: { ...tab, code: undefined, employeeCount: undefined, name: 'Công ty đổi tên' },
      expectedUpdatedAt: tab.updatedAt,
    });
    expect(mine.ok).toBe(false);
    expect(mine.error!.code).toBe('STALE');
    expect(mine.error!.message).toMatch(/^Đơn vị TS12345 vừa được sửa ở nơi khác/);
    expect(await value(host, 'unit.get', { code: SAIGON_UNIT.code })).toMatchObject({
      phone: '02838123456',
      name: SAIGON_UNIT.name,
    });
  });

  test('I-VAN settings of the unit: a save from an old version is refused; the other window’s endpoint stays', async () => {
    const first = await value(host, 'ivan.settingsSave', {
      unitCode: SAIGON_UNIT.code,
      providerCode: '00040',
      endpoint: 'https://ivan.example.vn/a',
      username: 'ketoan01',
      expectedUpdatedAt: '',
    });
    const other = await cliCall(
      data,
      'ivan.settingsSave',
      {
        unitCode: SAIGON_UNIT.code,
        providerCode: '00040',
        endpoint: 'https://ivan.example.vn/b',
        expectedUpdatedAt: first.updatedAt,
      },
      nowArgs,
    );
    expect(other.code, other.stdout + other.stderr).toBe(0);
    const mine = await api(host, 'ivan.settingsSave', {
      unitCode: SAIGON_UNIT.code,
      providerCode: '00040',
      endpoint: 'https://ivan.example.vn/a',
      username: 'ketoan02',
      expectedUpdatedAt: first.updatedAt,
    });
    expect(mine.ok).toBe(false);
    expect(mine.error!.code).toBe('STALE');
    expect(mine.error!.message).toMatch(/^Cài đặt I-VAN của đơn vị TS12345 vừa được sửa ở nơi khác/);
    const stored = (await value(host, 'ivan.settingsGet', { unitCode: SAIGON_UNIT.code })).settings[0];
    expect(stored).toMatchObject({ endpoint: 'https://ivan.example.vn/b', username: 'ketoan01' });
    // A form that saw no settings ('') does not overwrite settings another window created meanwhile.
    const fresh = await api(host, 'ivan.settingsSave', {
      unitCode: SAIGON_UNIT.code,
      providerCode: '00040',
      endpoint: 'https://ivan.example.vn/c',
      expectedUpdatedAt: '',
    });
    expect(fresh.ok ? null : fresh.error!.code).toBe('STALE');
  });

  test('draft D02-TS rows: a save from an older draft is refused; the other window’s rows stay', async () => {
    const created = await value(host, 'dossier.create', { unitCode: SAIGON_UNIT.code, period: '01/2026' });
    const tab = await value(host, 'dossier.get', { id: created.id });
    const row = { fullName: 'Lê Văn Cường', insuranceNumber: '7912345679', salary: 6_000_000 };
    const otherDraft = { ...tab.draft, rows: [{ ...row, note: 'cửa sổ kia' }] };
    const other = await cliCall(
      data,
      'dossier.saveDraft',
      { id: tab.id, draft: otherDraft, baseSha256: tab.draftSha256 },
      nowArgs,
    );
    expect(other.code, other.stdout + other.stderr).toBe(0);
    const mine = await api(host, 'dossier.saveDraft', {
      id: tab.id,
      draft: { ...tab.draft, rows: [{ ...row, note: 'cửa sổ này' }] },
      baseSha256: tab.draftSha256,
    });
    expect(mine.ok).toBe(false);
    expect(mine.error!.code).toBe('STALE');
    expect(mine.error!.message).toMatch(/^Tờ khai của hồ sơ 01\/2026 \(đợt 1\) vừa được sửa ở nơi khác/);
    const stored = await value(host, 'dossier.get', { id: tab.id });
    expect(stored.draft.rows[0].note).toBe('cửa sổ kia');
    expect(stored.draftSha256).toBe(other.json.draftSha256);
    // From the stored version, the tab's next save goes through; the same save again is no conflict.
    const next = { ...stored.draft, rows: [...stored.draft.rows, { ...row, insuranceNumber: '7912345680' }] };
    const saved = await value(host, 'dossier.saveDraft', { id: tab.id, draft: next, baseSha256: stored.draftSha256 });
    expect((await api(host, 'dossier.saveDraft', { id: tab.id, draft: next, baseSha256: stored.draftSha256 })).ok).toBe(
      true,
    );
    expect((await value(host, 'dossier.get', { id: tab.id })).draftSha256).toBe(saved.draftSha256);
  });
});
