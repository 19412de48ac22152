// Input for `claimgrid demo-837p`: N synthetic claims of one kind as write837p input, deterministic by
// seed (the synthetic practice generator plus seeded draws here; no clock, no Math.random). Synthetic
// names only. Not exported from index.ts.
import { correctedClaimId, secondaryClaimId, voidClaimId } from '../../claims/claimId.ts';
import type { Claim } from '../../domain/claim.ts';
import type { Client } from '../../domain/client.ts';
import type { Payer } from '../../domain/payer.ts';
import type { AdjudicationPosting, Adjustment, LineAdjudication } from '../../domain/posting.ts';
import type { Practice } from '../../domain/practice.ts';
import type { IsoDate } from '../../domain/primitives.ts';
import {
  generateSyntheticPractice,
  type SyntheticPractice,
} from '../../synthetic/generateSyntheticPractice.ts';
import { createPrng, type Prng } from '../../synthetic/prng.ts';
import { randomDigits } from '../../synthetic/syntheticReference.ts';
import type { Claim837PInput, Write837PInput } from './write837p.ts';

export const DEMO_KINDS = ['original', 'corrected', 'void', 'secondary'] as const;
export type DemoKind = (typeof DEMO_KINDS)[number];

/** Most claims one demo file holds: ~450 bytes a secondary claim keeps the file text well under V8's string limit. */
export const MAX_DEMO_CLAIMS = 100_000;
/** The date the synthetic practice is as of, fixed so a seed always gives the same bytes. */
export const DEMO_AS_OF: IsoDate = '2026-11-22';

export interface Demo837POptions {
  claims: number;
  kind: DemoKind;
  seed: number;
  /** ISA15 = T (test). */
  test: boolean;
  asOf?: IsoDate;
}

/**
 * A claim the scrubber would pass: every line billable (units and a charge) and a diagnosis. Secondary
 * claims also need a client with a secondary policy.
 */
function usable(claim: Claim, client: Client, kind: DemoKind): boolean {
  if (claim.diagnosisCodes.length === 0) return false;
  if (claim.lines.some((l) => l.units <= 0 || l.chargeCents <= 0)) return false;
  return kind !== 'secondary' || client.policies.some((p) => p.rank === 2);
}

/** `n` usable claims of a synthetic practice; grows the practice until it has that many. */
function pick(
  options: Demo837POptions,
  asOf: IsoDate,
): { data: SyntheticPractice; claims: Claim[]; clients: Map<string, Client> } {
  // About 30 % of claims are of clients with a secondary policy; ~1 % have an unpriced line.
  let pool =
    options.kind === 'secondary' ? options.claims * 4 + 40 : options.claims + 20 + (options.claims >> 5);
  for (;;) {
    const data = generateSyntheticPractice({ seed: options.seed, claims: pool, asOf });
    const clients = new Map(data.clients.map((c) => [c.id, c]));
    const claims: Claim[] = [];
    for (const c of data.claims) {
      if (claims.length === options.claims) break;
      if (usable(c, clients.get(c.clientId)!, options.kind)) claims.push(c);
    }
    if (claims.length === options.claims) return { data, claims, clients };
    pool *= 2;
  }
}

/** A payer claim control number (ICN) as payers print them: 2-digit year, Julian day, 9 digits. */
function payerClaimNumber(prng: Prng, asOf: IsoDate): string {
  const year = asOf.slice(2, 4);
  const day = String(prng.int(1, 300)).padStart(3, '0');
  return `${year}${day}${randomDigits(prng, 9)}`;
}

/**
 * The primary payer's adjudication of `claim`, consistent with it: per line, allowed 70–95 % of the
 * charge (the rest CO-45), 20 % coinsurance of the allowed amount (PR-2), sometimes a deductible on the
 * first line (PR-1), paid = what remains; so paid + adjustments = billed on every line and the claim.
 */
export function synthesizePrimaryAdjudication(
  prng: Prng,
  claim: Claim,
  payerId: string,
  at: string,
  payerClaimControlNumber: string,
): AdjudicationPosting {
  const lines: LineAdjudication[] = [];
  const totals = new Map<string, Adjustment>();
  let paid = 0;
  let allowed = 0;
  let deductible = prng.chance(2500) ? prng.int(10, 50) * 100 : 0;
  for (const line of claim.lines) {
    const lineAllowed = Math.floor((line.chargeCents * prng.int(7000, 9500)) / 10000);
    const coinsurance = Math.round(lineAllowed / 5);
    const lineDeductible = Math.min(deductible, lineAllowed - coinsurance);
    deductible -= lineDeductible;
    const adjustments: Adjustment[] = [
      { group: 'CO', reason: '45', amountCents: line.chargeCents - lineAllowed },
      { group: 'PR', reason: '2', amountCents: coinsurance },
    ];
    if (lineDeductible > 0) adjustments.push({ group: 'PR', reason: '1', amountCents: lineDeductible });
    const linePaid = lineAllowed - coinsurance - lineDeductible;
    for (const a of adjustments) {
      const key = `${a.group}-${a.reason}`;
      const t = totals.get(key);
      if (t === undefined) totals.set(key, { ...a });
      else t.amountCents += a.amountCents;
    }
    paid += linePaid;
    allowed += lineAllowed;
    lines.push({
      lineNo: line.lineNo,
      serviceCode: line.serviceCode,
      chargeCents: line.chargeCents,
      paidCents: linePaid,
      units: line.units,
      adjustments,
    });
  }
  return {
    id: `pst-demo-${claim.id}`,
    at,
    kind: 'adjudication',
    payerId,
    allowedCents: allowed,
    paidCents: paid,
    adjustments: [...totals.values()],
    remarks: [],
    lines,
    payerClaimControlNumber,
    source: { kind: 'remittance' },
  };
}

/** 2010AA wants ZIP+4; the synthetic practice has a 5-digit ZIP. */
function withZip4(practice: Practice, prng: Prng): Practice {
  const address = practice.billingProvider.address;
  if (address.zip.length === 9) return practice;
  return {
    ...practice,
    billingProvider: {
      ...practice.billingProvider,
      address: { ...address, zip: address.zip.slice(0, 5) + randomDigits(prng, 4) },
    },
  };
}

/**
 * write837p input for `claims` synthetic claims of one kind: original (frequency 1), corrected (7) or
 * void (8) with a made-up payer claim control number in REF*F8, or secondary (billed to the client's
 * secondary payer, with the primary's synthesized adjudication in 2320/2430). The same options give the
 * same input, byte for byte once written. Throws a RangeError for a bad count or seed.
 * @example write837p(demo837pInput({ claims: 100, kind: 'void', seed: 42, test: true })).claimCount // → 100
 */
export function demo837pInput(options: Demo837POptions): Write837PInput {
  const { claims: count, kind, seed, test } = options;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_DEMO_CLAIMS) {
    throw new RangeError(`claims must be a whole number from 1 to ${MAX_DEMO_CLAIMS}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const asOf = options.asOf ?? DEMO_AS_OF;
  const { data, claims, clients } = pick(options, asOf);
  const prng = createPrng(seed, `demo-837p/${kind}`);
  const payers = new Map<string, Payer>(data.payers.map((p) => [p.id, p]));
  const providers = new Map(data.providers.map((p) => [p.id, p]));
  const authorizationNumbers = new Map(data.authorizations.map((a) => [a.id, a.number]));
  const at = `${asOf}T16:30:00Z`;

  const inputs = claims.map((generated): Claim837PInput => {
    const client = clients.get(generated.clientId)!;
    const renderingProvider = providers.get(generated.renderingProviderId)!;
    // A claim about to go out: Ready, nothing posted (the generator moved some along their lifecycle).
    const base: Claim = {
      ...generated,
      status: 'Ready',
      ediStatus: 'not_sent',
      firstSubmittedAt: null,
      lastSubmittedAt: null,
      postings: [],
      denialCodes: [],
      payerClaimControlNumber: null,
    };
    const authorizationNumber =
      generated.authorizationId === null
        ? null
        : (authorizationNumbers.get(generated.authorizationId) ?? null);
    const primaryPayer = payers.get(generated.payerId)!;
    switch (kind) {
      case 'original':
        return { claim: base, client, payer: primaryPayer, renderingProvider, authorizationNumber };
      case 'corrected':
      case 'void': {
        const claim: Claim = {
          ...base,
          id: kind === 'corrected' ? correctedClaimId(generated.id, 1) : voidClaimId(generated.id),
          frequency: kind === 'corrected' ? '7' : '8',
          originalReference: payerClaimNumber(prng, asOf),
          relatedClaimId: generated.id,
        };
        return { claim, client, payer: primaryPayer, renderingProvider, authorizationNumber };
      }
      default: {
        // 'secondary'
        const secondaryPolicy = client.policies.find((p) => p.rank === 2)!;
        const secondaryPayer = payers.get(secondaryPolicy.payerId)!;
        const adjudication = synthesizePrimaryAdjudication(
          prng,
          generated,
          primaryPayer.id,
          `${asOf}T12:00:00Z`,
          payerClaimNumber(prng, asOf),
        );
        const claim: Claim = {
          ...base,
          id: secondaryClaimId(generated.id),
          payerId: secondaryPayer.id,
          policyRank: 2,
          relatedClaimId: generated.id,
          // The authorization was the primary payer's.
          authorizationId: null,
          lines: base.lines.map((l) => ({ ...l, authorizationId: null })),
        };
        return {
          claim,
          client,
          payer: secondaryPayer,
          renderingProvider,
          otherPayers: [{ rank: 1, payer: primaryPayer, adjudication }],
        };
      }
    }
  });

  return {
    // Its own stream: the practice is the same whatever the kind.
    practice: withZip4(data.practice, createPrng(seed, 'demo-837p/practice')),
    submitter: { contactName: 'Billing Office', phone: '5125550100' },
    interchangeControlNumber: prng.int(1, 999_999),
    groupControlNumber: prng.int(1, 999_999),
    usage: test ? 'T' : 'P',
    at,
    reference: `DEMO-${kind.toUpperCase()}`,
    claims: inputs,
  };
}
