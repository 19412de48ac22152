import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { Client } from '../../../shared/domain/client.ts';
import { adjudication, makeClaim } from '../../../shared/lifecycle/testClaim.ts';
import {
  correctedCreatedText,
  OFFLINE_REASON,
  type ServerActionContext,
  secondaryCreatedText,
  serverActions,
  VIEWER_REASON,
  voidPreview,
  voidResultText,
} from './claimActions.ts';

// Synthetic values only.
const policy = (rank: 1 | 2, payerId: string) => ({
  rank,
  payerId,
  memberId: `M${rank}`,
  relationship: '18' as const,
  effectiveFrom: '2025-01-01',
});
const client = (policies: Client['policies']): Client => ({
  id: 'client-1',
  name: { first: 'Sam', last: 'Rivera' },
  dateOfBirth: '2015-04-01',
  sex: 'M',
  address: { line1: '9 Elm Rd', city: 'Austin', state: 'TX', zip: '78701' },
  policies,
});
const twoPolicies = client([policy(1, 'payer-1'), policy(2, 'payer-2')]);
const onePolicy = client([policy(1, 'payer-1')]);

const sent = { firstSubmittedAt: '2026-02-22T10:00:00Z', payerClaimControlNumber: 'ICN-1' };
const withShare = [
  adjudication('p1', 12000, [{ group: 'PR', reason: '2', amountCents: 3000 }]),
] satisfies Claim['postings'];
const ctx = (over: Partial<ServerActionContext> = {}): ServerActionContext => ({
  role: 'biller',
  online: true,
  client: twoPolicies,
  ...over,
});
const shown = (claim: Claim, c = ctx()) =>
  serverActions(claim, c).map((a) => `${a.kind}${a.disabledReason ? ` ✗ ${a.disabledReason}` : ''}`);

describe('serverActions', () => {
  it('offers Record Payment on a Submitted claim, nothing that makes a new claim', () => {
    expect(shown(makeClaim({ status: 'Submitted', ...sent }))).toEqual(['recordPayment']);
  });

  it('offers the denial work on a Denied claim the payer has', () => {
    const denied = makeClaim({
      status: 'Denied',
      ...sent,
      postings: [adjudication('p1', 0, [{ group: 'CO', reason: '16', amountCents: 15000 }])],
    });
    expect(shown(denied)).toEqual([
      'recordPayment',
      'corrected',
      // Denied in full: the shared rule says there is nothing for the next payer.
      'secondary ✗ Nothing is left to bill: this claim has no insurance or patient balance.',
      'void',
    ]);
    expect(shown(denied, ctx({ client: onePolicy }))).toEqual(['recordPayment', 'corrected', 'void']);
  });

  it('says why a corrected or void claim can’t be made yet (no payer claim number)', () => {
    const noIcn = makeClaim({ status: 'Denied', ...sent, payerClaimControlNumber: null });
    const reasons = serverActions(noIcn, ctx({ client: onePolicy })).map((a) => a.disabledReason);
    expect(reasons[0]).toBeNull();
    expect(reasons[1]).toMatch(/^The payer’s claim number \(ICN\) is not known yet/);
    expect(reasons[2]).toBe(reasons[1]);
  });

  it('offers the secondary claim on a Paid claim with a next policy, then opens the one made', () => {
    const paid = makeClaim({ status: 'Paid', ...sent, postings: withShare });
    expect(shown(paid)).toEqual(['corrected', 'secondary']);
    expect(shown(paid, ctx({ client: null }))).toEqual(['corrected']);
    const moved = makeClaim({
      status: 'Paid',
      ...sent,
      postings: [
        ...withShare,
        {
          id: 'x',
          at: '2026-03-02T00:00:00Z',
          kind: 'transfer_to_secondary',
          amountCents: 3000,
          secondaryClaimId: 'SABC',
        },
      ],
    });
    expect(serverActions(moved, ctx())[1]).toEqual({
      kind: 'secondary',
      label: 'Open secondary claim SABC',
      disabledReason: null,
      existingClaimId: 'SABC',
    });
  });

  it('offers Void with a void claim only for a claim that was sent (a Resubmitted one too)', () => {
    expect(shown(makeClaim({ status: 'Ready' }))).toEqual([]);
    expect(shown(makeClaim({ status: 'Ready', ...sent }))).toEqual(['void']);
    expect(shown(makeClaim({ status: 'Voided', ...sent }))).toEqual([]);
    expect(shown(makeClaim({ status: 'Settled', ...sent }))).toEqual([]);
    // A void claim is not corrected or voided itself.
    expect(shown(makeClaim({ status: 'Paid', ...sent, frequency: '8' }))).toEqual([]);
  });

  it('disables everything offline and for viewers, saying why', () => {
    const claim = makeClaim({ status: 'Submitted', ...sent });
    expect(shown(claim, ctx({ online: false }))).toEqual([`recordPayment ✗ ${OFFLINE_REASON}`]);
    expect(shown(claim, ctx({ role: 'viewer' }))).toEqual([`recordPayment ✗ ${VIEWER_REASON}`]);
    expect(shown(claim, ctx({ role: 'admin' }))).toEqual(['recordPayment']);
  });
});

describe('what the screen says', () => {
  const made = (id: string, frequency: '1' | '7' | '8', ref: string | null) => ({
    id,
    status: 'Ready' as const,
    frequency,
    originalReference: ref,
  });

  it('names the new claim and when it goes out', () => {
    expect(secondaryCreatedText(made('S1', '1', null))).toBe(
      'Secondary claim S1 created — Ready; it goes out with the next submission',
    );
    expect(correctedCreatedText(made('R1', '7', 'ICN-1'))).toBe(
      'Corrected claim R1 created — Ready, replacing payer claim ICN-1; make the fix on it, then it goes out with the next submission',
    );
  });

  it('says before and after a Void whether a void claim goes to the payer', () => {
    expect(voidPreview({ firstSubmittedAt: null, payerClaimControlNumber: null })).toBe(
      'The claim was never sent: it is simply voided.',
    );
    expect(voidPreview(sent)).toMatch(/payer claim ICN-1\): a void claim \(frequency 8\) is made Ready/);
    const voided = { ...made('C1', '1', null), status: 'Voided' as const };
    expect(voidResultText({ claim: voided, voidClaim: made('V1', '8', 'ICN-1') })).toBe(
      'Claim C1 is now Voided. Void claim V1 is Ready; it will be sent to the payer with the next submission.',
    );
    expect(voidResultText({ claim: voided, voidClaim: null })).toBe('Claim C1 is now Voided.');
  });
});
