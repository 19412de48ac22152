import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Authorization } from '../domain/authorization.ts';
import { claimSchema } from '../domain/claim.ts';
import type { Client } from '../domain/client.ts';
import type { FeeScheduleEntry } from '../domain/feeSchedule.ts';
import type { Payer } from '../domain/payer.ts';
import { defaultPracticeSettings, type Practice } from '../domain/practice.ts';
import type { Session } from '../domain/session.ts';
import { claimIdFor } from './claimId.ts';
import { createFeeIndex } from './feeLookup.ts';
import { type ClaimContext, generateClaim, normalizeDiagnosisCodes } from './generateClaim.ts';

// Synthetic fixtures only.
const address = { line1: '100 Test Ln', city: 'Austin', state: 'TX', zip: '78704' };
const practice: Practice = {
  id: 'pr-test',
  name: 'Test Therapy Group',
  billingProvider: {
    organizationName: 'Test Therapy Group',
    npi: '1234567893',
    taxId: '261234567',
    taxonomy: '103K00000X',
    address,
  },
  clearinghouse: { name: 'Office Ally', receiverId: '330897513', submitterId: 'OA1', testMode: true },
  settings: defaultPracticeSettings,
};
const payer: Payer = {
  id: 'py-a',
  name: 'Test Health',
  payerId: '87726',
  submission: 'electronic',
  claimFilingIndicator: 'CI',
  timelyFilingDays: 90,
  requiresAuthorization: true,
};
const client: Client = {
  id: 'cl-1',
  name: { last: 'Sample', first: 'Pat' },
  dateOfBirth: '2016-04-01',
  sex: 'F',
  address,
  policies: [
    {
      rank: 1,
      payerId: 'py-a',
      memberId: 'M100',
      relationship: '18',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-09-30',
    },
    { rank: 2, payerId: 'py-a', memberId: 'M200', relationship: '18', effectiveFrom: '2026-01-01' },
  ],
};
const fees: FeeScheduleEntry[] = [
  {
    id: 'f1',
    payerId: 'py-a',
    serviceCode: '97153',
    modifiers: [],
    rateCents: 1500,
    effectiveFrom: '2026-01-01',
  },
  {
    id: 'f2',
    payerId: 'py-a',
    serviceCode: '97153',
    modifiers: ['HN'],
    rateCents: 1350,
    effectiveFrom: '2026-01-01',
  },
  {
    id: 'f3',
    payerId: 'py-a',
    serviceCode: '97110',
    modifiers: ['GP'],
    rateCents: 3200,
    effectiveFrom: '2026-01-01',
  },
  {
    id: 'f4',
    payerId: 'py-a',
    serviceCode: '97140',
    modifiers: ['GP'],
    rateCents: 3000,
    effectiveFrom: '2026-01-01',
  },
];
const auths: Authorization[] = [
  {
    id: 'auth-1',
    clientId: 'cl-1',
    payerId: 'py-a',
    number: 'A123',
    serviceCodes: ['97153'],
    startDate: '2026-01-01',
    endDate: '2026-06-30',
    unitsAuthorized: 400,
    unitsUsed: 0,
  },
];
const ctx: ClaimContext = {
  practice,
  client,
  payersById: new Map([[payer.id, payer]]),
  feeIndex: createFeeIndex(fees),
  authorizations: auths,
  createdAt: '2026-05-04T18:00:00Z',
};
const session: Session = {
  id: 'ses-1',
  clientId: 'cl-1',
  renderingProviderId: 'prv-1',
  dateOfService: '2026-05-04',
  placeOfService: '12',
  diagnosisCodes: ['f84.0', 'F90.2'],
  services: [{ serviceCode: '97153', modifiers: ['HN'], minutes: 125 }],
  noteStatus: 'Finalized',
};

function claimOf(s: Session, c: ClaimContext = ctx) {
  const r = generateClaim(s, c);
  if (!r.ok) throw new Error(`expected a claim, got ${r.error.code}`);
  return r.claim;
}

describe('generateClaim', () => {
  it('assembles a Ready claim from a finalized session that passes the claim schema', () => {
    const claim = claimOf(session);
    expect(claimSchema.parse(claim)).toEqual(claim);
    expect(claim).toMatchObject({
      id: claimIdFor('pr-test', 'ses-1'),
      practiceId: 'pr-test',
      sessionId: 'ses-1',
      clientId: 'cl-1',
      payerId: 'py-a',
      policyRank: 1,
      renderingProviderId: 'prv-1',
      placeOfService: '12',
      diagnosisCodes: ['F840', 'F902'],
      dateOfService: '2026-05-04',
      authorizationId: 'auth-1',
      frequency: '1',
      status: 'Ready',
      ediStatus: 'not_sent',
      holdReason: null,
      denialCodes: [],
      postings: [],
      createdAt: '2026-05-04T18:00:00Z',
      firstSubmittedAt: null,
    });
    // 125 min rounded down to 8 units at the HN rate of $13.50.
    expect(claim.lines).toEqual([
      {
        lineNo: 1,
        serviceCode: '97153',
        modifiers: ['HN'],
        units: 8,
        minutes: 125,
        rateCents: 1350,
        chargeCents: 10800,
        diagnosisPointers: [1, 2],
        dateOfService: '2026-05-04',
        authorizationId: 'auth-1',
      },
    ]);
  });

  it('makes one line per service with units by the practice rule', () => {
    const cmsCtx = {
      ...ctx,
      practice: { ...practice, settings: { ...practice.settings, unitsRounding: 'cms_8_minute' as const } },
    };
    const pt: Session = {
      ...session,
      services: [
        { serviceCode: '97110', modifiers: ['GP'], minutes: 33 },
        { serviceCode: '97140', modifiers: ['GP'], minutes: 7 },
      ],
    };
    const claim = claimOf(pt, cmsCtx);
    expect(claim.lines.map((l) => [l.lineNo, l.units, l.chargeCents, l.authorizationId])).toEqual([
      [1, 2, 6400, null],
      [2, 1, 3000, null],
    ]);
    expect(claim.authorizationId).toBeNull();
    expect(claimOf(pt).lines.map((l) => l.units)).toEqual([2, 0]);
  });

  it('leaves the rate null and the charge 0 when the payer has no rate', () => {
    const claim = claimOf({ ...session, services: [{ serviceCode: '97155', modifiers: [], minutes: 60 }] });
    expect(claim.lines[0]).toMatchObject({
      units: 4,
      rateCents: null,
      chargeCents: 0,
      authorizationId: null,
    });
    expect(claimSchema.safeParse(claim).success).toBe(true);
  });

  it('points each line at the first four diagnoses, and at 1 when there are none', () => {
    const many = claimOf({
      ...session,
      diagnosisCodes: ['F84.0', 'F90.2', 'F80.2', 'R62.50', 'F41.1', 'F84.0', 'f840'],
    });
    expect(many.diagnosisCodes).toEqual(['F840', 'F902', 'F802', 'R6250', 'F411']);
    expect(many.lines[0]!.diagnosisPointers).toEqual([1, 2, 3, 4]);
    const none = claimOf({ ...session, diagnosisCodes: [] });
    expect(none.lines[0]!.diagnosisPointers).toEqual([1]);
  });

  it('refuses a draft note', () => {
    const r = generateClaim({ ...session, noteStatus: 'Draft' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_finalized');
  });

  it('refuses when no primary policy is in effect, even with a secondary one', () => {
    const r = generateClaim({ ...session, dateOfService: '2026-10-01' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('no_insurance');
      expect(r.error.message).toContain('self-pay');
    }
    const before = generateClaim({ ...session, dateOfService: '2025-12-31' }, ctx);
    expect(before.ok ? null : before.error.code).toBe('no_insurance');
  });

  it('refuses an unknown payer and a session of another client', () => {
    const unknown = generateClaim(session, { ...ctx, payersById: new Map() });
    expect(unknown.ok ? null : unknown.error.code).toBe('unknown_payer');
    const other = generateClaim({ ...session, clientId: 'cl-2' }, ctx);
    expect(other.ok ? null : other.error.code).toBe('client_mismatch');
  });

  it('is deterministic', () => {
    expect(claimOf(session)).toEqual(claimOf(session));
    expect(claimOf({ ...session, id: 'ses-2' }).id).not.toBe(claimOf(session).id);
  });

  it('charges units × rate and passes the schema for any valid session', () => {
    const service = fc.record({
      serviceCode: fc.constantFrom('97153', '97110', '97140', '97155', '90837', 'H2019'),
      modifiers: fc.subarray(['HN', 'GP', '59'], { maxLength: 2 }),
      minutes: fc.integer({ min: 0, max: 600 }),
    });
    fc.assert(
      fc.property(
        fc.array(service, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('round_down', 'round_half_up', 'cms_8_minute'),
        fc.subarray(['F84.0', 'f90.2', 'R62.50', 'F41.1', 'M54.50', 'F80.2'], { maxLength: 6 }),
        (services, unitsRounding, diagnosisCodes) => {
          const c = { ...ctx, practice: { ...practice, settings: { ...practice.settings, unitsRounding } } };
          const claim = claimOf({ ...session, services, diagnosisCodes }, c);
          expect(claimSchema.safeParse(claim).success).toBe(true);
          for (const line of claim.lines) {
            expect(line.chargeCents).toBe(line.rateCents === null ? 0 : line.units * line.rateCents);
          }
        },
      ),
    );
  });
});

describe('normalizeDiagnosisCodes', () => {
  it('upper-cases, drops dots and blanks and duplicates, and keeps malformed codes for the scrubber', () => {
    expect(normalizeDiagnosisCodes([' f84.0 ', 'F840', 'M54.50', 'bad.code', ''])).toEqual([
      'F840',
      'M5450',
      'BADCODE',
    ]);
  });
});
