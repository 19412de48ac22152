/**
 * A valid baseline for the scrubber's tests: one ABA claim (two lines drawing on one authorization) and
 * the records it is checked against. Every value is synthetic. Each call returns fresh objects, so a test
 * can break one thing and scrub.
 */
import type { Authorization } from '../domain/authorization.ts';
import { type Claim, freshClaimState } from '../domain/claim.ts';
import type { Client } from '../domain/client.ts';
import type { Payer } from '../domain/payer.ts';
import { defaultPracticeSettings, type Practice } from '../domain/practice.ts';
import type { Provider } from '../domain/provider.ts';
import type { ScrubFinding } from './findings.ts';
import { scrubClaim } from './scrubClaim.ts';
import type { ScrubContext } from './scrubContext.ts';

/** Synthetic values that must never appear in a finding's message. */
export const PATIENT_SECRETS = { memberId: 'SYNM0001', lastName: 'Testpatient', dateOfBirth: '2018-05-05' };

export interface Scenario {
  claim: Claim;
  practice: Practice;
  payer: Payer;
  client: Client;
  provider: Provider;
  authorization: Authorization;
  asOf: string;
}

const address = { line1: '100 Synthetic Way', city: 'Springfield', state: 'IL', zip: '62701' };

/**
 * The clean baseline. Dates: service 2026-03-02, scrubbed 2026-03-15; the payer's 90-day limit ends
 * 2026-05-31. Authorization auth-1: 2026-01-01..2026-06-30, 400 units, 100 used; the claim draws 8 + 4 = 12.
 */
export function baseline(): Scenario {
  const practice: Practice = {
    id: 'prac-1',
    name: 'Synthetic Therapy Group',
    billingProvider: {
      organizationName: 'Synthetic Therapy Group LLC',
      npi: '1234567893',
      taxId: '123456789',
      taxonomy: '103K00000X',
      address: { ...address },
    },
    clearinghouse: { name: 'Office Ally', receiverId: '330897513', submitterId: 'SUB123', testMode: true },
    settings: { ...defaultPracticeSettings, settleWriteOff: { ...defaultPracticeSettings.settleWriteOff } },
  };
  const provider: Provider = {
    id: 'prov-1',
    name: { last: 'Rivera', first: 'Sam' },
    npi: '1245319599',
    taxonomy: '103K00000X',
    credentials: 'BCBA',
  };
  const payer: Payer = {
    id: 'payer-1',
    name: 'Synthetic Health Plan',
    payerId: 'SYN01',
    submission: 'electronic',
    claimFilingIndicator: 'CI',
    timelyFilingDays: 90,
    requiresAuthorization: true,
  };
  const client: Client = {
    id: 'client-1',
    name: { last: PATIENT_SECRETS.lastName, first: 'Alex' },
    dateOfBirth: PATIENT_SECRETS.dateOfBirth,
    sex: 'U',
    address: { ...address },
    policies: [
      {
        rank: 1,
        payerId: 'payer-1',
        memberId: PATIENT_SECRETS.memberId,
        relationship: '18',
        effectiveFrom: '2025-01-01',
      },
    ],
  };
  const authorization: Authorization = {
    id: 'auth-1',
    clientId: 'client-1',
    payerId: 'payer-1',
    number: 'PA-2026-001',
    serviceCodes: ['97153', '97155'],
    startDate: '2026-01-01',
    endDate: '2026-06-30',
    unitsAuthorized: 400,
    unitsUsed: 100,
  };
  const claim: Claim = {
    id: 'CLM0001',
    practiceId: 'prac-1',
    sessionId: 'sess-1',
    clientId: 'client-1',
    payerId: 'payer-1',
    policyRank: 1,
    renderingProviderId: 'prov-1',
    placeOfService: '12',
    diagnosisCodes: ['F840'],
    lines: [
      {
        lineNo: 1,
        serviceCode: '97153',
        modifiers: [],
        units: 8,
        minutes: 120,
        rateCents: 1500,
        chargeCents: 12000,
        diagnosisPointers: [1],
        dateOfService: '2026-03-02',
        authorizationId: 'auth-1',
      },
      {
        lineNo: 2,
        serviceCode: '97155',
        modifiers: ['HO'],
        units: 4,
        minutes: 60,
        rateCents: 2500,
        chargeCents: 10000,
        diagnosisPointers: [1],
        dateOfService: '2026-03-02',
        authorizationId: 'auth-1',
      },
    ],
    dateOfService: '2026-03-02',
    authorizationId: 'auth-1',
    createdAt: '2026-03-02T20:00:00Z',
    ...freshClaimState(),
  };
  return { claim, practice, payer, client, provider, authorization, asOf: '2026-03-15' };
}

/** Extra records to index beside the scenario's own (other payers, clients, authorizations). */
export interface ExtraRecords {
  payers?: Payer[];
  clients?: Client[];
  providers?: Provider[];
  authorizations?: Authorization[];
}

/** The scrub context of a scenario: its records indexed by id, plus any extra ones. */
export function contextOf(s: Scenario, extra: ExtraRecords = {}): ScrubContext {
  const index = <T extends { id: string }>(items: T[]): Map<string, T> =>
    new Map(items.map((x) => [x.id, x]));
  return {
    practice: s.practice,
    payersById: index([s.payer, ...(extra.payers ?? [])]),
    clientsById: index([s.client, ...(extra.clients ?? [])]),
    providersById: index([s.provider, ...(extra.providers ?? [])]),
    authorizationsById: index([s.authorization, ...(extra.authorizations ?? [])]),
    asOf: s.asOf,
  };
}

/** Scrubs the scenario's claim against its own context. */
export function scrub(s: Scenario, extra?: ExtraRecords): ScrubFinding[] {
  return scrubClaim(s.claim, contextOf(s, extra));
}

/** A finding without its message, for exact comparisons of what was found where. */
export interface FoundWhere {
  code: string;
  severity: string;
  lineNo?: number;
  field?: string;
}

/** The findings without their messages. */
export function found(findings: readonly ScrubFinding[]): FoundWhere[] {
  return findings.map(({ code, severity, lineNo, field }) => {
    const f: FoundWhere = { code, severity };
    if (lineNo !== undefined) f.lineNo = lineNo;
    if (field !== undefined) f.field = field;
    return f;
  });
}

/** Writes a field regardless of its declared type: for putting nulls and wrong types into records. */
export function poke(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}
