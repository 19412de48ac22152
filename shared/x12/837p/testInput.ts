// Fixed synthetic input for the 837P tests and golden files: names from shared/synthetic's word lists,
// NPIs with valid check digits, payers from the synthetic payer list. No real person or provider.
// Not exported from index.ts.
import { type Claim, type ClaimLine, freshClaimState } from '../../domain/claim.ts';
import type { Client } from '../../domain/client.ts';
import { withNpiCheckDigit } from '../../domain/npi.ts';
import type { Payer } from '../../domain/payer.ts';
import type { AdjudicationPosting } from '../../domain/posting.ts';
import { defaultPracticeSettings, type Practice } from '../../domain/practice.ts';
import type { Provider } from '../../domain/provider.ts';
import { syntheticPayers } from '../../synthetic/syntheticReference.ts';
import type { Claim837PInput, Write837PInput } from './write837p.ts';

export const AT = '2026-11-23T15:04:05Z';

export const practice: Practice = {
  id: 'pr-golden',
  name: 'Cedar Ridge Therapy Partners',
  billingProvider: {
    organizationName: 'Cedar Ridge Therapy Partners',
    npi: withNpiCheckDigit('245678901'),
    taxId: '742345678',
    taxonomy: '103K00000X',
    // 2010AA wants ZIP+4.
    address: { line1: '4120 Pecan Blvd', city: 'Austin', state: 'TX', zip: '787041234' },
  },
  clearinghouse: { name: 'Office Ally', receiverId: '330897513', submitterId: 'OA482913', testMode: true },
  settings: { ...defaultPracticeSettings },
};

export const rbt: Provider = {
  id: 'prv-01',
  name: { last: 'Castillo', first: 'Riley' },
  npi: withNpiCheckDigit('134567890'),
  taxonomy: '106S00000X',
  credentials: 'RBT',
};

export const bcba: Provider = {
  id: 'prv-02',
  name: { last: 'Fletcher', first: 'Harper', middle: 'J' },
  npi: withNpiCheckDigit('187654321'),
  taxonomy: '103K00000X',
  credentials: 'BCBA',
};

/** A rendering provider with the billing provider's NPI: no 2310B. */
export const billingAsRendering: Provider = {
  id: 'prv-solo',
  name: { last: 'Dawson', first: 'Quinn' },
  npi: practice.billingProvider.npi,
  taxonomy: '103K00000X',
  credentials: 'BCBA-D',
};

const payers = new Map(syntheticPayers().map((p) => [p.payer.id, p.payer]));
function payer(id: string): Payer {
  const p = payers.get(id);
  if (p === undefined) throw new Error(`no synthetic payer ${id}`);
  return p;
}
export const uhc = payer('py-uhc');
export const aetna = payer('py-aetna');
export const medicaid = payer('py-txmcd');

/** An adult who is her own subscriber: UnitedHealthcare primary, Texas Medicaid secondary. */
export const adult: Client = {
  id: 'cl-0001',
  name: { last: 'Bennett', first: 'Avery', middle: 'L' },
  dateOfBirth: '1988-04-17',
  sex: 'F',
  address: { line1: '2211 Mesquite Trl', city: 'Round Rock', state: 'TX', zip: '78664' },
  policies: [
    {
      rank: 1,
      payerId: uhc.id,
      memberId: '918273645',
      groupNumber: '70412',
      relationship: '18',
      effectiveFrom: '2026-01-01',
    },
    { rank: 2, payerId: medicaid.id, memberId: '520194837', relationship: '18', effectiveFrom: '2026-01-01' },
  ],
};

/** A child on a parent's Aetna plan (patient ≠ subscriber). */
export const child: Client = {
  id: 'cl-0002',
  name: { last: 'Alvarez', first: 'Mateo' },
  dateOfBirth: '2019-09-03',
  sex: 'M',
  address: { line1: '907 Cedar Ln', line2: 'Apt 12B', city: 'Pflugerville', state: 'TX', zip: '78660' },
  policies: [
    {
      rank: 1,
      payerId: aetna.id,
      memberId: 'W284716903',
      groupNumber: '8839201',
      relationship: '19',
      subscriber: {
        name: { last: 'Alvarez', first: 'Sophia' },
        dateOfBirth: '1990-02-11',
        sex: 'F',
        address: { line1: '907 Cedar Ln', line2: 'Apt 12B', city: 'Pflugerville', state: 'TX', zip: '78660' },
      },
      effectiveFrom: '2025-07-01',
    },
  ],
};

export function line(lineNo: number, overrides: Partial<ClaimLine> = {}): ClaimLine {
  return {
    lineNo,
    serviceCode: '97153',
    modifiers: ['HN'],
    units: 8,
    minutes: 120,
    rateCents: 1875,
    chargeCents: 15000,
    diagnosisPointers: [1],
    dateOfService: '2026-11-02',
    authorizationId: null,
    ...overrides,
  };
}

export function claim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: 'C0GOLDEN00001',
    practiceId: practice.id,
    sessionId: 'ses-0001',
    clientId: adult.id,
    payerId: uhc.id,
    policyRank: 1,
    renderingProviderId: rbt.id,
    placeOfService: '12',
    diagnosisCodes: ['F840', 'F902'],
    lines: [line(1), line(2, { serviceCode: '97155', modifiers: ['HO'], units: 2, chargeCents: 6250 })],
    dateOfService: '2026-11-02',
    authorizationId: null,
    ...freshClaimState(),
    createdAt: '2026-11-02T22:10:00Z',
    ...overrides,
  };
}

/**
 * UnitedHealthcare's adjudication of the primary claim (billed 212.50): per line CO-45 and PR-2
 * coinsurance, plus a claim-level CO-253 not allocated to lines, so the secondary claim carries a 2320
 * CAS as well as 2430 line CAS. paid + Σ adjustments = billed on the claim and on every line.
 */
export const primaryAdjudication: AdjudicationPosting = {
  id: 'pst-0001',
  at: '2026-11-20T18:00:00Z',
  kind: 'adjudication',
  payerId: uhc.id,
  allowedCents: 17000,
  paidCents: 13390,
  adjustments: [
    { group: 'CO', reason: '45', amountCents: 4250 },
    { group: 'PR', reason: '2', amountCents: 3400 },
    { group: 'CO', reason: '253', amountCents: 210 },
  ],
  remarks: [],
  lines: [
    {
      lineNo: 1,
      serviceCode: '97153',
      chargeCents: 15000,
      paidCents: 9600,
      units: 8,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 3000 },
        { group: 'PR', reason: '2', amountCents: 2400 },
      ],
    },
    {
      lineNo: 2,
      serviceCode: '97155',
      chargeCents: 6250,
      paidCents: 4000,
      units: 2,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 1250 },
        { group: 'PR', reason: '2', amountCents: 1000 },
      ],
    },
  ],
  payerClaimControlNumber: '26324000017751',
  source: { kind: 'remittance' },
};

/** The envelope every golden shares: control numbers 1001/2001, test usage, Office Ally receiver. */
export function envelope(claims: Claim837PInput[]): Write837PInput {
  return {
    practice,
    submitter: { contactName: 'Billing Office', phone: '5125550142' },
    interchangeControlNumber: 1001,
    groupControlNumber: 2001,
    usage: 'T',
    at: AT,
    reference: 'B-GOLDEN',
    claims,
  };
}

export const originalClaim: Claim837PInput = {
  claim: claim(),
  client: adult,
  payer: uhc,
  renderingProvider: rbt,
};

export const priorAuthClaim: Claim837PInput = {
  claim: claim({ id: 'C0GOLDEN00002', authorizationId: 'au-0001' }),
  client: adult,
  payer: uhc,
  renderingProvider: rbt,
  authorizationNumber: 'UHC-PA-5521903',
};

export const correctedClaim: Claim837PInput = {
  claim: claim({
    id: 'R0GOLDEN00003',
    frequency: '7',
    originalReference: '26324000017751',
    relatedClaimId: 'C0GOLDEN00001',
    lines: [line(1, { units: 6, minutes: 90, chargeCents: 11250 })],
  }),
  client: adult,
  payer: uhc,
  renderingProvider: rbt,
};

export const voidClaim: Claim837PInput = {
  claim: claim({
    id: 'V0GOLDEN00004',
    frequency: '8',
    originalReference: '26324000017751',
    relatedClaimId: 'C0GOLDEN00001',
  }),
  client: adult,
  payer: uhc,
  renderingProvider: rbt,
};

export const secondaryClaim: Claim837PInput = {
  claim: claim({ id: 'S0GOLDEN00005', payerId: medicaid.id, policyRank: 2, relatedClaimId: 'C0GOLDEN00001' }),
  client: adult,
  payer: medicaid,
  renderingProvider: rbt,
  otherPayers: [{ rank: 1, payer: uhc, adjudication: primaryAdjudication }],
};

export const dependentClaim: Claim837PInput = {
  claim: claim({
    id: 'C0GOLDEN00006',
    clientId: child.id,
    payerId: aetna.id,
    renderingProviderId: bcba.id,
    diagnosisCodes: ['F840'],
    lines: [line(1, { serviceCode: '97155', modifiers: ['HO'], units: 4, chargeCents: 12500 })],
  }),
  client: child,
  payer: aetna,
  renderingProvider: bcba,
};

export const billingRendersClaim: Claim837PInput = {
  claim: claim({ id: 'C0GOLDEN00007', renderingProviderId: billingAsRendering.id }),
  client: adult,
  payer: uhc,
  renderingProvider: billingAsRendering,
};

/** The golden files, one per kind of claim plus a mixed batch (several sets, shared subscriber HLs). */
export const goldenCases = {
  original: envelope([originalClaim]),
  'prior-auth': envelope([priorAuthClaim]),
  corrected: envelope([correctedClaim]),
  void: envelope([voidClaim]),
  secondary: envelope([secondaryClaim]),
  'patient-not-subscriber': envelope([dependentClaim]),
  'billing-renders': envelope([billingRendersClaim]),
  batch: envelope([
    originalClaim,
    dependentClaim,
    priorAuthClaim,
    secondaryClaim,
    correctedClaim,
    voidClaim,
    billingRendersClaim,
  ]),
} satisfies Record<string, Write837PInput>;
