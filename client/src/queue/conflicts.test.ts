import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { IntentOutcome } from '../../../shared/sync/intent.ts';
import { collectConflicts, visibleConflicts } from './conflicts.ts';

const outcome: IntentOutcome = {
  opId: 'op-1',
  userId: 'u-me',
  role: 'biller',
  decidedAt: '2026-11-20T10:00:00.000Z',
  toStatus: 'Held',
  reason: 'Waiting on records',
  results: {
    C1: { ok: true, seq: 4, from: 'Ready' },
    C2: {
      ok: false,
      code: 'locked_after_submission',
      message: 'This claim was submitted before your hold reached the server.',
      from: 'Submitted',
      saw: 'Ready',
    },
  },
};

const colleagues: IntentOutcome = {
  opId: 'op-2',
  userId: 'u-other',
  decidedAt: '2026-11-21T09:00:00.000Z',
  toStatus: 'Voided',
  results: { C3: { ok: false, code: 'needs_void_claim', message: 'Send a void claim.', from: 'Paid' } },
};

const undoneEdit: HistoryEvent = {
  id: 'C4:edit:1',
  claimId: 'C4',
  at: '2026-11-22T08:00:00.000Z',
  actor: { kind: 'user', userId: 'u-me', role: 'biller' },
  kind: 'conflict',
  reason: 'This claim was paid before your change reached the server, so the change was undone.',
  detail: 'refused=locked_after_submission field=placeOfService',
};

const all = () =>
  collectConflicts({
    outcomes: [outcome, colleagues],
    editConflicts: [undoneEdit],
    dropped: [
      { claimId: 'C5', field: 'placeOfService', value: '11', status: 'Submitted', message: 'Dropped.' },
    ],
    userId: 'u-me',
  });

describe('the conflicts of a queue', () => {
  it('lists refused parts of intents with what was asked, what was seen and what the server found', () => {
    const held = all().find((c) => c.claimId === 'C2');
    expect(held).toEqual({
      id: 'op-1:C2',
      claimId: 'C2',
      at: '2026-11-20T10:00:00.000Z',
      kind: 'status',
      byMe: true,
      intended: 'Held — Waiting on records',
      saw: 'Ready',
      found: 'Submitted',
      message: 'This claim was submitted before your hold reached the server.',
    });
    expect(all().some((c) => c.claimId === 'C1')).toBe(false); // accepted: no conflict
  });

  it('names the field of an undone edit and the value of a dropped one', () => {
    const items = all();
    expect(items.find((c) => c.claimId === 'C4')?.intended).toBe('Edit place of service');
    expect(items.find((c) => c.claimId === 'C5')?.intended).toBe('Edit place of service to 11');
  });

  it('puts dropped edits first, then the newest decision first', () => {
    expect(all().map((c) => c.claimId)).toEqual(['C5', 'C4', 'C3', 'C2']);
  });

  it('shows the person’s own unless asked for everyone’s, and never a dismissed one', () => {
    const items = all();
    expect(visibleConflicts(items, { dismissed: new Set(), everyone: false }).map((c) => c.claimId)).toEqual([
      'C5',
      'C4',
      'C2',
    ]);
    expect(
      visibleConflicts(items, { dismissed: new Set(['op-1:C2']), everyone: true }).map((c) => c.claimId),
    ).toEqual(['C5', 'C4', 'C3']);
  });
});
