import type Database from 'better-sqlite3';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { history } from './queries';
import { inbox } from './queries';
import type { HistoryItem } from '../../shared/contract/ivan';
import { csvDocument } from '../../shared/csv';
import { stateLabel } from '../../shared/ivan/state-labels';
import { formatDateTimeVN } from '../../shared/format';
import { foldForSearch } from '../../shared/text';
import { safeFileName } from '../../shared/security/file-name';

/** Each dossier folder holds the signed file under its own name and this one beside it. */
const RESULT_ENTRY = 'ket-qua.json';
/**
 * Folder and file name each at most 100 bytes: Windows Explorer extracts paths of at most 260 characters
 * (MAX_PATH), and the folder the clerk extracts into takes its share.
 */
const PIECE_BYTES = 100;

/**
 * ASCII only, so every unzip reads the same names (Info-ZIP and older Windows read a zip made on Windows as code page
 * 437, UTF-8 flag or not): diacritics folded (Đ → D), anything but letters, digits, `.`, `_` and `-` turned into `-`.
 */
function ascii(s: string, upper = false): string {
  const f = upper
    ? foldForSearch(s).toUpperCase()
    : s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'));
  return f.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * A folder-name piece: ASCII, `_` kept for joining pieces, no dot or dash at either end (a số hồ sơ ".." or "abc."
 * from an I-VAN must not make a `..` or a trailing-dot folder).
 */
function piece(s: string, upper = false): string {
  return ascii(s, upper)
    .replace(/_/g, '-')
    .slice(0, 60)
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * How the clerk recognises a dossier in the archive (issue 13): unit code, procedure, period, đợt and số hồ sơ,
 * e.g. `TA00001_600_10-2015_dot1_00123-2015-xxxxx`. Falls back to the outbox number when nothing is known.
 */
export function dossierFolderName(
  it: Pick<HistoryItem, 'id' | 'unitCode' | 'procedure' | 'period' | 'batch' | 'receiptNo'>,
): string {
  const parts = [
    it.unitCode ? piece(it.unitCode) : null,
    it.procedure ? piece(it.procedure, true) : null,
    it.period ? piece(it.period) : null,
    it.batch !== null ? `dot${it.batch}` : null,
    it.receiptNo ? piece(it.receiptNo) : null,
  ].filter((p): p is string => !!p);
  const fallback = `ho-so-${String(it.id).padStart(5, '0')}`;
  return parts.length ? safeFileName(parts.join('_'), fallback, PIECE_BYTES) : fallback;
}

/** The signed file's entry: the name it was queued under (a clerk's upload name) in ASCII, safe, never the result's. */
function signedEntryName(fileName: string): string {
  const name = safeFileName(ascii(fileName), 'BHXHDienTu.xml', PIECE_BYTES);
  return name.toLowerCase() === RESULT_ENTRY ? `_${name}` : name;
}

/** When the dossier left for the I-VAN: its first move to `sent`. */
function sentAt(it: HistoryItem): string | null {
  return it.transitions.find((t) => t.to === 'sent')?.at ?? null;
}

const INDEX_HEADER = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Thủ tục',
  'Kỳ',
  'Đợt',
  'Số hồ sơ',
  'Trạng thái',
  'Thời điểm gửi',
  'Thư mục',
];

/**
 * One zip per kỳ kê khai (MM/yyyy) for archiving: every dossier's signed bytes exactly as sent, its receipts,
 * transitions and results, plus an index (danh-sach.csv for the clerk, danh-sach.json for tools). Signed files are
 * stored, not recompressed into something else.
 */
export function exportPeriodZip(
  db: Database.Database,
  period: string,
): { bytes: Uint8Array; count: number; name: string } {
  const items = history(db, { period });
  const notes = inbox(db);
  const files: Zippable = {};
  const index: unknown[] = [];
  const rows: string[][] = [];
  const used = new Set<string>(['danh-sach.csv', 'danh-sach.json']); // the index files at the root
  const bytesOf = db.prepare('SELECT signed_xml FROM ivan_outbox WHERE id = ?');
  for (const it of [...items].reverse()) {
    let dir = dossierFolderName(it);
    // A resend of the same dossier keeps its own folder; Windows folds case, so the check does too.
    while (used.has(dir.toLowerCase())) dir = `${dir}_${it.id}`;
    used.add(dir.toLowerCase());
    files[`${dir}/${signedEntryName(it.fileName)}`] = new Uint8Array(
      (bytesOf.get(it.id) as { signed_xml: Buffer }).signed_xml,
    );
    const mine = notes.filter((n) => n.outboxId === it.id);
    files[`${dir}/${RESULT_ENTRY}`] = strToU8(JSON.stringify({ ...it, notifications: mine }, null, 2));
    const sent = sentAt(it);
    index.push({
      folder: dir,
      dossierId: it.dossierId,
      unitCode: it.unitCode,
      unitName: it.unitName,
      procedure: it.procedure,
      period: it.period,
      batch: it.batch,
      state: it.state,
      sentAt: sent,
      transactionId: it.transactionId,
      receiptNo: it.receiptNo,
    });
    rows.push([
      it.unitCode ?? '',
      it.unitName ?? '',
      it.procedure ?? '',
      it.period ?? '',
      it.batch === null ? '' : String(it.batch),
      it.receiptNo ?? '',
      stateLabel(it.state, 'vi'),
      sent ? formatDateTimeVN(new Date(sent)) : '',
      dir,
    ]);
  }
  files['danh-sach.json'] = strToU8(JSON.stringify({ period, exported: items.length, items: index }, null, 2));
  files['danh-sach.csv'] = strToU8(csvDocument(INDEX_HEADER, rows));
  const [mm, yyyy] = period.split('/');
  return { bytes: zipSync(files, { level: 6 }), count: items.length, name: `kekhai-ho-so-${yyyy}-${mm}.zip` };
}
