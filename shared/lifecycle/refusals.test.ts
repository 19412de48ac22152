import { describe, expect, it } from 'vitest';
import { claimStatuses } from '../domain/claimStatus.ts';
import {
  admin,
  biller,
  makeClaim,
  paidInFull,
  refusedWith,
  run,
  server,
  submitted,
  viewer,
} from './testClaim.ts';

describe('refusals', () => {
  it('viewers are refused everything, even changes the table allows', () => {
    for (const from of claimStatuses) {
      for (const to of claimStatuses) {
        for (const via of ['user', 'manual_payment', 'remittance'] as const) {
          const r = run(
            makeClaim({ status: from, postings: paidInFull }),
            { toStatus: to, via, reason: 'x' },
            viewer,
          );
          expect(refusedWith(r)).toBe('read_only');
        }
      }
    }
    const r = run(makeClaim(), { toStatus: 'Held', reason: 'x' }, viewer);
    if (!r.ok) expect(r.refusal.message).toBe("Viewers can't change claims");
  });

  it('asking for the current status is no_change', () => {
    for (const s of claimStatuses) {
      expect(refusedWith(run(makeClaim({ status: s }), { toStatus: s, reason: 'x' }, biller))).toBe(
        'no_change',
      );
      expect(refusedWith(run(makeClaim({ status: s }), { toStatus: s, via: 'remittance' }, server))).toBe(
        'no_change',
      );
    }
  });

  it('Voided is final for everyone', () => {
    for (const to of claimStatuses.filter((s) => s !== 'Voided')) {
      expect(refusedWith(run(makeClaim({ status: 'Voided' }), { toStatus: to, reason: 'x' }, biller))).toBe(
        'final',
      );
      expect(
        refusedWith(run(makeClaim({ status: 'Voided' }), { toStatus: to, via: 'remittance' }, server)),
      ).toBe('final');
    }
    const r = run(makeClaim({ status: 'Voided' }), { toStatus: 'Ready' }, admin);
    if (!r.ok) expect(r.refusal.message).toBe('Voided claims are final');
  });

  it('a person cannot make a claim Submitted; only a batch going out does', () => {
    const r = run(makeClaim(), { toStatus: 'Submitted' }, biller);
    expect(refusedWith(r)).toBe('server_only');
    if (!r.ok)
      expect(r.refusal.message).toBe('Claims become Submitted only when a submission batch goes out');
    // Naming the server's source doesn't help a person.
    expect(refusedWith(run(makeClaim(), { toStatus: 'Submitted', via: 'submission' }, biller))).toBe(
      'server_only',
    );
  });

  it('a person makes a claim Paid only through Record Payment', () => {
    const claim = submitted({ postings: paidInFull });
    expect(refusedWith(run(claim, { toStatus: 'Paid' }, biller))).toBe('server_only');
    expect(refusedWith(run(claim, { toStatus: 'Paid', via: 'remittance' }, biller))).toBe('server_only');
  });

  it('payer facts (Denied, reprocessed Paid, reversal) are server_only for a person, except through Record Payment', () => {
    const denied = submitted({ status: 'Denied', postings: paidInFull });
    // A person records a paper EOB's denial or payment only through Record Payment.
    expect(refusedWith(run(submitted(), { toStatus: 'Denied', denialCodes: ['CO-16'] }, biller))).toBe(
      'server_only',
    );
    expect(
      run(submitted(), { toStatus: 'Denied', via: 'manual_payment', denialCodes: ['CO-16'] }, biller).ok,
    ).toBe(true);
    expect(run(denied, { toStatus: 'Paid', via: 'manual_payment' }, biller).ok).toBe(true);
    expect(refusedWith(run(denied, { toStatus: 'Paid' }, biller))).toBe('server_only');
    expect(refusedWith(run(submitted({ status: 'Paid' }), { toStatus: 'Denied' }, admin))).toBe(
      'server_only',
    );
  });

  it('the server cannot take a person’s decision (user_only)', () => {
    expect(refusedWith(run(makeClaim(), { toStatus: 'Held', reason: 'x' }, server))).toBe('user_only');
    expect(refusedWith(run(makeClaim(), { toStatus: 'Settled', via: 'remittance' }, server))).toBe(
      'user_only',
    );
    expect(
      refusedWith(
        run(submitted({ postings: paidInFull }), { toStatus: 'Paid', via: 'manual_payment' }, server),
      ),
    ).toBe('wrong_source');
  });

  it('the right actor through the wrong source is wrong_source', () => {
    const denied = run(submitted(), { toStatus: 'Denied', via: 'submission' }, server);
    expect(refusedWith(denied)).toBe('wrong_source');
    if (!denied.ok) {
      expect(denied.refusal.message).toBe(
        'Submitted → Denied comes only from an acknowledgment (999/277CA) or a remittance (835), not a submission batch',
      );
    }
    expect(refusedWith(run(submitted(), { toStatus: 'Denied' }, server))).toBe('wrong_source');
    expect(refusedWith(run(makeClaim(), { toStatus: 'Submitted', via: 'remittance' }, server))).toBe(
      'wrong_source',
    );
    const held = run(makeClaim(), { toStatus: 'Held', reason: 'x', via: 'manual_payment' }, biller);
    expect(refusedWith(held)).toBe('wrong_source');
    if (!held.ok) expect(held.refusal.message).toBe('Ready → Held is done with Hold, not Record Payment');
  });

  it.each(['Held', 'Ready', 'Voided'] as const)('a person cannot move a Submitted claim to %s', (to) => {
    const r = run(submitted(), { toStatus: to, reason: 'x', voidClaimId: 'V1' }, biller);
    expect(refusedWith(r)).toBe('locked_after_submission');
    if (!r.ok) expect(r.refusal.message).toBe('Submitted claims can only be changed by a corrected claim');
    expect(refusedWith(run(submitted({ status: 'Paid' }), { toStatus: to, reason: 'x' }, biller))).toBe(
      'locked_after_submission',
    );
  });

  it('changes outside the table are not_allowed, with what can be done instead', () => {
    const r = run(makeClaim(), { toStatus: 'Denied' }, biller);
    expect(refusedWith(r)).toBe('not_allowed');
    if (!r.ok) {
      expect(r.refusal.message).toBe(
        "A Ready claim can't become Denied. From Ready you can: Hold (Held), Void (Voided), Settle (Settled).",
      );
    }
    expect(
      refusedWith(run(makeClaim({ status: 'Held' }), { toStatus: 'Submitted', via: 'submission' }, server)),
    ).toBe('not_allowed');
    expect(refusedWith(run(makeClaim({ status: 'Settled' }), { toStatus: 'Ready' }, biller))).toBe(
      'not_allowed',
    );
    expect(refusedWith(run(submitted(), { toStatus: 'Ready', via: 'acknowledgment' }, server))).toBe(
      'not_allowed',
    );
  });

  it('Hold needs a reason that is not blank', () => {
    for (const reason of [undefined, '', '   ']) {
      const r = run(makeClaim(), { toStatus: 'Held', reason }, biller);
      expect(refusedWith(r)).toBe('reason_required');
      if (!r.ok) expect(r.refusal.message).toBe('Hold needs a reason');
    }
  });

  it('a reason longer than 500 characters is refused; 500 is fine', () => {
    expect(refusedWith(run(makeClaim(), { toStatus: 'Held', reason: 'x'.repeat(501) }, biller))).toBe(
      'reason_too_long',
    );
    expect(refusedWith(run(makeClaim(), { toStatus: 'Voided', reason: 'x'.repeat(501) }, biller))).toBe(
      'reason_too_long',
    );
    expect(run(makeClaim(), { toStatus: 'Held', reason: ` ${'x'.repeat(500)} ` }, biller).ok).toBe(true);
  });
});
