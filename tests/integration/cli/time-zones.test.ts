import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { MONTH_UNIT } from '../../support/units';

/**
 * The clerk's clock is Vietnam's (UTC+7, no daylight saving) whatever zone the PC is set to: office PCs run
 * Asia/Ho_Chi_Minh, CI runs UTC, a laptop bought abroad may say America/Los_Angeles (UTC−8/−7) or
 * Pacific/Kiritimati (UTC+14). The same date-heavy scenario runs through the built CLI with each zone in `TZ`;
 * every zone must give the same answers, and those are the hand-computed ones below. Every `--now` is written
 * WITHOUT a zone — Vietnam time by the CLI's contract (shared/format.ts parseInstantVN) — and sits where UTC and
 * Vietnam disagree on the day.
 *
 * At 01/11/2026 00:30 in Vietnam (31/10/2026 17:30 UTC; Sunday):
 * - import: birth dates are calendar dates and stay as typed ("31/12/1988", "1990", "01/01/1980");
 * - Bình, sick 12/10/2026 (Monday)–31/10/2026 (Saturday), recorded now: the leave ended yesterday, so the roster says
 *   she is working (electron/ledger/events.ts);
 * - propose 11/2026, 26-day calendar: OF 10/2026–10/2026 for Bình (12–17, 19–24, 26–31 = 18 working days ≥ 14,
 *   Luật BHXH 2014 Điều 85 k.3), ON 11/2026 for her return, TM 11/2026 for Dũng (contract from Monday 02/11/2026,
 *   0 working days before it); NgayLap 01/11/2026.
 * Code lists: the 34 provinces apply from 01/07/2025 00:00 in Vietnam (resources/codes/provinces/2025-07-01.csv).
 * The test certificate (QĐ 08/2015/QĐ-TTg): signs at 31/10/2015 23:59 Vietnam time by `--now` (SigningTime
 *   16:59:00Z), refused at 01/11/2015 00:00 by the app's test clock setting written the same zoneless way — which
 *   the audit log's sentence shows as 01/11/2015 00:00.
 */
const ZONES = ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati'];
const DRAFT_2015 = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');
const STAFF = [
  'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày bắt đầu HĐLĐ,Số hợp đồng,Ngày ký hợp đồng',
  'Trần Văn An,0301000001,01/01/1980,Nam,001080000001,Kỹ sư,5000000,01/03/2013,01/2013/HĐLĐ,01/03/2013',
  'Lê Thị Bình,0301000002,31/12/1988,Nữ,001188000002,Kế toán,6000000,01/06/2014,02/2014/HĐLĐ,01/06/2014',
  'Hoàng Văn Dũng,,1990,Nam,001090000004,Thủ kho,5000000,02/11/2026,04/2026/HĐLĐ,30/10/2026',
].join('\n');

const EXPECTED = {
  imported: 3,
  roster: [
    'Hoàng Văn Dũng 1990 02/11/2026 working',
    'Lê Thị Bình 31/12/1988 01/06/2014 working',
    'Trần Văn An 01/01/1980 01/03/2013 working',
  ],
  draft: {
    period: '11/2026',
    createdOn: '01/11/2026',
    rows: ['OF Lê Thị Bình 10/2026–10/2026', 'TM Hoàng Văn Dũng 11/2026–', 'ON Lê Thị Bình 11/2026–'],
  },
  provinces: '2025-07-01 34',
  testCert: {
    at2359: { code: 0, signingTime: '2015-10-31T16:59:00Z' },
    at0000: { code: 1, error: 'TEST_CERT_EXPIRED', now: '2015-10-31T17:00:00.000Z' },
  },
  clockSentence: 'Đổi cài đặt “Đồng hồ thử”: không đặt → 01/11/2015 00:00',
};

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('out/cli.cjs missing: run `npm run build` first (npm test does)');
  dir = makeTempDir('kekhai-zones-');
});
afterAll(() => removeDir(dir));

async function scenario(tz: string) {
  const home = join(dir, tz.replace('/', '_'));
  mkdirSync(home);
  const env = { TZ: tz, KEKHAI_TEST_PASSWORD: 'thunghiem' };
  const data = join(home, 'data');
  const kekhai = (args: string[]) => runCli([...args, '--json'], { data, env });
  const ok = async (args: string[]) => {
    const r = await kekhai(args);
    if (r.code !== 0) throw new Error(`${tz}: kekhai ${args.join(' ')} → ${r.code} ${r.stdout}${r.stderr}`);
    return r.json;
  };
  const U = MONTH_UNIT.code;
  const NOW = ['--now', '2026-11-01T00:30'];
  const makeTestCert = (out: string) => [
    'dossier',
    'make',
    DRAFT_2015,
    '--out',
    join(home, out),
    '--test-cert',
    '--password-env',
    'KEKHAI_TEST_PASSWORD',
  ];

  await ok([...unitAddArgs(MONTH_UNIT), ...NOW]);
  const csv = join(home, 'staff.csv');
  writeFileSync(csv, STAFF);
  const imp = await ok(['roster', 'import', csv, '--unit', U, '--participating-since', '10/2026', ...NOW]);
  const sick = ['--kind', 'sick', '--effective', '12/10/2026', '--end', '31/10/2026'];
  await ok(['employee', 'event', '--unit', U, '--employee', '0301000002', ...sick, ...NOW]);
  const list = await ok(['roster', 'list', '--unit', U, ...NOW]);
  const out = join(home, 'draft.json');
  await ok(['dossier', 'propose', '--unit', U, '--period', '11/2026', '--out', out, ...NOW]);
  const draft = JSON.parse(readFileSync(out, 'utf8'));
  // 01/07/2025 00:00 in Vietnam is 30/06/2025 17:00 UTC: the 34-province list applies (the day before: the 2008 list).
  const provinces = await ok(['codes', 'provinces', '--now', '2025-07-01T00:00']);

  const signedAt = await kekhai([...makeTestCert('before.xml'), '--now', '2015-10-31T23:59']);
  const signed = signedAt.code === 0 ? readFileSync(join(home, 'before.xml'), 'utf8') : '';
  // The trainer's test clock (Cài đặt → chế độ thử), typed without a zone: no --now on these two commands.
  await ok(['settings', 'set', 'testMode.clock', '"2015-11-01T00:00"']);
  const late = await kekhai(makeTestCert('after.xml'));
  // The audit log says when the clock was set to, in the clerk's words (the CSV export's "Nội dung").
  const csvOut = join(home, 'audit.csv');
  await ok(['audit', 'export', '--format', 'csv', '--out', csvOut]);
  const clockSentence = readFileSync(csvOut, 'utf8')
    .split('\n')
    .find((l) => l.includes('testMode.clock'))
    ?.split(';')[3];

  return {
    imported: imp.imported,
    roster: (list.items as { fullName: string; birthDate: string; contractStart: string; status: string }[])
      .map((e) => `${e.fullName} ${e.birthDate} ${e.contractStart} ${e.status}`)
      .sort(),
    draft: {
      period: draft.period,
      createdOn: draft.createdOn,
      rows: (draft.rows as { plan: string; fullName: string; fromMonth: string; toMonth: string }[]).map(
        (r) => `${r.plan} ${r.fullName} ${r.fromMonth}–${r.toMonth}`,
      ),
    },
    provinces: `${provinces.validFrom} ${provinces.rows.length}`,
    testCert: {
      at2359: { code: signedAt.code, signingTime: /<SigningTime[^>]*>([^<]*)</.exec(signed)?.[1] },
      at0000: { code: late.code, error: late.json?.error?.code, now: late.json?.error?.details?.now },
    },
    clockSentence,
  };
}

describe('the same answers in every time zone (TZ of the CLI process)', () => {
  it(`${ZONES.join(', ')}: the hand-computed dates, months, code lists and test-certificate cut-off`, async () => {
    const results = await Promise.all(ZONES.map(async (tz) => [tz, await scenario(tz)] as const));
    // One comparison of every zone, so a failure shows which zones differ and how.
    expect(Object.fromEntries(results)).toEqual(Object.fromEntries(ZONES.map((tz) => [tz, EXPECTED])));
  });
});

describe('--now is an ISO instant or nothing', () => {
  it('refuses text only the PC’s locale and zone could read ("10/31/2015 23:59") with exit 2', async () => {
    const r = await runCli(['unit', 'list', '--now', '10/31/2015 23:59', '--json'], {
      data: join(dir, 'usage'),
      env: { TZ: 'America/Los_Angeles' },
    });
    expect(r.code).toBe(2);
    expect(r.json.error.messageEn).toBe(
      '--now must be an ISO 8601 instant, e.g. 2015-10-30T10:00:00+07:00 (without a zone: Vietnam time)',
    );
  });
});
