/**
 * The outbox side of a dossier's life (docs architecture "A dossier's life"):
 * queued → sent → received → accepted | rejected, cancelled from queued.
 * `sent` = the request went out and the I-VAN answered with a transaction id; `received` = the I-VAN's
 * notification that BHXH took it in. A lost response leaves the entry `queued` with its attempts counted;
 * the idempotency key makes the next attempt return the same transaction.
 */
export const OUTBOX_STATES = ['queued', 'sent', 'received', 'accepted', 'rejected', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

const NEXT: Record<OutboxState, readonly OutboxState[]> = {
  queued: ['sent', 'received', 'accepted', 'rejected', 'cancelled'],
  sent: ['received', 'accepted', 'rejected'],
  received: ['accepted', 'rejected'],
  accepted: [],
  rejected: [],
  cancelled: [],
};

export function canTransition(from: OutboxState, to: OutboxState): boolean {
  return NEXT[from].includes(to);
}

/** The intermediate states a jump passes through, so every step is recorded (queued → accepted = sent, received, accepted). */
export function pathTo(from: OutboxState, to: OutboxState): OutboxState[] {
  if (!canTransition(from, to)) return [];
  const order: OutboxState[] = ['queued', 'sent', 'received'];
  const i = order.indexOf(from);
  if (to === 'cancelled') return ['cancelled'];
  const steps: OutboxState[] = [];
  for (let k = i + 1; k < order.length; k++) {
    steps.push(order[k]!);
    if (order[k] === to) return steps;
  }
  steps.push(to);
  return steps;
}
