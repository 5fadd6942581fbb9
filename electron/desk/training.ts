import type { TrainingState } from '../../shared/contract/desk';
import { TRAINING_KEY } from '../../shared/contract/desk';
import { AppError } from '../core/app-error';
import type { ServiceContext } from '../core/context';
import { getSetting } from '../system/settings';
import { stopTrainingServer } from '../ivan/training';
import { writeSettings } from './settings-store';
import { callMethod } from '../core/self-call';
import { rosterMethods } from '../../shared/contract/roster';
import { addUnit } from '../roster/units';
import { saveEmployee } from '../roster/employees';

/**
 * Chế độ tập huấn. Turning it on switches the process to a separate database (`<data>/training/kekhai.db`, see
 * Runtime): the demo unit TH00001 ("TH" for tập huấn) with a name that says what it is, and the local I-VAN server
 * (started in this process by the I-VAN service) with its own outbox and inbox, so a trainee can go from roster to
 * result without touching BHXH or the real data. Turning it off returns to the real database, untouched.
 */
export const DEMO_UNIT = {
  code: 'TH00001',
  name: 'ĐƠN VỊ TẬP HUẤN — CÔNG TY TNHH MẪU',
  taxCode: '0101234565',
  agencyCode: '38101',
  address: 'Số 1 Đường Mẫu, TP Thanh Hoá',
  wageRegion: '01',
  ivanProvider: '00020',
} as const;

const DEMO_EMPLOYEES = [
  { fullName: 'Nguyễn Thị Anh', birthDate: '01/01/1990', gender: 'F', salary: 6_000_000, jobTitle: 'Kế toán' },
  { fullName: 'Trần Văn Bình', birthDate: '15/06/1985', gender: 'M', salary: 7_500_000, jobTitle: 'Lái xe' },
  { fullName: 'Lê Thị Cúc', birthDate: '20/11/1995', gender: 'F', salary: 5_200_000, jobTitle: 'Nhân viên bán hàng' },
] as const;

/** Only the processes that stay up (browser-mode host, desktop service process) can keep a local server running. */
const canServe = (ctx: ServiceContext) => ctx.face !== 'cli';

let endpoint: string | null = null;

async function call(
  ctx: ServiceContext,
  method: string,
  input: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }> {
  return callMethod(method, input, ctx);
}

function demoUnitExists(ctx: ServiceContext): boolean {
  const has = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'units'").get();
  return Boolean(has && ctx.db.prepare('SELECT 1 FROM units WHERE code = ?').get(DEMO_UNIT.code));
}

/**
 * The demo unit and its employees in ONE transaction: a process killed mid-way (the window closed while training
 * mode turns on) leaves all of them or none, and turning it on again finishes the job — a unit found without its
 * employees used to be taken as "already seeded". Inputs go through the methods' own schemas (their defaults).
 */
function seedDemo(ctx: ServiceContext): void {
  if (demoUnitExists(ctx)) return;
  const unit = rosterMethods['unit.add'].input.parse(DEMO_UNIT);
  const employees = DEMO_EMPLOYEES.map((e) =>
    rosterMethods['employee.save'].input.parse({
      unitCode: DEMO_UNIT.code,
      employee: { ...e, nationality: 'VN', status: 'working' },
    }),
  );
  try {
    ctx.db.transaction(() => {
      addUnit(ctx.db, unit, ctx.now());
      for (const e of employees) saveEmployee(ctx.db, e, ctx.now(), ctx.face === 'cli' ? 'cli' : 'form');
    })();
  } catch (e) {
    const why = (e as Error).message;
    throw new AppError(e instanceof AppError ? e.code : 'INTERNAL', `Không tạo được đơn vị tập huấn: ${why}`, {
      en: `Cannot create the training unit: ${why}`,
      cause: e,
    });
  }
}

async function ensureServer(ctx: ServiceContext, unitCode: string | null): Promise<string | null> {
  if (!canServe(ctx)) return null;
  const r = await call(ctx, 'ivan.trainingStart', unitCode ? { unitCode } : {});
  endpoint = r.ok ? (r.value as { endpoint: string }).endpoint : null;
  return endpoint;
}

export async function trainingStatus(ctx: ServiceContext): Promise<TrainingState> {
  const enabled = getSetting((ctx.home ?? ctx).db, TRAINING_KEY, false);
  const demo = demoUnitExists(ctx) ? DEMO_UNIT.code : null;
  // After a restart the setting is still on but this process has no server yet: start it again.
  if (enabled && endpoint === null) await ensureServer(ctx, demo);
  return { enabled, demoUnitCode: demo, ivanEndpoint: enabled ? endpoint : null };
}

export async function setTraining(ctx: ServiceContext, enabled: boolean, demoData: boolean): Promise<TrainingState> {
  // The switch is recorded (and audited) in the real database; the training store says it is one for settings.get.
  writeSettings((ctx.home ?? ctx).db, { [TRAINING_KEY]: enabled }, ctx.now());
  const target = ctx.storeFor?.(enabled) ?? ctx;
  if (enabled) {
    if (target.training) writeSettings(target.db, { [TRAINING_KEY]: true }, target.now());
    if (demoData) seedDemo(target);
    await ensureServer(target, demoUnitExists(target) ? DEMO_UNIT.code : null);
  } else {
    endpoint = null;
    await stopTrainingServer();
  }
  return trainingStatus(target);
}
