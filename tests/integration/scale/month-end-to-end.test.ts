import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDossier } from '../../../electron/declarations/dossier-repo';
import { MAX_CALL_BODY } from '../../../electron/host/body-limits';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { applyAcceptedDossier } from '../../../electron/ledger/write-back';
import { formatNumber } from '../../../shared/format';
import { readEnvelope } from '../../../shared/ivan/envelope-read';
import { createTestContext, type TestContext } from '../../support/context';
import { createSoftHsmToken, type SoftHsmToken } from '../../support/softhsm';
import { makeTempDir, removeDir } from '../../support/tmp';
import { MONTH_UNIT } from '../../support/units';
import { LARGE, NOW, RAISE, UNIT, recordLargeMonth, type LargeMonth } from './large-month';

/**
 * A 10,000-person company's month end to end — proposals, draft, SoftHSM signature, training I-VAN, C12-TS, write-back
 * — with 2,600 D02-TS rows. No time is asserted; the per-test timeouts only stop a hang.
 */
const ROWS = LARGE.hires + LARGE.leavers + LARGE.raises;

let ctx: TestContext;
let dir: string;
let token: SoftHsmToken;
let server: RunningIvanServer;
let month: LargeMonth;
let dossierId = '';

beforeAll(async () => {
  dir = makeTempDir('kekhai-scale-');
  ctx = createTestContext({ now: NOW, dataDir: join(dir, 'app') });
  month = await recordLargeMonth(ctx);
  token = await createSoftHsmToken({
    label: 'MAY-LON',
    pin: '246810',
    soPin: '13579',
    mst: MONTH_UNIT.taxCode,
    organisation: 'CÔNG TY TNHH MẪU',
    notBefore: new Date('2015-01-01T00:00:00Z'),
    notAfter: new Date('2035-01-01T00:00:00Z'),
  });
  process.env.SOFTHSM2_CONF = token.conf;
  const t0 = Date.now();
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: join(process.cwd(), 'resources'),
    resultDelayMs: 10,
    now: () => new Date(NOW.getTime() + Date.now() - t0),
  });
  await ctx.value('ivan.settingsSave', { unitCode: UNIT, providerCode: '00040', endpoint: server.url });
}, 180_000);

afterAll(async () => {
  await server?.close();
  token?.cleanup();
  ctx?.close();
  removeDir(dir);
});

const count = (sql: string, ...args: unknown[]) => (ctx.db.prepare(sql).get(...args) as { n: number }).n;

describe('a 10,000-person company’s month: 1,500 hires, 800 leavers, 300 raises', () => {
  it('proposes 2,600 rows; the draft and its autosave fit the browser host’s call limit; no error blocks signing; printed whole', async () => {
    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '10/2015' });
    const plans = new Map<string, number>();
    for (const r of p.rows) plans.set(r.plan, (plans.get(r.plan) ?? 0) + 1);
    expect(Object.fromEntries(plans)).toEqual({ TM: LARGE.hires, GH: LARGE.leavers, DC: LARGE.raises });
    const d = await ctx.value('dossier.create', { draft: p.draft });
    dossierId = d.id;
    expect(d.draft.rows).toHaveLength(ROWS);
    // The editor's autosave sends the whole draft: 2,600 rows are about 1.8 MB, under even an ordinary call's 4 MB.
    const save = { id: d.id, draft: d.draft, baseSha256: d.draftSha256 };
    expect(Buffer.byteLength(JSON.stringify(save))).toBeLessThan(MAX_CALL_BODY / 2);
    const saved = await ctx.value('dossier.saveDraft', save);
    expect(saved.validation.problems.filter((x) => x.severity !== 'warning')).toEqual([]);

    // The printed D02-TS: one header (browsers repeat a <thead> on every printed page), every row, the engine's total.
    const { html } = await ctx.value('dossier.printHtml', { id: d.id });
    const d02 = html.slice(
      html.indexOf('data-form="D02-TS"'),
      html.indexOf('</section>', html.indexOf('data-form="D02-TS"')),
    );
    expect(d02.match(/<thead>/g)).toHaveLength(1);
    expect(d02.match(/<tr><td class="num">\d+<\/td>/g)).toHaveLength(ROWS);
    const { totals } = await ctx.value('declarations.contributions', { draft: d.draft });
    expect(d02).toMatch(
      new RegExp(
        `Tổng cộng \\(${ROWS} lao động\\)[^<]*</td><td class="num">${formatNumber(totals.total).replace(/\./g, '\\.')}</td>`,
      ),
    );
  }, 120_000);

  it('signs the 2,600-row dossier on a SoftHSM token; xmlsec1 --enabled-key-data x509 verifies envelope and each form', async () => {
    const s = await ctx.value('signing.signDossier', {
      dossierId,
      signer: { kind: 'pkcs11', library: token.module, pin: token.pin },
    });
    expect(s.state).toBe('signed');
    const envelope = getDossier(ctx.db, dossierId)!.signedEnvelope!;
    const facts = readEnvelope(envelope.toString('utf8'));
    const d02 = facts.forms.find((f) => f.code === 'D02-TS')!;
    expect(d02.rows).toHaveLength(ROWS);
    expect(facts.forms.map((f) => f.code).sort()).toEqual(['D02-TS', 'TK1-TS']);
    const files: [string, Buffer][] = [
      ['BHXHDienTu.xml', envelope],
      ...facts.forms.map((f) => [f.fileName, Buffer.from(f.base64, 'base64')] as [string, Buffer]),
    ];
    for (const [name, bytes] of files) {
      const xml = bytes.toString('utf8');
      expect(xml, name).toMatch(name === 'BHXHDienTu.xml' ? /<CKy_Dvi><Signature / : /<Cky><Signature /);
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = spawnSync(
        'xmlsec1',
        ['--verify', '--enabled-key-data', 'x509', '--trusted-pem', token.files.ca, file],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(r.status, `${name}: ${r.stdout}${r.stderr}`).toBe(0);
    }
  }, 120_000);

  it('the training I-VAN’s result is written back once: 1,500 numbers, 800 ended, 300 raises; C12-TS counts them; exports', async () => {
    await ctx.value('ivan.submit', { dossierId, unitCode: UNIT });
    await server.settle();
    await ctx.value('ivan.poll', {});
    const got = await ctx.value('dossier.get', { id: dossierId });
    expect(got.state, JSON.stringify(got.transitions)).toBe('accepted');

    const inbox = (await ctx.value('ivan.inbox', {})) as unknown as {
      kind: string;
      statement: { lines: { code: string; cong: number }[] } | null;
    }[];
    const lines = new Map(inbox.find((i) => i.kind === 'c12ts')!.statement!.lines.map((l) => [l.code, l.cong]));
    expect(lines.get('B.1.1')).toBe(LARGE.hires);
    expect(lines.get('B.1.2')).toBe(LARGE.leavers);
    const leaverFund = month.staff.slice(0, LARGE.leavers).reduce((s, e) => s + e.salary, 0);
    expect(lines.get('B.2.2')).toBe(leaverFund);

    const written = () => ({
      numbered: count(
        "SELECT count(*) AS n FROM employees WHERE insurance_number IS NOT NULL AND insurance_number <> ''",
      ),
      joined: count(
        'SELECT count(DISTINCT employee_id) AS n FROM ledger_participation WHERE dossier_id = ?',
        dossierId,
      ),
      participation: count('SELECT count(*) AS n FROM ledger_participation WHERE dossier_id = ?', dossierId),
      salaries: count('SELECT count(*) AS n FROM ledger_salary WHERE dossier_id = ?', dossierId),
      ended: count("SELECT count(DISTINCT employee_id) AS n FROM ledger_participation WHERE to_month = '2015-09'"),
    });
    const once = written();
    expect(once).toEqual({
      numbered: LARGE.staff + LARGE.hires,
      joined: LARGE.hires,
      participation: LARGE.hires * 5,
      salaries: LARGE.hires + LARGE.raises,
      ended: LARGE.leavers,
    });
    const raised = month.staff[LARGE.leavers]!;
    const salary = ctx.db
      .prepare(
        "SELECT s.salary FROM ledger_salary s JOIN employees e ON e.id = s.employee_id WHERE e.insurance_number = ? AND s.from_month = '2015-10'",
      )
      .get(raised.insuranceNumber) as { salary: number };
    expect(salary.salary).toBe(raised.salary + RAISE);
    // 10,000 − 800 + 1,500 people in October.
    expect(await ctx.value('ledger.statement', { unitCode: UNIT, period: '10/2015' })).toMatchObject({
      employees: LARGE.staff - LARGE.leavers + LARGE.hires,
    });

    // Polling again, and the same result replayed, change nothing.
    await ctx.value('ivan.poll', {});
    expect(written()).toEqual(once);
    const numbers = month.hires.map((e) => ({
      idNumber: e.cccd,
      fullName: e.fullName,
      insuranceNo: (
        ctx.db.prepare('SELECT insurance_number AS n FROM employees WHERE cccd = ?').get(e.cccd) as { n: string }
      ).n,
    }));
    expect(applyAcceptedDossier(ctx.db, dossierId, NOW, numbers)).toEqual({ rows: ROWS, numbers: 0 });
    expect(written()).toEqual(once);

    // The exports: the roster with every mã số, the period's signed dossiers.
    expect((await ctx.value('roster.export', { unitCode: UNIT })).count).toBe(LARGE.staff + LARGE.hires);
    expect((await ctx.value('roster.toSheet', { unitCode: UNIT })).rows).toBe(LARGE.staff + LARGE.hires);
    const period = await ctx.value('ivan.exportPeriod', { period: '10/2015' });
    expect(period.count).toBe(1);
  }, 180_000);

  it('the write-back reads the unit’s people once and finds each of 2,600 rows by a key, never by scanning the unit', () => {
    const runs = countingStatements(ctx.db);
    expect(applyAcceptedDossier(runs.db, dossierId, NOW, [])).toEqual({ rows: ROWS, numbers: 0 });
    const perRow = [...runs.counts].filter(([sql, c]) => c.n > 10 && /\bemployees\b/.test(sql));
    for (const [sql, c] of perRow) {
      const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...c.args) as { detail: string }[])
        .map((p) => p.detail)
        .join(' | ');
      // A lookup by the unit alone (employees_unit_search (unit_id=?)) walks all 11,500 people for every row.
      expect(plan, `${sql} ran ${c.n}×`).toMatch(
        /employees USING (INTEGER PRIMARY KEY|(COVERING )?INDEX employees_unit_(insurance|cccd) \(unit_id=\? AND)/,
      );
    }
    const reads = [...runs.counts].filter(([sql]) => /FROM employees\b/.test(sql)).map(([, c]) => c.n);
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
  }, 120_000);
});

/** The database with every statement's executions counted by its SQL (and the arguments of its first run). */
function countingStatements(db: Database.Database) {
  const counts = new Map<string, { n: number; args: unknown[] }>();
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare')
        return (sql: string) => {
          const st = target.prepare(sql);
          return new Proxy(st, {
            get(s, p) {
              const v = Reflect.get(s, p, s) as unknown;
              if (typeof v !== 'function') return v;
              if (p === 'run' || p === 'get' || p === 'all' || p === 'iterate')
                return (...args: unknown[]) => {
                  const c = counts.get(sql) ?? { n: 0, args };
                  c.n++;
                  counts.set(sql, c);
                  return (v as (...a: unknown[]) => unknown).apply(s, args);
                };
              return (v as (...a: unknown[]) => unknown).bind(s);
            },
          });
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: proxy, counts };
}
