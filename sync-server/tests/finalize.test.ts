/**
 * SPEC §2 (a claim is generated when a session note is Finalized) and the deterministic claim id: two
 * billers offline finalize the same session; once both are back there is one claim, created once. A
 * Draft makes no claim; a session whose client has no insurance is reported on the session instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import { claimIdFor } from '../../shared/claims/claimId.ts';
import { unitKindOf } from '../../shared/claims/serviceCatalog.ts';
import type { Client } from '../../shared/domain/client.ts';
import type { Session } from '../../shared/domain/session.ts';
import { partitionOf, refDocName, workDocName } from '../../shared/sync/docNames.ts';
import { factsMaps, refMaps, workMaps } from '../../shared/sync/layout.ts';
import { sleep } from '../testing/replicaState.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

const CLAIMS = 150;
const DATE = '2026-11-20';

let t: TestServer;
let a: PracticeReplica;
let b: PracticeReplica;
let practiceId: string;
beforeAll(async () => {
  t = await startTestServer({ claims: CLAIMS, seed: 43 });
  practiceId = t.practice.practice.id;
  a = t.replica(t.tokens.biller1);
  b = t.replica(t.tokens.biller2);
  await Promise.all([a.whenSynced(), b.whenSynced()]);
});
afterAll(async () => {
  await t?.stop();
});

function problemOf(r: PracticeReplica, sessionId: string): { code: string; message: string } | undefined {
  return r.partitions
    .get(partitionOf(DATE))
    ?.facts.getMap<{ code: string; message: string }>(factsMaps.sessionProblems)
    .get(sessionId);
}

// A claim of the same month billed to a primary payer with a fee for a timed code: its session is the
// template for new sessions, so the new claim's rate is known.
function template() {
  const claim = t.practice.claims.find(
    (c) =>
      c.dateOfService.startsWith('2026-11') &&
      c.dateOfService <= DATE &&
      c.policyRank === 1 &&
      c.frequency === '1' &&
      c.lines.length === 1 &&
      c.lines[0]!.rateCents !== null &&
      unitKindOf(c.lines[0]!.serviceCode) === 'timed',
  )!;
  const session = t.practice.sessions.find((s) => s.id === claim.sessionId)!;
  return { claim, session };
}

describe('claims from finalized sessions', () => {
  it('two billers offline finalize one session: one claim, created once, everywhere', async () => {
    const { claim: model, session: modelSession } = template();
    const service = modelSession.services[0]!;
    const session: Session = {
      ...modelSession,
      id: 'ses-offline-0001',
      dateOfService: DATE,
      services: [{ serviceCode: service.serviceCode, modifiers: service.modifiers, minutes: 75 }],
      noteStatus: 'Finalized',
    };
    const claimId = claimIdFor(practiceId, session.id);
    a.disconnect();
    b.disconnect();
    a.saveSession(session);
    b.saveSession({ ...session });
    expect(a.claim(claimId)).toBeNull(); // claims are made by the server, not offline
    a.connect();
    b.connect();

    await waitFor(() => a.claim(claimId) !== null && b.claim(claimId) !== null, 5000, 'the claim');
    // Both copies of the session have reached the server; give a second generation the chance to happen.
    const serverWork = t.server.registry.get(workDocName(practiceId, partitionOf(DATE)))!.doc;
    const hasWritesOf = (r: PracticeReplica) =>
      Y.decodeStateVector(Y.encodeStateVector(serverWork)).has(
        r.partitions.get(partitionOf(DATE))!.work.clientID,
      );
    await waitFor(() => hasWritesOf(a) && hasWritesOf(b), 5000, 'both sessions on the server');
    await sleep(300);
    const fresh = t.replica(t.tokens.biller1);
    await fresh.whenSynced();
    // 75 minutes of a 15-minute timed code under every rounding rule: 5 units at the fee schedule rate.
    const rate = model.lines[0]!.rateCents!;
    for (const r of [a, b, fresh]) {
      expect(r.claims().length).toBe(CLAIMS + 1);
      expect(
        r
          .claims()
          .filter((c) => c.sessionId === session.id)
          .map((c) => c.id),
      ).toEqual([claimId]);
      expect(r.claim(claimId)).toMatchObject({
        status: 'Ready',
        sessionId: session.id,
        clientId: session.clientId,
        payerId: model.payerId,
        dateOfService: DATE,
        placeOfService: session.placeOfService,
        diagnosisCodes: model.diagnosisCodes,
        lines: [
          { lineNo: 1, serviceCode: service.serviceCode, units: 5, rateCents: rate, chargeCents: 5 * rate },
        ],
      });
      const history = r.history(claimId);
      expect(history.map((e) => e.kind)).toEqual(['created']);
      expect(history[0]).toMatchObject({ actor: { kind: 'server' }, toStatus: 'Ready' });
    }
  }, 15_000);

  it('a Draft makes no claim until it is finalized', async () => {
    const { session: modelSession } = template();
    const draft: Session = {
      ...modelSession,
      id: 'ses-draft-0001',
      dateOfService: DATE,
      noteStatus: 'Draft',
    };
    const claimId = claimIdFor(practiceId, draft.id);
    a.saveSession(draft);
    const serverSessions = () =>
      t.server.registry
        .get(workDocName(practiceId, partitionOf(DATE)))!
        .doc.getMap<Session>(workMaps.sessions);
    await waitFor(
      () => serverSessions().get(draft.id)?.noteStatus === 'Draft',
      5000,
      'the draft on the server',
    );
    await sleep(300);
    expect(b.claim(claimId)).toBeNull();
    expect(a.claim(claimId)).toBeNull();
    expect(problemOf(b, draft.id)).toBeUndefined();

    a.saveSession({ ...draft, noteStatus: 'Finalized' });
    await waitFor(() => b.claim(claimId) !== null, 5000, 'the claim once finalized');
    expect(b.claim(claimId)?.status).toBe('Ready');
  }, 15_000);

  it('a session whose client has no insurance gets a problem, not a claim', async () => {
    const { session: modelSession } = template();
    const selfPay: Client = {
      id: 'cl-selfpay-01',
      name: { last: 'Testperson', first: 'Sam' },
      dateOfBirth: '2015-04-02',
      sex: 'U',
      address: { line1: '1 Test Way', city: 'Austin', state: 'TX', zip: '78701' },
      policies: [],
    };
    a.ref.getMap<Client>(refMaps.clients).set(selfPay.id, selfPay);
    const serverRef = t.server.registry.get(refDocName(practiceId))!.doc;
    await waitFor(() => serverRef.getMap(refMaps.clients).has(selfPay.id), 5000, 'the client on the server');
    const session: Session = {
      ...modelSession,
      id: 'ses-selfpay-0001',
      clientId: selfPay.id,
      dateOfService: DATE,
      noteStatus: 'Finalized',
    };
    delete session.authorizationId; // the self-pay client has no authorization
    a.saveSession(session);
    await waitFor(() => problemOf(b, session.id) !== undefined, 5000, 'the problem');
    expect(problemOf(b, session.id)?.code).toBe('no_insurance');
    expect(problemOf(b, session.id)?.message).toContain(DATE);
    expect(b.claim(claimIdFor(practiceId, session.id))).toBeNull();
    expect(a.claim(claimIdFor(practiceId, session.id))).toBeNull();
  }, 15_000);
});
