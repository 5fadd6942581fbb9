import type { Migration } from './types';

/**
 * An outbox entry is claimed before it is sent (issue #12, item 6): `claimed_until` is a lease on the real clock,
 * taken by one conditional UPDATE, so any number of senders (two `outbox send`, the app and a script) send an entry
 * once. A sender that dies mid-send leaves a lease that simply expires; the retry carries the same idempotency key.
 */
export const migration: Migration = {
  version: 90,
  name: 'outbox-claim',
  up(db) {
    db.exec(`
      ALTER TABLE ivan_outbox ADD COLUMN claimed_until TEXT;
      ALTER TABLE ivan_outbox ADD COLUMN claimed_by TEXT;
    `);
  },
};
