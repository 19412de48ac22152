/**
 * SPEC §4.2 (nothing lost) and §10 ("a laptop back online with 1,000 offline edits"): a biller works
 * offline for a thousand operations — cell edits, and now and then a batch status change — then
 * reconnects. Every edit reaches the server and a colleague, and every intent is decided once, in the
 * order it was made, exactly as the shared transition function decides it on the biller's own copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../shared/domain/claimStatus.ts';
import { transition } from '../../shared/lifecycle/transition.ts';
import { type EditableField, isEditableStatus } from '../../shared/sync/layout.ts';
import { createPrng, weightedTable } from '../../shared/synthetic/prng.ts';
import { mergedResults } from '../testing/replicaState.ts';
import { serverClaim } from '../testing/serverClaim.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

const OPERATIONS = 1000;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 200, seed: 23 });
});
afterAll(async () => {
  await t?.stop();
});

interface Expected {
  opId: string;
  toStatus: ClaimStatus;
  /** Per claim: accepted, or the refusal code the shared transition function gives. */
  results: Record<string, { ok: true } | { ok: false; code: string }>;
}

const targets = weightedTable<ClaimStatus>([
  ['Held', 35],
  ['Ready', 30],
  ['Settled', 12],
  ['Voided', 13],
  ['Submitted', 5],
  ['Paid', 5],
]);

describe('offline: 1,000 operations made without a connection', () => {
  it('all reach the server and a colleague; each intent is decided once, in order', async () => {
    const a = t.replica(t.tokens.biller1);
    const b = t.replica(t.tokens.biller2);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    a.disconnect();

    const rng = createPrng(5, 'offline');
    const ids = a.claimIds().sort();
    // The biller's copy, advanced by the same rules the server will apply, in the same order.
    const sim = new Map<string, Claim>(ids.map((id) => [id, a.claim(id)!]));
    // Closed claims are rows, not live documents: offline, only claims live now take edits (a claim
    // reopened offline holds its edits until the server has reopened it; tested in reopen.test.ts).
    const liveAtStart = new Set(ids.filter((id) => isEditableStatus(sim.get(id)!.status)));
    const settings = t.practice.practice.settings;
    const actor = { kind: 'user' as const, userId: t.userIds.biller1, role: 'biller' as const };
    const lastValue = new Map<string, { id: string; field: EditableField; value: unknown }>();
    const expected: Expected[] = [];
    const providerIds = t.practice.providers.map((p) => p.id);

    for (let step = 0; step < OPERATIONS; step++) {
      if (step % 10 !== 9) {
        const editable = ids.filter((id) => liveAtStart.has(id) && isEditableStatus(sim.get(id)!.status));
        const id = rng.pick(editable);
        const claim = sim.get(id)!;
        const roll = rng.int(0, 99);
        let field: EditableField;
        let value: unknown;
        if (roll < 40) {
          // Unique per step, so a lost edit can't hide behind an equal older value.
          [field, value] = ['diagnosisCodes', ['F840', `Z${String(step).padStart(4, '0')}`]];
        } else if (roll < 70) {
          [field, value] = ['placeOfService', rng.pick(['11', '12', '10', '03'])];
        } else if (roll < 85) {
          [field, value] = ['renderingProviderId', rng.pick(providerIds)];
        } else {
          const units = rng.int(1, 12);
          field = 'lines';
          value = claim.lines.map((l, i) =>
            i === 0 ? { ...l, units, chargeCents: units * (l.rateCents ?? 0) } : l,
          );
        }
        a.editClaim(id, field, value);
        sim.set(id, { ...claim, [field]: value } as Claim);
        lastValue.set(`${id}|${field}`, { id, field, value });
        continue;
      }
      const picked = new Set<string>();
      const size = rng.int(1, 5);
      while (picked.size < size) picked.add(rng.pick(ids));
      const toStatus = rng.pickWeighted(targets);
      const reason = toStatus === 'Held' ? `Offline hold ${step}` : undefined;
      const opId = a.requestStatusChange([...picked], toStatus, reason);
      const results: Expected['results'] = {};
      for (const id of picked) {
        const r = transition(
          sim.get(id)!,
          { toStatus, reason },
          { actor, at: '2026-11-23T00:00:00Z', eventId: 'sim', postingIdPrefix: 'sim', settings },
        );
        if (r.ok) sim.set(id, r.claim);
        results[id] = r.ok ? { ok: true } : { ok: false, code: r.refusal.code };
      }
      expected.push({ opId, toStatus, results });
    }
    expect(new Set(a.pendingIntents().map((i) => i.opId)).size).toBe(expected.length);
    // Nothing reached anyone while offline.
    expect(b.pendingIntents()).toEqual([]);

    const started = performance.now();
    a.connect();
    await waitFor(
      () =>
        expected.every((e) => a.intentStatus(e.opId).decided && b.intentStatus(e.opId).decided) &&
        [...lastValue.values()].every(({ id, field, value }) => sameJson(b.claim(id)?.[field], value)) &&
        // Closed claims reach the colleague as rows, fetched after the decision is announced.
        ids.every((id) => b.claim(id)?.status === sim.get(id)!.status),
      15_000,
      'offline work to reach the colleague',
    ).catch(() => {});
    console.info(
      `offline: ${OPERATIONS} operations reconciled in ${Math.round(performance.now() - started)} ms`,
    );

    // Every edit's last value is on the colleague's screen and in the server's own documents.
    const server = (id: string) => serverClaim(t.server, t.practice.practice.id, a.claim(id)!);
    for (const { id, field, value } of lastValue.values()) {
      expect({ id, field, value: b.claim(id)?.[field] }).toEqual({ id, field, value });
      expect({ id, field, value: server(id)?.[field] }).toEqual({ id, field, value });
    }

    // Each intent decided once, with the result the biller's own copy predicted, in order.
    for (const e of expected) {
      const results = mergedResults(b, e.opId);
      const got: Expected['results'] = {};
      for (const [id, r] of Object.entries(results))
        got[id] = r.ok ? { ok: true } : { ok: false, code: r.code };
      expect({ opId: e.opId, results: got }).toEqual({ opId: e.opId, results: e.results });
      for (const [id, r] of Object.entries(e.results)) {
        const events = b.history(id).filter((h) => h.id === `${e.opId}:${id}`);
        expect(events.map((h) => h.kind)).toEqual([r.ok ? 'status_changed' : 'conflict']);
      }
    }
    for (const id of ids) {
      const want = sim.get(id)!;
      expect({ id, status: b.claim(id)!.status, holdReason: b.claim(id)!.holdReason }).toEqual({
        id,
        status: want.status,
        holdReason: want.holdReason,
      });
      // No edit was undone: an undone edit leaves a conflict event naming a field.
      expect(b.history(id).filter((h) => h.detail?.includes('field='))).toEqual([]);
    }
    const accepted = expected.flatMap((e) => Object.values(e.results)).filter((r) => r.ok).length;
    expect(accepted).toBeGreaterThan(50);
    expect(a.pendingIntents()).toEqual([]);
    expect(b.pendingIntents()).toEqual([]);
  }, 40_000);
});

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
