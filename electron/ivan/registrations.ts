import type Database from 'better-sqlite3';
import type { RegistrationInput } from '../../shared/ivan/registration';
import { buildRegistrationXml, checkRegistration } from '../../shared/ivan/registration';
import type { SignerSpecInput } from '../../shared/contract/signing';
import { AppError, notFound, validationError } from '../core/app-error';
import type { ServiceContext } from '../core/context';
import type { OutboxState } from '../../shared/ivan/outbox-state';
import { callMethod } from '../core/self-call';

/**
 * Registration forms 04/ĐK-IVAN, 05/SĐ-IVAN, 06/NG-IVAN (Quyết định 1557/QĐ-BHXH, Phụ lục 04–06) as one row each,
 * built → signed → submitted through the same signing (signing.sign at Hoso/CKy_Dvi) and outbox as a dossier.
 * Building again before the form was submitted replaces the row's form instead of adding a row.
 */
export const FILE_NAMES = { '04': '04-DK-IVAN.xml', '05': '05-SD-IVAN.xml', '06': '06-NG-IVAN.xml' } as const;

export type RegistrationStatus = 'built' | 'signed' | OutboxState;

interface Row {
  id: number;
  unit_code: string;
  form: '04' | '05' | '06';
  provider_code: string;
  xml: Buffer;
  signed: number;
  outbox_id: number | null;
  created_at: string;
  state: OutboxState | null;
}

export function buildRegistration(
  ctx: ServiceContext,
  input: RegistrationInput,
): { id: number; file: { name: string; base64: string } } {
  const problems = checkRegistration(input);
  if (problems.length)
    throw validationError(
      problems.map((p) => ({ field: p.field, code: p.code, message: p.message, messageEn: p.messageEn })),
    );
  const xml = Buffer.from(buildRegistrationXml(input), 'utf8');
  const provider = input.form === '05' && input.newIvan ? input.newIvan.code : input.ivanCode;
  const at = ctx.now().toISOString();
  const open = ctx.db
    .prepare(
      'SELECT id FROM ivan_registrations WHERE unit_code = ? AND form = ? AND outbox_id IS NULL ORDER BY id DESC LIMIT 1',
    )
    .get(input.unitCode, input.form) as { id: number } | undefined;
  let id: number;
  if (open) {
    ctx.db
      .prepare('UPDATE ivan_registrations SET provider_code = ?, xml = ?, signed = 0, created_at = ? WHERE id = ?')
      .run(provider, xml, at, open.id);
    id = open.id;
  } else {
    id = Number(
      ctx.db
        .prepare(
          'INSERT INTO ivan_registrations (unit_code, form, provider_code, xml, signed, created_at) VALUES (?, ?, ?, ?, 0, ?)',
        )
        .run(input.unitCode, input.form, provider, xml, at).lastInsertRowid,
    );
  }
  return { id, file: { name: FILE_NAMES[input.form], base64: xml.toString('base64') } };
}

function getRegistration(db: Database.Database, id: number): Row {
  const r = db
    .prepare(
      'SELECT r.*, o.state FROM ivan_registrations r LEFT JOIN ivan_outbox o ON o.id = r.outbox_id WHERE r.id = ?',
    )
    .get(id) as Row | undefined;
  if (!r) throw notFound(`tờ khai đăng ký số ${id}`, `Registration ${id}`);
  return r;
}

/** Signs the stored form with the unit's certificate through signing.sign (the unit's MST is checked there). */
export async function signRegistration(
  ctx: ServiceContext,
  input: { id: number; signer: SignerSpecInput; mstOverride?: { reason: string } },
): Promise<{ id: number; status: RegistrationStatus }> {
  const r = getRegistration(ctx.db, input.id);
  if (r.outbox_id !== null)
    throw new AppError('CONFLICT', 'Tờ khai này đã nộp; muốn sửa hãy lập tờ khai mới', {
      en: 'This form was already submitted; build a new one to change it',
    });
  const unit = ctx.db.prepare('SELECT tax_code FROM units WHERE code = ?').get(r.unit_code) as
    { tax_code: string } | undefined;
  const signed = await callMethod(
    'signing.sign',
    {
      file: { name: FILE_NAMES[r.form], base64: r.xml.toString('base64') },
      signer: input.signer,
      unitMst: unit?.tax_code,
      mstOverride: input.mstOverride,
      dossierRef: `registration-${r.id}`,
    },
    ctx,
  );
  if (!signed.ok)
    throw new AppError(signed.error.code, signed.error.message, {
      en: signed.error.messageEn,
      details: signed.error.details,
    });
  const file = (signed.value as { file: { base64: string } }).file;
  ctx.db
    .prepare('UPDATE ivan_registrations SET xml = ?, signed = 1 WHERE id = ?')
    .run(Buffer.from(file.base64, 'base64'), r.id);
  return { id: r.id, status: 'signed' };
}

/** The stored signed form of a registration, to queue. */
export function signedRegistration(
  db: Database.Database,
  id: number,
): { xml: Buffer; fileName: string; unitCode: string } {
  const r = getRegistration(db, id);
  if (r.signed !== 1)
    throw new AppError('NOT_SIGNED', 'Tờ khai chưa ký: bấm "Ký" trước khi nộp', {
      en: 'The form is not signed yet: sign it before submitting',
    });
  return { xml: r.xml, fileName: FILE_NAMES[r.form], unitCode: r.unit_code };
}

export function listRegistrations(db: Database.Database, unitCode?: string) {
  const rows = db
    .prepare(
      `SELECT r.id, r.unit_code, r.form, r.provider_code, r.signed, r.outbox_id, r.created_at, o.state FROM ivan_registrations r LEFT JOIN ivan_outbox o ON o.id = r.outbox_id ${unitCode ? 'WHERE r.unit_code = ?' : ''} ORDER BY r.id DESC`,
    )
    .all(...(unitCode ? [unitCode] : [])) as Omit<Row, 'xml'>[];
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    form: r.form,
    providerCode: r.provider_code,
    signed: r.signed === 1,
    outboxId: r.outbox_id,
    state: r.state,
    status: (r.state ?? (r.signed === 1 ? 'signed' : 'built')) as RegistrationStatus,
    createdAt: r.created_at,
  }));
}
