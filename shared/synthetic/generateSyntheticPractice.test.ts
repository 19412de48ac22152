import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import { createFeeIndex } from '../claims/feeLookup.ts';
import { generateClaim } from '../claims/generateClaim.ts';
import { authorizationSchema } from '../domain/authorization.ts';
import { type Claim, claimChargeCents, claimSchema } from '../domain/claim.ts';
import { claimStatuses } from '../domain/claimStatus.ts';
import { clientSchema } from '../domain/client.ts';
import { feeScheduleEntrySchema } from '../domain/feeSchedule.ts';
import { payerSchema } from '../domain/payer.ts';
import { practiceSchema } from '../domain/practice.ts';
import { providerSchema } from '../domain/provider.ts';
import { sessionSchema } from '../domain/session.ts';
import { isValidNpi } from '../scrubber/npi.ts';
import { addDays } from '../util/dates.ts';
import { generateSyntheticPractice } from './generateSyntheticPractice.ts';

const asOf = '2026-11-22';
const small = generateSyntheticPractice({ seed: 42, claims: 2000, asOf });
const large = generateSyntheticPractice({ seed: 7, claims: 20000, asOf });

function sumAdjustments(list: readonly { amountCents: number }[]): number {
  return list.reduce((t, x) => t + x.amountCents, 0);
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe('generateSyntheticPractice: schemas', () => {
  it('produces objects that every domain schema accepts', () => {
    const p = small;
    expect(() => practiceSchema.parse(p.practice)).not.toThrow();
    for (const x of p.providers) providerSchema.parse(x);
    for (const x of p.payers) payerSchema.parse(x);
    for (const x of p.clients) clientSchema.parse(x);
    for (const x of p.authorizations) authorizationSchema.parse(x);
    for (const x of p.feeSchedule) feeScheduleEntrySchema.parse(x);
    for (const x of p.sessions) sessionSchema.parse(x);
    for (const x of p.claims) claimSchema.parse(x);
    expect(p.claims).toHaveLength(2000);
    expect(p.sessions).toHaveLength(2000);
  });

  it('gives the practice and every provider a valid, distinct NPI and a valid tax ID', () => {
    const npis = [small.practice.billingProvider.npi, ...small.providers.map((p) => p.npi)];
    for (const npi of npis) expect(isValidNpi(npi)).toBe(true);
    expect(new Set(npis).size).toBe(npis.length);
    expect(small.practice.billingProvider.taxId).toMatch(
      /^(?!00|07|08|09|17|18|19|28|29|49|69|70|78|79|89|96|97)\d{9}$/,
    );
    expect(small.providers.length).toBeGreaterThanOrEqual(6);
    expect(small.providers.length).toBeLessThanOrEqual(12);
  });

  it('has ids unique within each kind', () => {
    for (const list of [
      small.clients,
      small.sessions,
      small.claims,
      small.authorizations,
      small.feeSchedule,
    ]) {
      const ids = list.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const postingIds = small.claims.flatMap((c) => c.postings.map((p) => p.id));
    expect(new Set(postingIds).size).toBe(postingIds.length);
  });
});

describe('generateSyntheticPractice: determinism', () => {
  it('is byte-identical for the same options and differs for another seed', () => {
    const again = generateSyntheticPractice({ seed: 42, claims: 2000, asOf });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateSyntheticPractice({ seed: 43, claims: 2000, asOf });
    expect(other.practice.id).not.toBe(small.practice.id);
    expect(JSON.stringify(other.claims)).not.toBe(JSON.stringify(small.claims));
  });

  it('keeps the practice and payers when only the number of claims changes', () => {
    const fewer = generateSyntheticPractice({ seed: 42, claims: 300, asOf });
    expect(fewer.practice).toEqual(small.practice);
    expect(fewer.providers).toEqual(small.providers);
    expect(fewer.payers).toEqual(small.payers);
  });

  it('refuses malformed options', () => {
    expect(() => generateSyntheticPractice({ seed: 1.5, claims: 10, asOf })).toThrow(RangeError);
    expect(() => generateSyntheticPractice({ seed: 1, claims: -1, asOf })).toThrow(RangeError);
    expect(() => generateSyntheticPractice({ seed: 1, claims: 10, asOf: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('generateSyntheticPractice: reference data', () => {
  it('mixes commercial, Blue Cross, Medicaid and Medicare payers with realistic rules', () => {
    const indicators = new Set(small.payers.map((p) => p.claimFilingIndicator));
    expect([...indicators].sort()).toEqual(['BL', 'CI', 'MB', 'MC']);
    for (const p of small.payers) {
      expect(p.payerId).toMatch(/^[A-Z0-9]{5}$/);
      expect([90, 95, 180, 365]).toContain(p.timelyFilingDays);
    }
    expect(small.payers.some((p) => p.requiresAuthorization)).toBe(true);
    expect(small.payers.some((p) => !p.requiresAuthorization)).toBe(true);
  });

  it('has about one client per 25 claims (at least 10), ~30 % with a secondary policy', () => {
    expect(small.clients).toHaveLength(80);
    expect(generateSyntheticPractice({ seed: 1, claims: 50, asOf }).clients).toHaveLength(10);
    const withSecondary = large.clients.filter((c) => c.policies.length === 2).length / large.clients.length;
    expect(withSecondary).toBeGreaterThan(0.2);
    expect(withSecondary).toBeLessThan(0.4);
    for (const c of large.clients) {
      const age = Number(asOf.slice(0, 4)) - Number(c.dateOfBirth.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(2);
      expect(age).toBeLessThanOrEqual(81);
    }
  });

  it('prices with modifier variants and one effective-dated rate change per payer', () => {
    const modified = new Set(
      small.feeSchedule.filter((f) => f.modifiers.length > 0).map((f) => f.modifiers[0]),
    );
    expect([...modified].sort()).toEqual(['GP', 'HN', 'HO', 'HP']);
    for (const payer of small.payers) {
      const rates = small.feeSchedule.filter((f) => f.payerId === payer.id && f.serviceCode === '90837');
      expect(rates).toHaveLength(2);
      const [before, after] =
        rates[0]!.effectiveTo === undefined ? [rates[1]!, rates[0]!] : [rates[0]!, rates[1]!];
      expect(addDays(before.effectiveTo!, 1)).toBe(after.effectiveFrom);
      expect(after.effectiveFrom > addDays(asOf, -180) && after.effectiveFrom < asOf).toBe(true);
      expect(after.rateCents).toBeGreaterThan(before.rateCents);
    }
  });

  it('counts authorization units used from the claims sent to the payer', () => {
    const used = new Map<string, number>();
    for (const c of small.claims) {
      if (c.firstSubmittedAt === null || c.status === 'Voided') continue;
      for (const l of c.lines)
        if (l.authorizationId) used.set(l.authorizationId, (used.get(l.authorizationId) ?? 0) + l.units);
    }
    expect(small.authorizations.length).toBeGreaterThan(0);
    for (const a of small.authorizations) {
      expect(a.unitsUsed).toBe(used.get(a.id) ?? 0);
      expect(a.unitsAuthorized % 4).toBe(0);
    }
  });
});

describe('generateSyntheticPractice: sessions', () => {
  it('spreads finalized sessions over the 180 days before as-of with realistic codes, minutes and places', () => {
    const first = addDays(asOf, -180);
    const pos = countBy(large.sessions, (s) => s.placeOfService);
    const problems: string[] = [];
    for (const s of large.sessions) {
      if (s.noteStatus !== 'Finalized') problems.push(`${s.id}: draft`);
      if (s.dateOfService < first || s.dateOfService >= asOf) problems.push(`${s.id}: date`);
      for (const svc of s.services) {
        if (svc.serviceCode === '97153' && (svc.minutes < 60 || svc.minutes > 240))
          problems.push(`${s.id}: ABA minutes`);
        if (svc.serviceCode === '90837' && svc.minutes < 53) problems.push(`${s.id}: 90837 minutes`);
      }
    }
    expect(problems).toEqual([]);
    const common = (pos['11'] ?? 0) + (pos['12'] ?? 0) + (pos['10'] ?? 0) + (pos['03'] ?? 0);
    expect(common / large.sessions.length).toBeGreaterThan(0.9);
    expect(pos['02']).toBeGreaterThan(0);
    expect(pos['99']).toBeGreaterThan(0);
    const multi = large.sessions.filter((s) => s.services.length > 1).length / large.sessions.length;
    expect(multi).toBeGreaterThan(0.03);
    expect(multi).toBeLessThan(0.25);
  });

  it('makes each claim with generateClaim from its session', () => {
    const clients = new Map(small.clients.map((c) => [c.id, c]));
    const feeIndex = createFeeIndex(small.feeSchedule);
    for (let i = 0; i < small.claims.length; i += 97) {
      const claim = small.claims[i]!;
      const session = small.sessions[i]!;
      const r = generateClaim(session, {
        practice: small.practice,
        client: clients.get(session.clientId)!,
        payersById: new Map(small.payers.map((p) => [p.id, p])),
        feeIndex,
        authorizations: small.authorizations.filter((a) => a.clientId === session.clientId),
        createdAt: claim.createdAt,
      });
      expect(r.ok && r.claim.lines).toEqual(claim.lines);
      expect(claim.sessionId).toBe(session.id);
    }
  });
});

describe('generateSyntheticPractice: statuses and money', () => {
  it('spreads statuses as a real queue, within 2.5 points of the targets', () => {
    const targets = { Ready: 25, Submitted: 20, Paid: 30, Denied: 10, Held: 7, Voided: 3, Settled: 5 };
    const counts = countBy(large.claims, (c) => c.status);
    for (const s of claimStatuses) {
      const share = (100 * (counts[s] ?? 0)) / large.claims.length;
      expect(Math.abs(share - targets[s]), `${s} at ${share.toFixed(1)} %`).toBeLessThan(2.5);
    }
  });

  it('pays older claims more often', () => {
    const third = Math.floor(large.claims.length / 3);
    const paidShare = (claims: Claim[]) => claims.filter((c) => c.status === 'Paid').length / claims.length;
    expect(paidShare(large.claims.slice(0, third))).toBeGreaterThan(
      2 * paidShare(large.claims.slice(-third)),
    );
  });

  it('balances every Paid claim to the cent: paid + adjustments = billed, claim and lines', () => {
    const problems: string[] = [];
    let paid = 0;
    for (const c of large.claims) {
      if (c.status !== 'Paid') continue;
      paid++;
      const billed = claimChargeCents(c);
      const adjudications = c.postings.filter((p) => p.kind === 'adjudication');
      const a = adjudications[0];
      if (adjudications.length !== 1 || a === undefined) {
        problems.push(`${c.id}: ${adjudications.length} adjudications`);
        continue;
      }
      if (a.paidCents + sumAdjustments(a.adjustments) !== billed) problems.push(`${c.id}: claim off`);
      if (a.allowedCents > billed || a.allowedCents < Math.floor((billed * 7000) / 10000))
        problems.push(`${c.id}: allowed`);
      for (const line of a.lines) {
        if (line.paidCents + sumAdjustments(line.adjustments) !== line.chargeCents)
          problems.push(`${c.id}: line off`);
        if (line.paidCents < 0) problems.push(`${c.id}: negative line`);
      }
      if (a.lines.reduce((t, l) => t + l.paidCents, 0) !== a.paidCents)
        problems.push(`${c.id}: lines ≠ claim`);
      const b = deriveBalances(c);
      if (b.insuranceBalanceCents !== 0 || b.patientBalanceCents < 0) problems.push(`${c.id}: balance`);
    }
    expect(problems).toEqual([]);
    expect(paid).toBeGreaterThan(5000);
    const postings = large.claims.flatMap((c) => c.postings);
    expect(postings.some((p) => p.kind === 'patient_payment')).toBe(true);
    expect(
      postings.some((p) => p.kind === 'adjudication' && p.adjustments.some((x) => x.group === 'PR')),
    ).toBe(true);
  });

  it('denies with real CARCs and the full charge adjusted, or as a clearinghouse rejection', () => {
    const carcs = new Set<string>();
    let rejected = 0;
    for (const c of large.claims) {
      if (c.status !== 'Denied') continue;
      expect(c.denialCodes.length).toBeGreaterThan(0);
      if (c.ediStatus === 'rejected_clearinghouse') {
        rejected++;
        expect(c.postings).toEqual([]);
        continue;
      }
      const a = c.postings[0];
      expect(a?.kind).toBe('adjudication');
      if (a?.kind !== 'adjudication') continue;
      expect(a.paidCents).toBe(0);
      expect(a.adjustments).toEqual([
        {
          group: c.denialCodes[0]!.slice(0, 2),
          reason: c.denialCodes[0]!.slice(3),
          amountCents: claimChargeCents(c),
        },
      ]);
      carcs.add(c.denialCodes[0]!);
    }
    expect(rejected).toBeGreaterThan(0);
    for (const code of ['CO-197', 'CO-16', 'CO-4', 'CO-29', 'CO-50', 'PR-27', 'CO-18', 'CO-96'])
      expect(carcs).toContain(code);
  });

  it('settles with write-offs that leave no balance', () => {
    let settled = 0;
    for (const c of large.claims) {
      if (c.status !== 'Settled') continue;
      settled++;
      const b = deriveBalances(c);
      expect([b.insuranceBalanceCents, b.patientBalanceCents]).toEqual([0, 0]);
      expect(c.postings.some((p) => p.kind === 'write_off')).toBe(true);
    }
    expect(settled).toBeGreaterThan(500);
  });

  it('keeps every status consistent with its dates, EDI status and reasons', () => {
    const end = `${asOf}T00:00:00Z`;
    const problems: string[] = [];
    const check = (ok: boolean, c: Claim, what: string) => {
      if (!ok) problems.push(`${c.id} (${c.status}): ${what}`);
    };
    for (const c of large.claims) {
      const sent = c.firstSubmittedAt !== null;
      check(c.createdAt.slice(0, 10) >= c.dateOfService && c.createdAt < end, c, 'createdAt');
      check((c.holdReason !== null) === (c.status === 'Held'), c, 'hold reason');
      if (c.status === 'Ready' || c.status === 'Held' || c.status === 'Voided') {
        check(!sent && c.ediStatus === 'not_sent' && c.postings.length === 0, c, 'never sent');
        continue;
      }
      check(c.firstSubmittedAt! >= c.createdAt, c, 'submitted before created');
      check(c.lastSubmittedAt! >= c.firstSubmittedAt! && c.lastSubmittedAt! < end, c, 'last submitted');
      check(c.ediStatus !== 'not_sent', c, 'EDI status');
      let previous = c.lastSubmittedAt!;
      for (const p of c.postings) {
        check(p.at > previous && p.at < end, c, `posting ${p.id} out of order`);
        previous = p.at;
      }
      if (c.status === 'Paid') check(c.ediStatus === 'accepted_payer', c, 'paid but not accepted');
    }
    expect(problems).toEqual([]);
  });
});
