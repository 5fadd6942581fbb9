import type Database from 'better-sqlite3';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { history } from './queries';
import { inbox } from './queries';

/**
 * One zip per kỳ kê khai (MM/yyyy) for archiving: every dossier's signed bytes exactly as sent, its receipts,
 * transitions and results, plus an index. Signed files are stored, not recompressed into something else.
 */
export function exportPeriodZip(db: Database.Database, period: string): { bytes: Uint8Array; count: number; name: string } {
  const items = history(db, { period });
  const notes = inbox(db);
  const files: Zippable = {};
  const index: unknown[] = [];
  const bytesOf = db.prepare('SELECT signed_xml FROM ivan_outbox WHERE id = ?');
  for (const it of items) {
    const dir = `${String(it.id).padStart(5, '0')}-${it.dossierId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}`;
    files[`${dir}/${it.fileName.replace(/[\\/]/g, '_')}`] = new Uint8Array((bytesOf.get(it.id) as { signed_xml: Buffer }).signed_xml);
    const mine = notes.filter((n) => n.outboxId === it.id);
    files[`${dir}/ket-qua.json`] = strToU8(JSON.stringify({ ...it, notifications: mine }, null, 2));
    index.push({ folder: dir, dossierId: it.dossierId, state: it.state, transactionId: it.transactionId, receiptNo: it.receiptNo });
  }
  files['danh-sach.json'] = strToU8(JSON.stringify({ period, exported: items.length, items: index }, null, 2));
  const [mm, yyyy] = period.split('/');
  return { bytes: zipSync(files, { level: 6 }), count: items.length, name: `kekhai-ho-so-${yyyy}-${mm}.zip` };
}
