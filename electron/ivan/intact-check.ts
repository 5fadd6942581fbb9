import { AppError } from '../core/app-error';
import { verifyDossierXml, type VerifiedFile } from '../signing/verify';

/**
 * Before a signed file is queued for the I-VAN: every signature in it must still be intact (digest, signature value,
 * certificate dates at the signed SigningTime or now). A file changed after signing — a typo fixed in Notepad, a
 * copy cut short — was queued and sent, and came back rejected days later as BAD_SIGNATURE; it is refused here,
 * naming the file and the reason, with the advice to sign again. Trust in the issuing CA is not required: the
 * I-VAN and BHXH judge that against the licensed CA list, which this PC may not hold.
 * A registration form (04/ĐK-IVAN) is judged by its own signature, as the I-VAN does.
 */
export function refuseBrokenSignature(xml: Uint8Array, kind: 'dossier' | 'registration', now: Date): void {
  const files = verifyDossierXml(Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength), {
    name: 'BHXHDienTu.xml',
    now,
  }).files;
  const broken = files.filter((f, i) => !intactAsTheIvanJudges(f, kind, i));
  if (!broken.length) return;
  const list = broken.map((f) => `${f.name}: ${f.reason}`).join('; ');
  const listEn = broken.map((f) => `${f.name}: ${f.reasonEn}`).join('; ');
  throw new AppError(
    'BAD_SIGNATURE',
    `Chữ ký số trong hồ sơ không hợp lệ (${list}). Hồ sơ chưa được đưa vào hàng đợi: nếu tệp đã bị sửa sau khi ký, hãy ký lại.`,
    {
      en: `A signature in the dossier is not valid (${listEn}). The dossier was not queued: if the file was changed after signing, sign it again.`,
      details: { files: broken.map((f) => ({ name: f.name, reason: f.reason, reasonEn: f.reasonEn })) },
    },
  );
}

/**
 * Whether a verified file's signature passes as an I-VAN judges it (trust aside): a dossier's every file must be
 * `valid`; a registration form is an envelope without FileToKhai, so its own signature (the first file) is judged
 * without the FileToKhai checks.
 * The door above and the training I-VAN (simulator/checks.ts) use this one rule.
 */
export function intactAsTheIvanJudges(f: VerifiedFile, kind: 'dossier' | 'registration', index: number): boolean {
  if (kind === 'registration' && index === 0)
    return f.digestValid && f.signatureValid && f.certValidAtSigningTime !== false;
  return f.valid;
}
