import { describe, expect, it } from 'vitest';
import { dossierState } from '../../../shared/contract/declarations';
import { ivanMethods } from '../../../shared/contract/ivan';
import { auditSentence } from '../../../shared/desk/audit-sentence';
import { OUTBOX_STATES } from '../../../shared/ivan/outbox-state';
import { STATE_LABELS, stateLabel } from '../../../shared/ivan/state-labels';

/** Every state the contract can send to a screen: dossiers, outbox entries and I-VAN registrations. */
function contractStates(): string[] {
  const registration = ivanMethods['ivan.registrations'].output.element.shape.status.options;
  return [...new Set([...dossierState.options, ...OUTBOX_STATES, ...registration])];
}

describe('state labels: one wording for every screen', () => {
  it('labels every state the contract knows, in both languages, each label distinct', () => {
    const states = contractStates();
    expect(states).toEqual(expect.arrayContaining(['draft', 'built', 'signed', 'queued', 'accepted', 'cancelled']));
    for (const lang of ['vi', 'en'] as const) {
      const labels = states.map((s) => stateLabel(s, lang));
      for (const [i, s] of states.entries()) expect(labels[i], `${s} (${lang})`).not.toBe(s);
      expect(new Set(labels).size, lang).toBe(states.length);
    }
    expect(Object.keys(STATE_LABELS).sort()).toEqual([...states].sort());
  });

  it('shows a state this version does not know as its code, and never reads inherited keys', () => {
    expect(stateLabel('archived', 'vi')).toBe('archived');
    expect(stateLabel('toString', 'vi')).toBe('toString');
    expect(stateLabel('cancelled', 'vi')).toBe('Đã huỷ');
  });

  it('the audit log says a dossier moved in the same words as the screens', () => {
    const line = auditSentence(
      { action: 'dossier.queued', subjectType: 'dossier', subjectId: '1', detail: JSON.stringify({ from: 'signed' }) },
      'vi',
    );
    expect(line).toContain(`${STATE_LABELS.signed.vi} → ${STATE_LABELS.queued.vi}`);
  });
});
