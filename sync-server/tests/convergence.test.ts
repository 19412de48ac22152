/**
 * SPEC §4.1 (converge) and §4.5 (concurrent batch changes): five billers edit cells and batch-change
 * statuses over overlapping claims, dropping off the network and coming back at random, against a real
 * server on loopback. Once everyone is back, every replica — and one opened afterwards — holds the same
 * claims, histories and outcomes, and every intent was decided exactly once, for every claim it named.
 * Each run is driven by a seeded PRNG; the seed is in the test name and the last operations are
 * printed on failure (network timing is not replayable, the choices are).
 */
import { describe, expect, it } from 'vitest';
import type { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import { type Claim, claimSchema } from '../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../shared/domain/claimStatus.ts';
import type { EditableField } from '../../shared/sync/layout.ts';
import { createPrng, type Prng, weightedTable } from '../../shared/synthetic/prng.ts';
import { mergedResults, replicaState, sleep } from '../testing/replicaState.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

const SEEDS = [101, 202, 303];
const CLIENTS = 5;
const OPERATIONS = 150;
const CLAIMS = 120;

interface SentIntent {
  opId: string;
  claimIds: string[];
  toStatus: ClaimStatus;
  userId: string;
}

const places = ['11', '12', '10', '03'];
const diagnoses = [['F840'], ['F840', 'Z1389'], ['F900'], ['F4310', 'F840'], ['R480', 'F801', 'F840']];
const targets = weightedTable<ClaimStatus>([
  ['Held', 40],
  ['Ready', 35],
  ['Voided', 15],
  ['Settled', 10],
]);

describe('convergence: five billers, random edits, batches and disconnections', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every replica ends identical and every intent is decided once`, async () => {
      const trace: string[] = [];
      const t = await startTestServer({ claims: CLAIMS, seed });
      try {
        await runScenario(t, seed, trace);
      } catch (error) {
        console.error(`convergence seed ${seed} failed; last operations:\n${trace.slice(-40).join('\n')}`);
        throw error;
      } finally {
        await t.stop();
      }
    }, 45_000);
  }
});

async function runScenario(t: TestServer, seed: number, trace: string[]): Promise<void> {
  const rng = createPrng(seed, 'convergence');
  const users = [
    { token: t.tokens.biller1, userId: t.userIds.biller1 },
    { token: t.tokens.biller2, userId: t.userIds.biller2 },
  ];
  for (let i = users.length; i < CLIENTS; i++) users.push(await t.addUser(`biller${i + 1}`, 'biller'));
  const replicas = users.map((u) => t.replica(u.token));
  await Promise.all(replicas.map((r) => r.whenSynced()));
  // Choices are made over one fixed order, so a seed picks the same claims whatever arrived first.
  const claimIds = replicas[0]!.claimIds().sort();
  expect(claimIds.length).toBe(CLAIMS);
  const providerIds = t.practice.providers.map((p) => p.id);
  const online = replicas.map(() => true);
  const sent: SentIntent[] = [];
  let edits = 0;

  for (let step = 0; step < OPERATIONS; step++) {
    const k = rng.int(0, CLIENTS - 1);
    const r = replicas[k]!;
    const roll = rng.int(0, 99);
    if (roll < 55) {
      const editable = claimIds.filter((id) => {
        const s = r.claim(id)?.status;
        return s === 'Ready' || s === 'Held';
      });
      if (editable.length === 0) continue;
      const id = rng.pick(editable);
      const [field, value] = randomEdit(rng, r.claim(id)!, providerIds);
      r.editClaim(id, field, value);
      edits++;
      trace.push(`${step} r${k}${online[k] ? '' : '(off)'} edit ${id}.${field}=${JSON.stringify(value)}`);
    } else if (roll < 80) {
      const ids = distinct(rng, claimIds, rng.int(1, 6));
      const toStatus = rng.pickWeighted(targets);
      const reason = toStatus === 'Held' ? `Waiting on payer reply ${step}` : undefined;
      const opId = r.requestStatusChange(ids, toStatus, reason);
      sent.push({ opId, claimIds: ids, toStatus, userId: users[k]!.userId });
      trace.push(`${step} r${k}${online[k] ? '' : '(off)'} intent ${toStatus} [${ids.join(',')}] ${opId}`);
    } else if (roll < 92) {
      if (online[k]) r.disconnect();
      else r.connect();
      online[k] = !online[k];
      trace.push(`${step} r${k} ${online[k] ? 'connect' : 'disconnect'}`);
    } else {
      await sleep(rng.int(1, 8));
    }
    if (rng.chance(3500)) await sleep(rng.int(0, 4));
  }
  expect(edits).toBeGreaterThan(40);
  expect(sent.length).toBeGreaterThan(20);

  trace.push('everybody reconnects');
  replicas.forEach((r, k) => {
    if (!online[k]) r.connect();
  });
  const sameEverywhere = (rs: PracticeReplica[]) => {
    if (!rs.every((r) => r.synced && r.pendingIntents().length === 0)) return false;
    const first = JSON.stringify(replicaState(rs[0]!));
    return rs.every((r) => JSON.stringify(replicaState(r)) === first);
  };
  await waitFor(() => sameEverywhere(replicas), 10_000, 'replicas to converge').catch(() => {});
  const fresh = t.replica(t.tokens.biller1);
  await fresh.whenSynced();
  const all = [...replicas, fresh];
  await waitFor(() => sameEverywhere(all), 5000, 'the fresh replica to converge').catch(() => {});

  // Asserted explicitly so a failure shows the difference, not just a timeout.
  const reference = replicaState(fresh);
  for (const r of replicas) expect(replicaState(r)).toEqual(reference);
  for (const r of all) expect(r.pendingIntents()).toEqual([]);
  expect(reference.claims.length).toBe(CLAIMS);

  // Every intent decided once, for every claim it named, attributed to the biller who sent it.
  const decidedOps = new Set(reference.outcomes.map((o) => o.opId));
  expect(decidedOps).toEqual(new Set(sent.map((s) => s.opId)));
  for (const s of sent) {
    const results = mergedResults(fresh, s.opId);
    expect(Object.keys(results).sort()).toEqual([...s.claimIds].sort());
    for (const o of reference.outcomes.filter((x) => x.opId === s.opId)) {
      expect(o.userId).toBe(s.userId);
      expect(o.toStatus).toBe(s.toStatus);
    }
    for (const claimId of s.claimIds) {
      const events = reference.history[claimId]!.filter((e) => e.id === `${s.opId}:${claimId}`);
      expect(events.length).toBe(1);
      expect(events[0]!.kind).toBe(results[claimId]!.ok ? 'status_changed' : 'conflict');
      expect(events[0]!.actor).toEqual({ kind: 'user', userId: s.userId, role: 'biller' });
    }
  }

  // Each claim's status is the one its history arrived at, and every value it holds is valid.
  const seeded = new Map(t.practice.claims.map((c) => [c.id, c]));
  for (const claim of reference.claims) {
    expect(claimSchema.safeParse(claim).success).toBe(true);
    const history = reference.history[claim.id]!;
    const ids = history.map((e) => e.id);
    expect(history.filter((e, i) => ids.indexOf(e.id) !== i)).toEqual([]);
    const changes = history.filter((e) => e.kind === 'status_changed');
    expect(claim.status).toBe(changes.at(-1)?.toStatus ?? seeded.get(claim.id)!.status);
    if (claim.status === 'Held') expect(claim.holdReason).toBe(changes.at(-1)?.reason ?? claim.holdReason);
  }
  // The run exercised both sides of the rules.
  const results = reference.outcomes.flatMap((o) => Object.values(o.results));
  expect(results.some((x) => x.ok)).toBe(true);
  expect(results.some((x) => !x.ok)).toBe(true);
}

// A valid value for one of the editable fields (the cell would refuse an invalid one).
function randomEdit(rng: Prng, claim: Claim, providerIds: string[]): [EditableField, unknown] {
  switch (rng.int(0, 3)) {
    case 0:
      return ['placeOfService', rng.pick(places)];
    case 1:
      return ['diagnosisCodes', rng.pick(diagnoses)];
    case 2:
      return ['renderingProviderId', rng.pick(providerIds)];
    default: {
      const units = rng.int(1, 8);
      const lines = claim.lines.map((l, i) =>
        i === 0 ? { ...l, units, chargeCents: units * (l.rateCents ?? 0) } : l,
      );
      return ['lines', lines];
    }
  }
}

function distinct(rng: Prng, items: readonly string[], n: number): string[] {
  const out = new Set<string>();
  while (out.size < Math.min(n, items.length)) out.add(rng.pick(items));
  return [...out];
}
