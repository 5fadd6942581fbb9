import { AppError } from '../core/app-error';
import { verifyDossierXml } from '../signing/verify';

/**
 * Before a signed file is queued for the I-VAN: every signature in it must still be intact (digest, signature value,
 * certificate dates at the signed SigningTime or now). A file changed after signing — a typo fixed in Notepad, a
 * copy cut short — was queued and sent, and came back rejected days later as BAD_SIGNATURE; it is refused here,
 * naming the file and the reason, with the advice to sign again. Trust in the issuing CA is not required: the
 * I-VAN and BHXH judge that against the licensed CA list, which this PC may not hold.
 * A registration form (04/ĐK-IVAN) is judged by its own signature only, as the I-VAN does.
 */
export function refuseBrokenSignature(xml: Uint8Array, kind: 'dossier' | 'registration', now: Date): void {
  const files = verifyDossierXml(Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength), {
    name: 'BHXHDienTu.xml',
    now,
  }).files;
  const judged = kind === 'registration' ? files.slice(0, 1) : files;
  const broken = judged.filter((f) =>
    kind === 'registration' ? !(f.digestValid && f.signatureValid && f.certValidAtSigningTime !== false) : !f.valid,
  );
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
