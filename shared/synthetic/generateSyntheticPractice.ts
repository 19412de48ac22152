import { createFeeIndex } from '../claims/feeLookup.ts';
import { generateClaim } from '../claims/generateClaim.ts';
import type { Authorization } from '../domain/authorization.ts';
import type { Claim } from '../domain/claim.ts';
import type { Client } from '../domain/client.ts';
import type { FeeScheduleEntry } from '../domain/feeSchedule.ts';
import type { Payer } from '../domain/payer.ts';
import type { Practice } from '../domain/practice.ts';
import type { IsoDate } from '../domain/primitives.ts';
import type { Provider } from '../domain/provider.ts';
import type { Session } from '../domain/session.ts';
import { addDays, daysBetween } from '../util/dates.ts';
import { EventClock } from './eventClock.ts';
import { createPrng, type Prng } from './prng.ts';
import {
  type Program,
  type SyntheticClient,
  syntheticAuthorizations,
  syntheticClients,
} from './syntheticClients.ts';
import { syntheticFeeSchedule } from './syntheticFeeSchedule.ts';
import { applySyntheticOutcome } from './syntheticOutcomes.ts';
import {
  type Specialty,
  type SyntheticPayer,
  type SyntheticProvider,
  syntheticPayers,
  syntheticPractice,
  syntheticProviders,
} from './syntheticReference.ts';
import { SESSION_WINDOW_DAYS, sessionDaysBefore, syntheticSessions } from './syntheticSessions.ts';

/** What to generate: the seed, how many claims (one per session), and the date the data is as of. */
export interface SyntheticOptions {
  seed: number;
  claims: number;
  asOf: IsoDate;
}

/** A whole synthetic practice: reference data, sessions and the claims generated from them. */
export interface SyntheticPractice {
  practice: Practice;
  providers: Provider[];
  payers: Payer[];
  clients: Client[];
  authorizations: Authorization[];
  feeSchedule: FeeScheduleEntry[];
  sessions: Session[];
  claims: Claim[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkOptions({ seed, claims, asOf }: SyntheticOptions): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(claims) || claims < 0) {
    throw new RangeError(`claims must be a whole number ≥ 0, got ${claims}`);
  }
  if (!ISO_DATE.test(asOf) || addDays(asOf, 0) !== asOf)
    throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
}

function byKey<T, K extends string>(
  items: readonly T[],
  keys: readonly K[],
  keyOf: (t: T) => K,
): Record<K, T[]> {
  const out = {} as Record<K, T[]>;
  for (const k of keys) out[k] = [];
  for (const item of items) out[keyOf(item)].push(item);
  return out;
}

/**
 * Size each authorization from the claims drawing on it: units used = the units of its lines on claims
 * sent to the payer (SPEC §2); units authorized = the pace so far projected over the whole period, with
 * a margin (5–50 %), except one in seven authorizations that is short (85–99 %) so the scrubber has
 * exhausted authorizations to report. Rounded up to whole hours (4 units).
 */
function sizeAuthorizations(
  prng: Prng,
  authorizations: readonly Authorization[],
  claims: readonly Claim[],
  asOf: IsoDate,
): void {
  const drawn = new Map<string, number>();
  const used = new Map<string, number>();
  for (const claim of claims) {
    if (claim.status === 'Voided') continue;
    const sent = claim.firstSubmittedAt !== null;
    for (const line of claim.lines) {
      if (line.authorizationId === null) continue;
      drawn.set(line.authorizationId, (drawn.get(line.authorizationId) ?? 0) + line.units);
      if (sent) used.set(line.authorizationId, (used.get(line.authorizationId) ?? 0) + line.units);
    }
  }
  for (const auth of authorizations) {
    const periodDays = daysBetween(auth.startDate, auth.endDate) + 1;
    const elapsed = Math.max(1, Math.min(periodDays, daysBetween(auth.startDate, asOf)));
    const projected = Math.floor(((drawn.get(auth.id) ?? 0) * periodDays) / elapsed);
    const marginBasisPoints = prng.chance(1400) ? prng.int(8500, 9900) : prng.int(10500, 15000);
    const units = Math.floor((projected * marginBasisPoints) / 10000);
    auth.unitsAuthorized = Math.max(8, Math.ceil(units / 4) * 4);
    auth.unitsUsed = used.get(auth.id) ?? 0;
  }
}

/**
 * A deterministic synthetic practice: the same options give byte-identical data (no clock, no
 * `Math.random`; every draw comes from seeded generators), different seeds give different practices.
 * One practice, 6–12 providers, 8 payers, about one client per 25 claims (at least 10), their
 * authorizations and fee schedule, `claims` Finalized sessions over the 180 days before `asOf`, and the
 * claim of each session made by the real `generateClaim`, then moved along its lifecycle with money
 * that balances (integer cents). Throws a RangeError for a non-integer seed or count or a malformed date.
 * @example generateSyntheticPractice({ seed: 42, claims: 2000, asOf: '2026-11-22' }).claims.length // → 2000
 */
export function generateSyntheticPractice(options: SyntheticOptions): SyntheticPractice {
  checkOptions(options);
  const { seed, claims: count, asOf } = options;

  const reference = createPrng(seed, 'reference');
  const npis = new Set<string>();
  const practice = syntheticPractice(seed, reference, npis);
  const syntheticProviderList = syntheticProviders(reference, npis);
  const payerList = syntheticPayers();
  const payersById = new Map<string, SyntheticPayer>(payerList.map((p) => [p.payer.id, p]));
  const feeSchedule = syntheticFeeSchedule(payerList, asOf);

  const clientList = syntheticClients(
    createPrng(seed, 'clients'),
    Math.max(10, Math.round(count / 25)),
    payersById,
    asOf,
  );
  const authorizations = syntheticAuthorizations(
    createPrng(seed, 'authorizations'),
    clientList,
    payersById,
    asOf,
  );
  const authorizationsByClient = new Map<string, Authorization[]>();
  for (const a of authorizations) {
    const list = authorizationsByClient.get(a.clientId);
    if (list === undefined) authorizationsByClient.set(a.clientId, [a]);
    else list.push(a);
  }

  const clock = new EventClock(asOf, SESSION_WINDOW_DAYS);
  const sessions = syntheticSessions(createPrng(seed, 'sessions'), count, {
    clientsByProgram: byKey<SyntheticClient, Program>(
      clientList,
      ['aba', 'psych', 'pt', 'slp'],
      (c) => c.program,
    ),
    providersBySpecialty: byKey<SyntheticProvider, Specialty>(
      syntheticProviderList,
      ['bcba', 'rbt', 'pt', 'psych', 'slp'],
      (p) => p.specialty,
    ),
    authorizationsByClient,
    dates: clock.dates,
  });

  const clientsById = new Map<string, Client>(clientList.map((c) => [c.client.id, c.client]));
  const payerRecords = new Map<string, Payer>(payerList.map((p) => [p.payer.id, p.payer]));
  const feeIndex = createFeeIndex(feeSchedule);
  const prng = createPrng(seed, 'claims');
  const noAuthorizations: Authorization[] = [];
  const claims = new Array<Claim>(count);
  for (let i = 0; i < count; i++) {
    const session = sessions[i]!;
    const client = clientsById.get(session.clientId)!;
    const kDos = sessionDaysBefore(i, count);
    // Notes are mostly finalized the same day, sometimes the next day or a few days late.
    const late = prng.int(0, 99);
    const kCreated = Math.max(1, kDos - (late < 70 ? 0 : late < 95 ? 1 : prng.int(2, 5)));
    const result = generateClaim(session, {
      practice,
      client,
      payersById: payerRecords,
      feeIndex,
      authorizations: authorizationsByClient.get(client.id) ?? noAuthorizations,
      createdAt: clock.instant(prng, kCreated, 13, 16),
    });
    if (!result.ok)
      throw new Error(`synthetic session ${session.id} did not become a claim: ${result.error.code}`);
    claims[i] = applySyntheticOutcome(result.claim, kDos, kCreated, {
      prng,
      clock,
      payer: payersById.get(result.claim.payerId)!,
      settleWriteOff: practice.settings.settleWriteOff,
    });
  }
  sizeAuthorizations(createPrng(seed, 'authorization-units'), authorizations, claims, asOf);

  return {
    practice,
    providers: syntheticProviderList.map((p) => p.provider),
    payers: payerList.map((p) => p.payer),
    clients: clientList.map((c) => c.client),
    authorizations,
    feeSchedule,
    sessions,
    claims,
  };
}
