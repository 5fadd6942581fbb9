import type { ivanMethods } from '../../shared/contract/ivan';
import type { Handlers } from '../core/handlers';
import type { ServiceContext } from '../core/context';
import { AppError, validationError } from '../core/app-error';
import { loadProviders } from './providers';
import { getSettings, listSettings, saveSettings, credentialsFor } from './settings-repo';
import { addToOutbox, cancelOutbox, getRow, listOutbox, toEntry, type OutboxEntry } from './outbox-repo';
import { defaultSenderDeps, sendOne, sendOutbox } from './sender';
import { pollAll } from './poll-all';
import { HttpIvanAdapter } from './http-adapter';
import { daysToDeadline, registrationPhase } from '../../shared/ivan/deadlines';
import { inbox, markRead, history } from './queries';
import { exportPeriodZip } from './export-zip';
import { safeFileName } from '../../shared/security/file-name';
import { buildRegistration, listRegistrations, signRegistration, signedRegistration } from './registrations';
import { trainingServer } from './training';
import { checkEndpoint } from './endpoint-policy';
import { tickingClock } from '../core/clock';
import { readEnvelope } from '../../shared/ivan/envelope-read';
import { signedEnvelopeOf } from './dossier-mirror';
import { singleFlight } from '../core/single-flight';

function endpointFor(ctx: ServiceContext, explicit: string | undefined, unitCode: string | null | undefined): string {
  if (explicit) return explicit;
  const s = unitCode ? getSettings(ctx.db, unitCode) : null;
  if (s) return s.endpoint;
  const all = listSettings(ctx.db);
  if (all.length === 1) return all[0]!.endpoint;
  throw new AppError(
    'IVAN_NO_ENDPOINT',
    'Chưa cài đặt địa chỉ I-VAN cho đơn vị (Cài đặt → I-VAN) và không có --endpoint',
    { en: 'No I-VAN address configured for the unit (Settings → I-VAN) and no --endpoint given' },
  );
}

const decode = (b64: string) => Buffer.from(b64, 'base64');

/** What to queue: the given file, or the stored signed envelope of a dossier. */
function source(
  ctx: ServiceContext,
  input: { file?: { name: string; base64: string }; dossierId?: string; unitCode?: string },
) {
  if (input.file) return { xml: decode(input.file.base64), fileName: input.file.name, unitCode: input.unitCode };
  if (!input.dossierId)
    throw new AppError('BAD_REQUEST', 'Cần tệp hồ sơ đã ký hoặc mã hồ sơ', {
      en: 'A signed file or a dossier id is required',
    });
  const d = signedEnvelopeOf(ctx.db, input.dossierId);
  return { xml: d.xml, fileName: 'BHXHDienTu.xml', unitCode: input.unitCode ?? d.unitCode };
}

type SubmitInput = Parameters<Handlers<typeof ivanMethods>['ivan.submit']>[0];
type SubmitOutput = Awaited<ReturnType<Handlers<typeof ivanMethods>['ivan.submit']>>;

/** `ivan.submit`: queue the dossier (idempotent by its key) and make one attempt now. */
async function submitNow(input: SubmitInput, ctx: ServiceContext): Promise<SubmitOutput> {
  const src = source(ctx, input);
  const endpoint = endpointFor(ctx, input.endpoint, src.unitCode);
  const { entry } = addToOutbox(ctx.db, {
    ...src,
    endpoint,
    dossierId: input.dossierId,
    providerCode: input.providerCode,
    now: ctx.now(),
  });
  if (entry.state === 'queued') {
    // One immediate attempt; a failure leaves the entry queued for the sender with a clear last error.
    const outcome = await sendOne(ctx.db, entry.id, defaultSenderDeps(ctx.db, { now: tickingClock(ctx) }));
    if (outcome !== 'sent') {
      const row = getRow(ctx.db, entry.id);
      if (outcome === 'skipped' && row.state === 'sent') return submitted(ctx, entry, true);
      if (outcome === 'skipped' && row.claimed_by)
        // Another window or `kekhai outbox send` holds this dossier's send right now: not a failure.
        throw new AppError(
          'IN_PROGRESS',
          `Hồ sơ số ${entry.id} đang được gửi bởi một cửa sổ hoặc lệnh kekhai khác; kết quả sẽ hiện trong Hộp thư và Lịch sử`,
          {
            en: `Entry ${entry.id} is being sent by another window or kekhai command; its result will show in the inbox and history`,
            details: { outboxId: entry.id, state: row.state },
          },
        );
      throw new AppError(
        row.last_error_code ?? 'IVAN_UNREACHABLE',
        `${row.last_error ?? 'Gửi không thành công'} (hồ sơ số ${entry.id} vẫn trong hàng đợi)`,
        {
          en: `Not delivered; entry ${entry.id} stays queued`,
          details: { outboxId: entry.id, state: row.state, lastErrorCode: row.last_error_code },
        },
      );
    }
  }
  return submitted(ctx, entry, entry.state !== 'queued');
}

function submitted(ctx: ServiceContext, entry: OutboxEntry, already: boolean): SubmitOutput {
  const row = getRow(ctx.db, entry.id);
  const duplicate =
    (
      ctx.db
        .prepare('SELECT COUNT(*) AS n FROM ivan_outbox_transitions WHERE outbox_id = ? AND note LIKE ?')
        .get(entry.id, 'I-VAN xác nhận%') as { n: number }
    ).n > 0;
  // The I-VAN's view: a delivered dossier is "received" until its result arrives.
  return {
    transactionId: row.transaction_id!,
    status: row.state === 'sent' ? 'received' : row.state,
    duplicate: duplicate || already,
    outboxId: entry.id,
  };
}

export const ivanHandlers: Handlers<typeof ivanMethods> = {
  'ivan.providers': (_i, ctx) => loadProviders(ctx.resourcesDir),

  'ivan.settingsGet': (input, ctx) => ({
    settings: input.unitCode ? [getSettings(ctx.db, input.unitCode)].filter((x) => x !== null) : listSettings(ctx.db),
    registrationPhase: registrationPhase(ctx.now()),
    daysToDeadline: daysToDeadline(ctx.now()),
  }),

  'ivan.settingsSave': (input, ctx) => {
    if (!loadProviders(ctx.resourcesDir).providers.some((p) => p.code === input.providerCode)) {
      throw validationError([
        {
          field: 'providerCode',
          code: 'UNKNOWN_PROVIDER',
          message: `Mã I-VAN ${input.providerCode} không có trong danh sách`,
          messageEn: `Unknown I-VAN code ${input.providerCode}`,
        },
      ]);
    }
    return saveSettings(ctx.db, { ...input, now: ctx.now() });
  },

  // "Nộp" pressed twice: the second waits for the first attempt's answer (one POST, one answer for both).
  'ivan.submit': (input, ctx) => singleFlight(ctx.dataDir, 'ivan.submit', input, () => submitNow(input, ctx)),

  'ivan.status': async (input, ctx) => {
    const known = ctx.db
      .prepare('SELECT endpoint, unit_code, provider_code FROM ivan_outbox WHERE transaction_id = ? ORDER BY id DESC')
      .get(input.transactionId) as
      { endpoint: string; unit_code: string | null; provider_code: string | null } | undefined;
    const endpoint = input.endpoint ?? known?.endpoint ?? endpointFor(ctx, undefined, null);
    const adapter = new HttpIvanAdapter({
      endpoint,
      providerCode: known?.provider_code ?? undefined,
      credentials: credentialsFor(ctx.db, known?.unit_code ?? null),
    });
    const s = await adapter.status(input.transactionId);
    return { status: s.status, receiptNo: s.receiptNo, reasons: s.reasons, paperCopyRequired: s.paperCopyRequired };
  },

  'ivan.outboxAdd': (input, ctx) => {
    const src = source(ctx, input);
    const endpoint = endpointFor(ctx, input.endpoint, src.unitCode);
    return addToOutbox(ctx.db, {
      ...src,
      endpoint,
      dossierId: input.dossierId,
      providerCode: input.providerCode,
      now: ctx.now(),
    });
  },

  'ivan.outboxList': (input, ctx) => listOutbox(ctx.db, { states: input.states }),

  'ivan.outboxSend': async (input, ctx) => {
    const deps = defaultSenderDeps(ctx.db, {
      now: tickingClock(ctx),
      policy: { baseMs: input.baseDelayMs ?? 2_000, capMs: Math.max(input.baseDelayMs ?? 2_000, 15 * 60_000) },
      onAttempt: (e: OutboxEntry) => {
        const left = (
          ctx.db.prepare("SELECT COUNT(*) AS n FROM ivan_outbox WHERE state = 'queued'").get() as { n: number }
        ).n;
        ctx.progress({ stage: e.state === 'sent' ? 'sent' : 'retry', done: 0, total: left });
      },
    });
    const report = await sendOutbox(ctx.db, deps, { untilEmpty: input.untilEmpty });
    const polls = input.poll === false ? [] : await pollAll(ctx.db, () => ctx.now());
    return { report, polls, entries: listOutbox(ctx.db) };
  },

  'ivan.outboxCancel': (input, ctx) => cancelOutbox(ctx.db, input.id, ctx.now()),

  'ivan.outboxRetry': (input, ctx) => {
    const r = getRow(ctx.db, input.id);
    if (r.state !== 'queued')
      throw new AppError('CONFLICT', `Hồ sơ ${input.id} không ở trạng thái chờ gửi`, {
        en: `Entry ${input.id} is not queued`,
      });
    ctx.db.prepare('UPDATE ivan_outbox SET next_attempt_at = ? WHERE id = ?').run(ctx.now().toISOString(), input.id);
    return toEntry(getRow(ctx.db, input.id));
  },

  'ivan.poll': (_i, ctx) => pollAll(ctx.db, () => ctx.now()),

  'ivan.inbox': (input, ctx) => inbox(ctx.db, input.unreadOnly),

  'ivan.markRead': (input, ctx) => ({ updated: markRead(ctx.db, input.ids, ctx.now()) }),

  'ivan.history': (input, ctx) => history(ctx.db, input),

  'ivan.signedFile': (input, ctx) => {
    const r = ctx.db.prepare('SELECT file_name, signed_xml FROM ivan_outbox WHERE id = ?').get(input.id) as
      { file_name: string; signed_xml: Buffer } | undefined;
    if (!r) throw new AppError('NOT_FOUND', `Không có hồ sơ số ${input.id}`, { en: `No entry ${input.id}` });
    // file_name is the name the clerk's upload carried: the download gets the one safe-name rule.
    return { name: safeFileName(r.file_name, 'BHXHDienTu.xml'), base64: r.signed_xml.toString('base64') };
  },

  'ivan.exportPeriod': (input, ctx) => {
    const z = exportPeriodZip(ctx.db, input.period);
    return { file: { name: z.name, base64: Buffer.from(z.bytes).toString('base64') }, count: z.count };
  },

  'ivan.registrationBuild': (input, ctx) => buildRegistration(ctx, input),
  'ivan.registrationSign': (input, ctx) => signRegistration(ctx, input),

  'ivan.registrationSubmit': async (input, ctx) => {
    const stored = input.id !== undefined ? signedRegistration(ctx.db, input.id) : null;
    const xml = stored ? stored.xml : decode(input.file!.base64);
    const fileName = stored ? stored.fileName : input.file!.name;
    const facts = readEnvelope(xml.toString('utf8'));
    if (facts.kind !== 'registration' || !facts.registrationForm) {
      throw new AppError('NOT_A_REGISTRATION', 'Tệp không phải tờ khai 04/ĐK-IVAN, 05/SĐ-IVAN hoặc 06/NG-IVAN', {
        en: 'Not a 04/05/06 I-VAN registration form',
      });
    }
    const unitCode = input.unitCode ?? stored?.unitCode ?? facts.unitCode ?? null;
    const endpoint = endpointFor(ctx, input.endpoint, unitCode);
    const { entry } = addToOutbox(ctx.db, { xml, fileName, endpoint, unitCode, kind: 'registration', now: ctx.now() });
    const form = facts.registrationForm.slice(0, 2) as '04' | '05' | '06';
    const linked = stored
      ? ctx.db.prepare('UPDATE ivan_registrations SET outbox_id = ? WHERE id = ?').run(entry.id, input.id)
      : ctx.db
          .prepare(
            'UPDATE ivan_registrations SET signed = 1, outbox_id = ? WHERE id = (SELECT id FROM ivan_registrations WHERE unit_code = ? AND form = ? AND outbox_id IS NULL ORDER BY id DESC LIMIT 1)',
          )
          .run(entry.id, unitCode ?? '', form);
    if (linked.changes === 0) {
      ctx.db
        .prepare(
          'INSERT INTO ivan_registrations (unit_code, form, provider_code, xml, signed, outbox_id, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
        )
        .run(unitCode ?? '', form, facts.ivanCode ?? '', xml, entry.id, ctx.now().toISOString());
    }
    if (entry.state === 'queued')
      await sendOne(ctx.db, entry.id, defaultSenderDeps(ctx.db, { now: tickingClock(ctx) }));
    return { entry: toEntry(getRow(ctx.db, entry.id)) };
  },

  'ivan.registrations': (input, ctx) => listRegistrations(ctx.db, input.unitCode),

  'ivan.checkConnection': async (input, ctx) => {
    if (!input.endpoint.trim()) {
      throw new AppError('VALIDATION', 'Nhập địa chỉ I-VAN (https, theo hợp đồng với nhà cung cấp)', {
        en: 'Enter the I-VAN address (https, from the provider contract)',
        details: {
          problems: [
            {
              field: 'endpoint',
              code: 'REQUIRED',
              message: 'Nhập địa chỉ I-VAN',
              messageEn: 'Enter the I-VAN address',
            },
          ],
        },
      });
    }
    checkEndpoint(input.endpoint.trim());
    const url = input.endpoint.trim();
    const credentials =
      input.username && input.password
        ? { username: input.username, password: input.password }
        : credentialsFor(ctx.db, input.unitCode ?? null);
    // The cheapest authenticated call of the profile: the notifications page after the last one (normally empty).
    await new HttpIvanAdapter({
      endpoint: url,
      providerCode: input.providerCode,
      credentials,
      timeoutMs: 10_000,
    }).notifications(Number.MAX_SAFE_INTEGER);
    return { ok: true as const, endpoint: url };
  },

  'ivan.trainingStart': async (input, ctx) => {
    const server = await trainingServer(ctx);
    if (input.unitCode) {
      const prev = getSettings(ctx.db, input.unitCode);
      // The unit's own provider (Đơn vị → Nhà cung cấp I-VAN) is the one shown and written into the forms.
      const unit = ctx.db.prepare('SELECT ivan_provider FROM units WHERE code = ?').get(input.unitCode) as
        { ivan_provider: string | null } | undefined;
      saveSettings(ctx.db, {
        unitCode: input.unitCode,
        providerCode: prev?.providerCode ?? unit?.ivan_provider ?? '00040',
        endpoint: server.url,
        trainingMode: true,
        now: ctx.now(),
      });
    }
    return { endpoint: server.url };
  },
};
