import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import { claimSchema } from '../domain/claim.ts';
import {
  AT,
  accepted,
  adjudication,
  admin,
  biller,
  makeClaim,
  patientPayment,
  run,
  submitted,
} from './testClaim.ts';

describe('Settled write-offs', () => {
  // billed 15000 = paid 9000 + CO-45 2000 + PR-2 4000: nothing left on insurance, 4000 on the patient.
  const postings = [
    adjudication('a1', 9000, [
      { group: 'CO', reason: '45', amountCents: 2000 },
      { group: 'PR', reason: '2', amountCents: 4000 },
    ]),
  ];
  const paid = submitted({ status: 'Paid', postings });

  it('writes off nothing on a zero insurance balance and leaves the patient balance when patient is off', () => {
    const r = accepted(run(paid, { toStatus: 'Settled' }, biller, { insurance: true, patient: false }));
    expect(r.claim.postings).toBe(postings);
    const b = deriveBalances(r.claim);
    expect(b.insuranceBalanceCents).toBe(0);
    expect(b.patientBalanceCents).toBe(4000);
    expect(r.event.detail).toBeUndefined();
  });

  it('writes off the 4000 patient balance when patient is on', () => {
    const r = accepted(run(paid, { toStatus: 'Settled' }, biller, { insurance: true, patient: true }));
    expect(r.claim.postings).toHaveLength(2);
    expect(r.claim.postings[0]).toBe(postings[0]);
    expect(r.claim.postings[1]).toEqual({
      id: 'wo-1:pat',
      at: AT,
      kind: 'write_off',
      bucket: 'patient',
      amountCents: 4000,
      reason: 'Settled: patient balance written off (practice setting)',
    });
    expect(deriveBalances(r.claim).patientBalanceCents).toBe(0);
    expect(r.event.detail).toBe('insuranceWriteOff=0 patientWriteOff=4000');
    expect(claimSchema.parse(r.claim)).toEqual(r.claim);
    expect(paid.postings).toHaveLength(1);
  });

  it('writes off both buckets to the cent after a partial payment and a patient payment', () => {
    // insurance: 15000 − 6000 paid − 2000 CO − 1500 PR = 5500; patient: 1500 PR − 500 paid = 1000.
    const claim = submitted({
      status: 'Denied',
      postings: [
        adjudication('a1', 6000, [
          { group: 'CO', reason: '45', amountCents: 2000 },
          { group: 'PR', reason: '1', amountCents: 1500 },
        ]),
        patientPayment('pp1', 500),
      ],
    });
    const r = accepted(run(claim, { toStatus: 'Settled' }, admin));
    const writeOffs = r.claim.postings.slice(2);
    expect(writeOffs).toMatchObject([
      { id: 'wo-1:ins', bucket: 'insurance', amountCents: 5500 },
      { id: 'wo-1:pat', bucket: 'patient', amountCents: 1000 },
    ]);
    const b = deriveBalances(r.claim);
    expect([b.insuranceBalanceCents, b.patientBalanceCents]).toEqual([0, 0]);
    expect([b.insuranceWriteOffCents, b.patientWriteOffCents]).toEqual([5500, 1000]);
  });

  it('writes off the whole billed amount of a claim never paid, and nothing when the setting is off', () => {
    const on = accepted(
      run(makeClaim(), { toStatus: 'Settled' }, biller, { insurance: true, patient: false }),
    );
    expect(on.claim.postings).toMatchObject([{ id: 'wo-1:ins', bucket: 'insurance', amountCents: 15000 }]);
    const off = accepted(
      run(makeClaim(), { toStatus: 'Settled' }, biller, { insurance: false, patient: false }),
    );
    expect(off.claim.postings).toEqual([]);
    expect(deriveBalances(off.claim).insuranceBalanceCents).toBe(15000);
  });

  it('writes off an overpayment (a credit) as a negative amount so the balance is zero', () => {
    const r = accepted(
      run(
        submitted({ status: 'Paid', postings: [adjudication('a1', 15500, [])] }),
        { toStatus: 'Settled' },
        biller,
      ),
    );
    expect(r.claim.postings[1]).toMatchObject({ bucket: 'insurance', amountCents: -500 });
    expect(deriveBalances(r.claim).insuranceBalanceCents).toBe(0);
  });
});
