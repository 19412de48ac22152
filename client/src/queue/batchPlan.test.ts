import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.ts';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { CONFIRM_WORD, canSend, planBatch } from './batchPlan.ts';

const claims = generateSyntheticPractice({ seed: 5, claims: 300, asOf: '2026-11-22' }).claims;
const biller: Actor = { kind: 'user', userId: 'u1', role: 'biller' };
const viewer: Actor = { kind: 'user', userId: 'u2', role: 'viewer' };
const ofStatus = (s: string) => claims.filter((c) => c.status === s);

describe('batch plan', () => {
  it('Hold: Ready claims can, others are refused with the rule’s reason; a reason is required', () => {
    const picked = [...ofStatus('Ready').slice(0, 3), ...ofStatus('Paid').slice(0, 2)];
    const plan = planBatch(picked, 'Held', '', biller);
    expect(plan.allowed).toEqual(picked.slice(0, 3).map((c) => c.id));
    expect(plan.refused.map((r) => r.claimId)).toEqual(picked.slice(3).map((c) => c.id));
    expect(plan.refused[0]!.message.length).toBeGreaterThan(10);
    expect(plan.needsReason).toBe(true);
    expect(canSend(plan, '')).toBe(false);
    const withReason = planBatch(picked, 'Held', 'Waiting on authorization', biller);
    expect(withReason.needsReason).toBe(false);
    expect(canSend(withReason, '')).toBe(true);
  });

  it('Settled and Voided need CONFIRM typed', () => {
    const plan = planBatch(ofStatus('Ready').slice(0, 2), 'Settled', '', biller);
    expect(plan.needsConfirm).toBe(true);
    expect(canSend(plan, 'confirm')).toBe(false);
    expect(canSend(plan, CONFIRM_WORD)).toBe(true);
    expect(planBatch(ofStatus('Ready').slice(0, 2), 'Held', 'x', biller).needsConfirm).toBe(false);
  });

  it('nothing to send when every claim is refused, e.g. for a viewer', () => {
    const plan = planBatch(ofStatus('Ready').slice(0, 2), 'Held', 'x', viewer);
    expect(plan.allowed).toEqual([]);
    expect(plan.refused.every((r) => r.code === plan.refused[0]!.code)).toBe(true);
    expect(canSend(plan, '')).toBe(false);
  });
});
