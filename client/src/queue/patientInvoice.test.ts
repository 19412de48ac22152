import { describe, expect, it } from 'vitest';
import type { Posting } from '../../../shared/domain/posting.ts';
import { adjudication, makeClaim } from '../../../shared/lifecycle/testClaim.ts';
import { buildPatientInvoice, hasPatientBalance, type PatientInvoiceInput } from './patientInvoice.ts';

// Synthetic values only. Billed $150.00: the payer allowed $120, paid $90, the patient owes $30 coinsurance.
const paid = makeClaim({
  id: 'C7',
  status: 'Paid',
  lines: [
    { ...makeClaim().lines[0]!, chargeCents: 10000, modifiers: ['HN'] },
    { ...makeClaim().lines[0]!, lineNo: 2, serviceCode: '97155', units: 2, chargeCents: 5000 },
  ],
  postings: [
    adjudication('p1', 9000, [
      { group: 'CO', reason: '45', amountCents: 3000 },
      { group: 'PR', reason: '2', amountCents: 2000 },
      { group: 'PR', reason: '1', amountCents: 1000 },
    ]),
  ],
});

const input = (over: Partial<PatientInvoiceInput> = {}): PatientInvoiceInput => ({
  claim: paid,
  practice: {
    name: 'Bluebonnet Therapy',
    billingProvider: {
      organizationName: 'Bluebonnet Therapy LLC',
      npi: '1234567893',
      taxId: '123456789',
      taxonomy: '103K00000X',
      address: { line1: '1 Main St', line2: 'Suite 4', city: 'Austin', state: 'TX', zip: '78701' },
    },
  },
  client: {
    id: 'client-1',
    name: { first: 'Sam', last: 'Rivera' },
    address: { line1: '9 Elm Rd', city: 'Round Rock', state: 'TX', zip: '78664' },
  },
  payers: new Map([['payer-1', 'Acme Health']]),
  statementDate: '2026-03-10',
  ...over,
});

describe('buildPatientInvoice', () => {
  it('states who, when, what was billed, what insurance paid and what the patient owes', () => {
    const v = buildPatientInvoice(input());
    expect(v).toMatchObject({
      title: 'Patient statement',
      practiceName: 'Bluebonnet Therapy',
      practiceAddress: ['1 Main St', 'Suite 4', 'Austin, TX 78701'],
      patientName: 'Sam Rivera',
      patientAddress: ['9 Elm Rd', 'Round Rock, TX 78664'],
      statementDate: '2026-03-10',
      reference: 'C7',
      dateOfService: '2026-02-20',
      patientOwesCents: 3000,
      patientOwes: '$30.00',
      note: '',
    });
    expect(v.services).toEqual([
      {
        date: '2026-02-20',
        code: '97153-HN',
        description: 'Adaptive behavior treatment by protocol, technician, each 15 min',
        units: 4,
        charge: '$100.00',
      },
      {
        date: '2026-02-20',
        code: '97155',
        description: 'Adaptive behavior treatment with protocol modification by QHP, each 15 min',
        units: 2,
        charge: '$50.00',
      },
    ]);
    expect(v.rows.map((r) => `${r.label}: ${r.text}`)).toEqual([
      'Services billed: $150.00',
      'Paid by Acme Health: -$90.00',
      'Insurance adjustments (not billed to you): -$30.00',
      'Your responsibility: $30.00',
    ]);
    expect(v.responsibility).toEqual(['Coinsurance $20.00', 'Deductible $10.00']);
  });

  it('adds up: billed less every row but the responsibility is what the patient owes', () => {
    const payment: Posting = {
      id: 'pp',
      at: '2026-03-05T00:00:00Z',
      kind: 'patient_payment',
      amountCents: 1200,
    };
    const v = buildPatientInvoice(input({ claim: { ...paid, postings: [...paid.postings, payment] } }));
    expect(v.rows.at(-1)).toMatchObject({ label: 'You paid', cents: -1200 });
    const insuranceSide = v.rows.slice(
      0,
      v.rows.findIndex((r) => r.label === 'Your responsibility'),
    );
    expect(insuranceSide.reduce((s, r) => s + r.cents, 0)).toBe(3000);
    const patientSide = v.rows.slice(insuranceSide.length);
    expect(patientSide.reduce((s, r) => s + r.cents, 0)).toBe(v.patientOwesCents);
    expect(v.patientOwes).toBe('$18.00');
  });

  it('says when the share went to the secondary insurance, or when the patient has a credit', () => {
    const moved: Posting = {
      id: 'x',
      at: '2026-03-05T00:00:00Z',
      kind: 'transfer_to_secondary',
      amountCents: 3000,
      secondaryClaimId: 'S1',
    };
    const v = buildPatientInvoice(input({ claim: { ...paid, postings: [...paid.postings, moved] } }));
    expect(v.patientOwes).toBe('$0.00');
    expect(v.note).toBe('Nothing to pay now: your share was billed to your secondary insurance.');
    expect(v.rows.at(-1)).toMatchObject({ label: 'Billed to your secondary insurance', text: '-$30.00' });

    const over: Posting = {
      id: 'pp',
      at: '2026-03-05T00:00:00Z',
      kind: 'patient_payment',
      amountCents: 3500,
    };
    const credit = buildPatientInvoice(input({ claim: { ...paid, postings: [...paid.postings, over] } }));
    expect(credit.patientOwes).toBe('$0.00');
    expect(credit.note).toBe('Nothing to pay: you have a credit of $5.00.');
  });

  it('prints what is missing on this device as unknown rather than failing', () => {
    const v = buildPatientInvoice(input({ practice: null, client: null, payers: new Map() }));
    expect(v.practiceName).toBe('(practice name not on this device)');
    expect(v.practiceAddress).toEqual([]);
    expect(v.patientName).toBe('(client client-1 is not on this device)');
    expect(v.rows[1]).toMatchObject({ label: 'Paid by insurance', cents: -9000 });
  });

  it('offers an invoice only while the patient owes', () => {
    expect(hasPatientBalance(paid)).toBe(true);
    expect(hasPatientBalance(makeClaim())).toBe(false);
  });
});
