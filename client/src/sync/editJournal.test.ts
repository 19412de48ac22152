import { describe, expect, it } from 'vitest';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { EditJournal, type ReopenFacts } from './editJournal.ts';

const claims = generateSyntheticPractice({ seed: 4, claims: 30, asOf: '2026-11-22' }).claims;
const claim = claims[0]!;
const row = (over: Partial<typeof claim> = {}) => ({
  claimId: claim.id,
  partition: claim.dateOfService.slice(0, 7),
  rowSeq: 1,
  claim: { ...claim, status: 'Submitted' as const, ...over },
  history: [],
});

function journal() {
  let saves = 0;
  const j = new EditJournal(() => saves++);
  return { j, saves: () => saves };
}

describe('EditJournal', () => {
  it('an offline edit whose claim closed is reported, unless the row has its value anyway', () => {
    const { j } = journal();
    j.recordOffline(claim.id, 'placeOfService', '99');
    j.recordOffline(claim.id, 'diagnosisCodes', claim.diagnosisCodes);
    j.rowArrived(row());
    expect(j.dropped().map((d) => [d.field, d.status])).toEqual([['placeOfService', 'Submitted']]);
    expect(j.state().offlineEdits).toEqual([]);
  });

  it('settling removes edits of claims still live and saves only when something changed', () => {
    const { j, saves } = journal();
    j.recordOffline(claim.id, 'placeOfService', '99');
    expect(saves()).toBe(1);
    j.settle(() => false);
    expect(saves()).toBe(1);
    j.settle((id) => id === claim.id);
    expect(saves()).toBe(2);
    expect(j.state().offlineEdits).toEqual([]);
    j.rowArrived(row());
    expect(j.dropped()).toEqual([]);
  });

  it('held edits show on the claim, wait while the reopening is pending or accepted, and are reported when refused', () => {
    const { j } = journal();
    const facts = { live: false, pending: true, accepted: false };
    const reopen: ReopenFacts = {
      isLive: () => facts.live,
      reopening: () => facts.pending,
      reopenAccepted: () => facts.accepted,
      statusOf: () => 'Settled',
    };
    j.hold(claim.id, 'placeOfService', '99');
    expect(j.overlay(claim).placeOfService).toBe('99');
    j.checkHeld(reopen);
    facts.pending = false;
    facts.accepted = true;
    j.checkHeld(reopen);
    expect(j.dropped()).toEqual([]);
    // Accepted, but a newer row says it was closed again before this replica saw it open.
    j.checkHeld(reopen, new Set([claim.id]));
    expect(j.dropped()).toMatchObject([{ claimId: claim.id, field: 'placeOfService', status: 'Settled' }]);
    expect(j.overlay(claim).placeOfService).toBe(claim.placeOfService);
  });

  it('takes held edits once, and restores what was kept on the device', () => {
    const { j } = journal();
    j.addOpId('op-1');
    j.hold(claim.id, 'placeOfService', '99');
    const copy = new EditJournal(() => {});
    copy.restore(JSON.parse(JSON.stringify(j.state())));
    expect(copy.isMine('op-1')).toBe(true);
    expect([...(copy.takeHeld(claim.id) ?? [])]).toEqual([['placeOfService', '99']]);
    expect(copy.takeHeld(claim.id)).toBeUndefined();
  });
});
