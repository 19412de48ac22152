import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../domain/history.ts';
import type { IntentOutcome } from './intent.ts';
import { claimHistory, historyFromOutcome } from './outcomeHistory.ts';

const outcome: IntentOutcome = {
  opId: 'op-1',
  userId: 'u-1',
  role: 'biller',
  decidedAt: '2026-11-22T10:00:00.000Z',
  toStatus: 'Held',
  reason: 'Waiting on authorization',
  results: {
    C1: { ok: true, seq: 41, from: 'Ready' },
    C2: { ok: false, code: 'locked_after_submission', message: 'm', from: 'Submitted', saw: 'Ready' },
  },
};

describe('history implied by intent outcomes', () => {
  it('gives a status change for an accepted claim and a conflict for a refused one', () => {
    expect(historyFromOutcome(outcome, 'C1')).toEqual({
      id: 'op-1:C1',
      claimId: 'C1',
      at: '2026-11-22T10:00:00.000Z',
      actor: { kind: 'user', userId: 'u-1', role: 'biller' },
      kind: 'status_changed',
      fromStatus: 'Ready',
      toStatus: 'Held',
      reason: 'Waiting on authorization',
      detail: 'seq=41',
    });
    expect(historyFromOutcome(outcome, 'C2')).toMatchObject({
      kind: 'conflict',
      fromStatus: 'Submitted',
      detail: 'refused=locked_after_submission saw=Ready',
    });
    expect(historyFromOutcome(outcome, 'C3')).toBeNull();
    // An intent the server could not attribute implies no claim history (it shows in the conflicts view).
    expect(historyFromOutcome({ ...outcome, role: undefined }, 'C1')).toBeNull();
  });

  it('merges stored and implied events oldest first, stored first at the same instant', () => {
    const created: HistoryEvent = {
      id: 'C1:created',
      claimId: 'C1',
      at: '2026-11-22T09:00:00.000Z',
      actor: { kind: 'server' },
      kind: 'created',
      toStatus: 'Ready',
    };
    const sameInstant: HistoryEvent = { ...created, id: 'C1:edit', kind: 'conflict', at: outcome.decidedAt };
    const later = {
      ...outcome,
      opId: 'op-2',
      decidedAt: '2026-11-22T11:00:00.000Z',
      toStatus: 'Ready' as const,
    };
    const ids = claimHistory('C1', [sameInstant, created], [later, outcome]).map((e) => e.id);
    expect(ids).toEqual(['C1:created', 'C1:edit', 'op-1:C1', 'op-2:C1']);
  });
});
