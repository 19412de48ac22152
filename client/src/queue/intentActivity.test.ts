import { describe, expect, it } from 'vitest';
import { describeIntent } from './intentActivity.ts';

const sent = { opId: 'op-1', toStatus: 'Held' as const, claimCount: 3 };

describe('the activity line of a sent status change', () => {
  it('says it waits until every claim has an answer', () => {
    expect(
      describeIntent(sent, { decided: false, results: { A: { ok: true, seq: 1, from: 'Ready' } } }),
    ).toEqual({
      opId: 'op-1',
      state: 'pending',
      text: 'Held: waiting for the server (3 claims)',
    });
  });

  it('counts the claims done', () => {
    const ok = { ok: true as const, seq: 1, from: 'Ready' as const };
    expect(describeIntent(sent, { decided: true, results: { A: ok, B: ok, C: ok } })).toMatchObject({
      state: 'done',
      text: 'Held: 3 claims done',
    });
  });

  it('points to Conflicts for the refused ones', () => {
    const ok = { ok: true as const, seq: 1, from: 'Ready' as const };
    const refused = { ok: false as const, code: 'x', message: 'no' };
    expect(describeIntent(sent, { decided: true, results: { A: ok, B: refused, C: refused } })).toMatchObject(
      {
        state: 'partly',
        text: 'Held: 1 claim done, 2 in Conflicts',
      },
    );
  });
});
