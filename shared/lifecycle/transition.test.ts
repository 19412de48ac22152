import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import { claimSchema } from '../domain/claim.ts';
import { claimStatuses } from '../domain/claimStatus.ts';
import { historyEventSchema } from '../domain/history.ts';
import type { StatusIntent } from './statusIntent.ts';
import {
  AT,
  accepted,
  adjudication,
  admin,
  biller,
  makeClaim,
  paidInFull,
  partlyPaid,
  refusedWith,
  run,
  server,
  submitted,
} from './testClaim.ts';

describe('the fixture', () => {
  it('is a valid claim', () => {
    expect(claimSchema.parse(makeClaim())).toEqual(makeClaim());
  });
});

describe('edges', () => {
  it('Ready → Held stores the trimmed reason and records the event', () => {
    const claim = makeClaim();
    const r = accepted(run(claim, { toStatus: 'Held', reason: '  Verify payer ID ' }, biller));
    expect(r.claim.status).toBe('Held');
    expect(r.claim.holdReason).toBe('Verify payer ID');
    expect(r.event).toEqual({
      id: 'ev-1',
      claimId: 'CLM000001',
      at: AT,
      actor: biller,
      kind: 'status_changed',
      fromStatus: 'Ready',
      toStatus: 'Held',
      reason: 'Verify payer ID',
    });
    expect(historyEventSchema.parse(r.event)).toEqual(r.event);
    expect(claimSchema.parse(r.claim)).toEqual(r.claim);
    // Unchanged arrays are shared, not copied.
    expect(r.claim.lines).toBe(claim.lines);
    expect(r.claim.postings).toBe(claim.postings);
    expect(r.claim.denialCodes).toBe(claim.denialCodes);
  });

  it('Held → Ready clears the hold reason', () => {
    const r = accepted(
      run(makeClaim({ status: 'Held', holdReason: 'Wrong auth' }), { toStatus: 'Ready' }, admin),
    );
    expect(r.claim.status).toBe('Ready');
    expect(r.claim.holdReason).toBeNull();
    expect(r.event.reason).toBeUndefined();
    expect('reason' in r.event).toBe(false);
  });

  it('Ready → Submitted by a batch stamps both submission times and marks the EDI status sent', () => {
    const r = accepted(run(makeClaim(), { toStatus: 'Submitted', via: 'submission' }, server));
    expect(r.claim).toMatchObject({
      status: 'Submitted',
      ediStatus: 'sent',
      firstSubmittedAt: AT,
      lastSubmittedAt: AT,
    });
    expect(r.event.actor).toEqual(server);
    expect(r.event.detail).toBe('via=submission');
  });

  it('a resubmission keeps the first submission time and moves the last one', () => {
    const claim = makeClaim({
      ediStatus: 'rejected_payer',
      firstSubmittedAt: '2026-01-05T08:00:00Z',
      lastSubmittedAt: '2026-01-05T08:00:00Z',
    });
    const r = accepted(run(claim, { toStatus: 'Submitted', via: 'submission' }, server));
    expect(r.claim.firstSubmittedAt).toBe('2026-01-05T08:00:00Z');
    expect(r.claim.lastSubmittedAt).toBe(AT);
    expect(r.claim.ediStatus).toBe('sent');
  });

  it.each(['acknowledgment', 'remittance'] as const)(
    'Submitted → Denied via %s stores the denial codes',
    (via) => {
      const codes = ['CO-197', 'N54'];
      const r = accepted(
        run(submitted(), { toStatus: 'Denied', via, denialCodes: codes, reason: 'No auth' }, server),
      );
      expect(r.claim.status).toBe('Denied');
      expect(r.claim.denialCodes).toEqual(['CO-197', 'N54']);
      expect(r.claim.denialCodes).not.toBe(codes);
      expect(r.event.reason).toBe('No auth');
      expect(r.event.detail).toBe(`via=${via} denialCodes=CO-197,N54`);
    },
  );

  it('Submitted → Denied without codes stores none', () => {
    const r = accepted(run(submitted(), { toStatus: 'Denied', via: 'acknowledgment' }, server));
    expect(r.claim.denialCodes).toEqual([]);
    expect(r.event.detail).toBe('via=acknowledgment');
  });

  it('Submitted → Paid by remittance once the posting leaves no insurance balance', () => {
    const r = accepted(
      run(submitted({ postings: paidInFull }), { toStatus: 'Paid', via: 'remittance' }, server),
    );
    expect(r.claim.status).toBe('Paid');
    expect(r.claim.postings).toBe(paidInFull);
  });

  it('Submitted → Paid by Record Payment (manual_payment) for a person', () => {
    const r = accepted(
      run(submitted({ postings: paidInFull }), { toStatus: 'Paid', via: 'manual_payment' }, biller),
    );
    expect(r.claim.status).toBe('Paid');
    expect(r.event.detail).toBe('via=manual_payment');
  });

  it('an overpaid claim (negative insurance balance) may become Paid', () => {
    const overpaid = [adjudication('a1', 15500, [])];
    expect(deriveBalances({ lines: makeClaim().lines, postings: overpaid }).insuranceBalanceCents).toBe(-500);
    expect(run(submitted({ postings: overpaid }), { toStatus: 'Paid', via: 'remittance' }, server).ok).toBe(
      true,
    );
  });

  it('Paid needs the insurance balance at zero, and says how much is missing', () => {
    const r = run(submitted({ postings: partlyPaid }), { toStatus: 'Paid', via: 'manual_payment' }, biller);
    expect(refusedWith(r)).toBe('balance_outstanding');
    if (!r.ok) expect(r.refusal.message).toContain('$40.00');
  });

  it('one cent still owed is enough to refuse Paid', () => {
    const short = [adjudication('a1', 8999, [{ group: 'CO', reason: '45', amountCents: 6000 }])];
    const r = run(submitted({ postings: short }), { toStatus: 'Paid', via: 'remittance' }, server);
    expect(refusedWith(r)).toBe('balance_outstanding');
    if (!r.ok) expect(r.refusal.message).toContain('$0.01');
  });

  it('a reversed payment no longer counts toward Paid', () => {
    const postings = [...paidInFull, { id: 'r1', at: AT, kind: 'reversal' as const, reverses: 'a1' }];
    const r = run(submitted({ postings }), { toStatus: 'Paid', via: 'remittance' }, server);
    expect(refusedWith(r)).toBe('balance_outstanding');
  });

  it('Denied → Paid when the payer reprocesses, clearing the denial codes', () => {
    const claim = submitted({ status: 'Denied', denialCodes: ['CO-16'], postings: paidInFull });
    const r = accepted(run(claim, { toStatus: 'Paid', via: 'remittance' }, server));
    expect(r.claim.status).toBe('Paid');
    expect(r.claim.denialCodes).toEqual([]);
    expect(claim.denialCodes).toEqual(['CO-16']);
  });

  it('Denied → Paid still needs a zero balance', () => {
    const claim = submitted({ status: 'Denied', denialCodes: ['CO-16'], postings: partlyPaid });
    expect(refusedWith(run(claim, { toStatus: 'Paid', via: 'remittance' }, server))).toBe(
      'balance_outstanding',
    );
  });

  it('Paid → Denied when the payer reverses, with the new codes', () => {
    const claim = submitted({ status: 'Paid', postings: paidInFull });
    const r = accepted(run(claim, { toStatus: 'Denied', via: 'remittance', denialCodes: ['CO-50'] }, server));
    expect(r.claim.status).toBe('Denied');
    expect(r.claim.denialCodes).toEqual(['CO-50']);
  });

  it('Denied → Ready (Resubmit) clears the denial codes and keeps the submission history', () => {
    const claim = submitted({
      status: 'Denied',
      ediStatus: 'rejected_payer',
      denialCodes: ['CO-197', 'N54'],
    });
    const r = accepted(run(claim, { toStatus: 'Ready' }, biller));
    expect(r.claim.status).toBe('Ready');
    expect(r.claim.denialCodes).toEqual([]);
    expect(r.claim.firstSubmittedAt).toBe('2026-02-22T10:00:00Z');
  });

  it.each(['Ready', 'Held', 'Denied'] as const)(
    '%s → Voided before it was ever sent needs no void claim',
    (from) => {
      const claim = makeClaim({ status: from, holdReason: from === 'Held' ? 'Duplicate' : null });
      const r = accepted(run(claim, { toStatus: 'Voided', reason: 'Duplicate claim' }, biller));
      expect(r.claim.status).toBe('Voided');
      expect(r.claim.holdReason).toBeNull();
      expect(r.event.reason).toBe('Duplicate claim');
      expect(r.event.detail).toBeUndefined();
    },
  );

  it.each(['Ready', 'Held', 'Denied'] as const)(
    '%s → Voided after it was sent needs a void claim',
    (from) => {
      const claim = submitted({ status: from, holdReason: from === 'Held' ? 'Wrong client' : null });
      const refused = run(claim, { toStatus: 'Voided' }, biller);
      expect(refusedWith(refused)).toBe('void_claim_required');
      if (!refused.ok) {
        expect(refused.refusal.message).toBe(
          'This claim was sent to the payer: voiding it needs a void claim (frequency 8)',
        );
      }
      expect(refusedWith(run(claim, { toStatus: 'Voided', voidClaimId: '' }, biller))).toBe(
        'void_claim_required',
      );
      const r = accepted(run(claim, { toStatus: 'Voided', voidClaimId: 'CLM000001V' }, biller));
      expect(r.claim.status).toBe('Voided');
      expect(r.event.detail).toBe('voidClaim=CLM000001V');
    },
  );

  it.each(['Ready', 'Held', 'Submitted', 'Paid', 'Denied'] as const)('%s → Settled is allowed', (from) => {
    const r = accepted(run(submitted({ status: from }), { toStatus: 'Settled' }, biller));
    expect(r.claim.status).toBe('Settled');
    expect(r.claim.holdReason).toBeNull();
  });
});

describe('actors', () => {
  it('admin and biller get the same answer for every change', () => {
    for (const from of claimStatuses) {
      for (const to of claimStatuses) {
        for (const via of [undefined, 'manual_payment'] as const) {
          const claim = submitted({ status: from, postings: paidInFull });
          const intent: StatusIntent = { toStatus: to, via, reason: 'because', voidClaimId: 'V1' };
          const a = run(claim, intent, admin);
          const b = run(claim, intent, biller);
          if (a.ok && b.ok) {
            expect(a.claim).toEqual(b.claim);
            expect({ ...a.event, actor: biller }).toEqual(b.event);
          } else {
            expect(a).toEqual(b);
          }
        }
      }
    }
  });
});
