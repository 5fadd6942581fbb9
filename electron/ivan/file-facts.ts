import type Database from 'better-sqlite3';
import { readEnvelope, type EnvelopeFacts } from '../../shared/ivan/envelope-read';

/**
 * What a clerk recognises a dossier queued from a file by (`kekhai outbox add FILE`, the UI's file option): the unit
 * name, procedure and batch (đợt) as the file itself states them, read by the one strict reader. Computed when the
 * file is queued and kept by content hash (the queued bytes never change); after a restart, read again from the
 * stored bytes on first use. No table column is needed, so no migration.
 */
export interface FileLabel {
  unitName: string | null;
  procedure: string | null;
  batch: number | null;
}

const MAX = 1000;
const cache = new Map<string, FileLabel>();

function labelOf(facts: EnvelopeFacts): FileLabel {
  return { unitName: facts.unitName ?? null, procedure: facts.procedure, batch: facts.batch ?? null };
}

/** Called at enqueue time with the facts the outbox has just read. */
export function rememberFileFacts(contentSha256: string, facts: EnvelopeFacts): void {
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(contentSha256, labelOf(facts));
}

/** The file's own label for one outbox entry; null when the entry is gone or its bytes no longer read. */
export function fileLabeler(db: Database.Database): (outboxId: number) => FileLabel | null {
  const hashOf = db.prepare('SELECT content_sha256 FROM ivan_outbox WHERE id = ?');
  const bytesOf = db.prepare('SELECT signed_xml FROM ivan_outbox WHERE id = ?');
  return (outboxId) => {
    const row = hashOf.get(outboxId) as { content_sha256: string } | undefined;
    if (!row) return null;
    const hit = cache.get(row.content_sha256);
    if (hit) return hit;
    const b = (bytesOf.get(outboxId) as { signed_xml: Buffer }).signed_xml;
    try {
      const facts = readEnvelope(b.toString('latin1'), { latin1: true });
      rememberFileFacts(row.content_sha256, facts);
      return labelOf(facts);
    } catch {
      return null; // stored before the strict reader existed and refused by it: nothing to show
    }
  };
}
