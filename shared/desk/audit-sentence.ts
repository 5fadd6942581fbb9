import { formatDateTimeVN, parseInstantVN } from '../format';
import { stateLabel } from '../ivan/state-labels';

/**
 * The audit log in sentences (issue 13): "Khôi phục dữ liệu từ bản sao lưu kekhai-manual-….db" instead of
 * "backup.restored, false → true". One place for the screen and the CSV export; the action code stays in the record.
 */
type Lang = 'vi' | 'en';

const SETTING_NAMES: Record<string, { vi: string; en: string }> = {
  'training.enabled': { vi: 'Chế độ tập huấn', en: 'Training mode' },
  'testMode.clock': { vi: 'Đồng hồ thử', en: 'Test clock' },
  'backup.auto': { vi: 'Tự động sao lưu hằng ngày', en: 'Daily automatic backup' },
  'backup.keep': { vi: 'Số bản sao lưu tự động giữ lại', en: 'Automatic backups kept' },
  'updates.url': { vi: 'Địa chỉ cập nhật', en: 'Update address' },
  'updates.auto': { vi: 'Tự động cập nhật', en: 'Automatic updates' },
  'ui.confirmSubmit': { vi: 'Hỏi lại trước khi nộp hồ sơ', en: 'Ask before submitting' },
};

const BACKUP_KINDS: Record<string, { vi: string; en: string }> = {
  auto: { vi: 'tự động', en: 'automatic' },
  manual: { vi: 'thủ công', en: 'manual' },
  'pre-restore': { vi: 'trước khi khôi phục', en: 'before a restore' },
  'pre-migration': { vi: 'trước khi nâng cấp', en: 'before an upgrade' },
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function value(x: unknown, lang: Lang): string {
  if (x === true) return lang === 'en' ? 'on' : 'bật';
  if (x === false) return lang === 'en' ? 'off' : 'tắt';
  if (x === null || x === undefined || x === '') return lang === 'en' ? 'not set' : 'không đặt';
  // An instant written without a zone (the test clock as `kekhai settings set` took it) is Vietnam time.
  const at = typeof x === 'string' && ISO.test(x) ? parseInstantVN(x) : null;
  if (at) return formatDateTimeVN(at);
  return typeof x === 'string' ? x : JSON.stringify(x);
}

function parse(detail: string | null): Record<string, unknown> | null {
  if (!detail) return null;
  try {
    const v = JSON.parse(detail) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const state = (s: unknown, lang: Lang) => (typeof s === 'string' ? stateLabel(s, lang) : '—');

/** One audit entry as a sentence in the clerk's language; unknown actions fall back to "code: detail". */
export function auditSentence(
  e: { action: string; subjectType: string; subjectId: string | null; detail: string | null },
  lang: Lang = 'vi',
): string {
  const en = lang === 'en';
  const d = parse(e.detail);
  const kb = (n: unknown) =>
    typeof n === 'number' ? ` (${Math.max(1, Math.round(n / 1024)).toLocaleString('vi-VN')} KB)` : '';
  switch (e.action) {
    case 'settings.changed': {
      const name = SETTING_NAMES[e.subjectId ?? '']?.[lang] ?? e.subjectId ?? '';
      return en
        ? `Setting “${name}” changed: ${value(d?.from, lang)} → ${value(d?.to, lang)}`
        : `Đổi cài đặt “${name}”: ${value(d?.from, lang)} → ${value(d?.to, lang)}`;
    }
    case 'backup.created': {
      const kind = BACKUP_KINDS[String(d?.kind)]?.[lang] ?? String(d?.kind ?? '');
      return en
        ? `Data backed up (${kind}) to ${e.subjectId}${kb(d?.sizeBytes)}`
        : `Sao lưu dữ liệu (${kind}) vào tệp ${e.subjectId}${kb(d?.sizeBytes)}`;
    }
    case 'backup.restored': {
      const copy = d?.safetyCopy
        ? en
          ? `; the replaced data was kept as ${String(d.safetyCopy)}`
          : `; dữ liệu cũ được giữ trong ${String(d.safetyCopy)}`
        : '';
      return en
        ? `Data restored from the backup ${e.subjectId}${copy}`
        : `Khôi phục dữ liệu từ bản sao lưu ${e.subjectId}${copy}`;
    }
    case 'backup.rotated': {
      const removed = Array.isArray(d?.removed) ? (d.removed as string[]) : [];
      return en
        ? `${removed.length} old automatic backup(s) deleted: ${removed.join(', ')}`
        : `Xoá ${removed.length} bản sao lưu tự động cũ: ${removed.join(', ')}`;
    }
    case 'signing.mstOverride':
      return en
        ? `Signed for another tax code: certificate MST ${value(d?.certMst, lang)}, unit MST ${value(d?.unitMst, lang)} — reason: ${value(d?.reason, lang)}`
        : `Ký thay: chứng thư MST ${value(d?.certMst, lang)} ký cho đơn vị MST ${value(d?.unitMst, lang)} — lý do: ${value(d?.reason, lang)}`;
    case 'signing.addLibrary':
      return en ? `Token library added: ${e.subjectId}` : `Thêm thư viện token: ${e.subjectId}`;
  }
  if (e.action.startsWith('dossier.')) {
    const to = e.action.slice('dossier.'.length);
    const from = d && 'from' in d ? `${state(d.from, lang)} → ` : '';
    const note = d?.note ? ` — ${String(d.note)}` : '';
    return en ? `Dossier ${from}${state(to, lang)}${note}` : `Hồ sơ ${from}${state(to, lang)}${note}`;
  }
  const rest = d
    ? Object.entries(d)
        .map(([k, x]) => `${k}: ${value(x, lang)}`)
        .join('; ')
    : (e.detail ?? '');
  return rest ? `${e.action}: ${rest}` : e.action;
}
