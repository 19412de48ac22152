import * as Y from 'yjs';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import { FEED_ROW_SEQ_KEY } from '../../shared/sync/claimRow.ts';
import { factsDocName, partitionOf, refDocName, workDocName } from '../../shared/sync/docNames.ts';
import { factsMaps, isEditableStatus, refMaps, workMaps } from '../../shared/sync/layout.ts';
import type { SyntheticPractice } from '../../shared/synthetic/generateSyntheticPractice.ts';
import { workRecordMap } from '../authority/claimRecords.ts';
import { closedClaimRow } from '../authority/partitionClaims.ts';
import type { ClaimRowWrite, Storage } from '../storage/storage.ts';

/**
 * Writes a whole practice (reference data, sessions, claims with their facts) into its documents,
 * one stored update per document, and its closed claims as rows. For the demo and for tests and benchmarks that need a big practice
 * without replaying every change; the server loads these like any other stored document.
 */
export function seedPracticeDocs(storage: Storage, data: SyntheticPractice): { partitions: string[] } {
  const practiceId = data.practice.id;
  const ref = new Y.Doc();
  ref.transact(() => {
    ref.getMap(refMaps.practice).set('practice', data.practice);
    for (const [name, items] of [
      [refMaps.payers, data.payers],
      [refMaps.providers, data.providers],
      [refMaps.clients, data.clients],
      [refMaps.authorizations, data.authorizations],
      [refMaps.feeSchedule, data.feeSchedule],
    ] as const) {
      const map = ref.getMap(name);
      for (const item of items) map.set(item.id, item);
    }
  });
  storage.appendUpdate(refDocName(practiceId), Y.encodeStateAsUpdate(ref));

  const byPartition = new Map<string, { work: Y.Doc; facts: Y.Doc }>();
  const docsFor = (partition: string) => {
    let docs = byPartition.get(partition);
    if (!docs) {
      docs = { work: new Y.Doc(), facts: new Y.Doc() };
      byPartition.set(partition, docs);
    }
    return docs;
  };
  // Claims no one edits any more (past submission, settled, voided) are rows, and so are their
  // sessions; the live documents get the editable claims and the other sessions.
  const sessionsById = new Map(data.sessions.map((s) => [s.id, s]));
  const rows: ClaimRowWrite[] = [];
  const firstSeq = storage.nextCounter(`seq:${practiceId}`, Math.max(1, data.claims.length));
  data.claims.forEach((claim, i) => {
    const partition = partitionOf(claim.dateOfService);
    const { work, facts } = docsFor(partition);
    const session = claim.sessionId === null ? undefined : sessionsById.get(claim.sessionId);
    if (!isEditableStatus(claim.status)) {
      rows.push(closedClaimRow(claim, partition, [], session));
      if (session) sessionsById.delete(session.id);
      return;
    }
    const split = splitClaim(claim, firstSeq + i);
    work.getMap(workMaps.claims).set(claim.id, workRecordMap(split.work));
    facts.getMap(factsMaps.status).set(claim.id, split.facts);
    if (claim.postings.length > 0) facts.getMap(factsMaps.postings).set(claim.id, claim.postings);
  });
  for (const session of sessionsById.values()) {
    docsFor(partitionOf(session.dateOfService)).work.getMap(workMaps.sessions).set(session.id, session);
  }
  if (rows.length > 0) {
    const last = storage.putClaimRows(practiceId, rows);
    for (const { facts } of byPartition.values()) facts.getMap(factsMaps.feed).set(FEED_ROW_SEQ_KEY, last);
  }
  for (const [partition, { work, facts }] of byPartition) {
    storage.appendUpdate(workDocName(practiceId, partition), Y.encodeStateAsUpdate(work));
    storage.appendUpdate(factsDocName(practiceId, partition), Y.encodeStateAsUpdate(facts));
  }
  return { partitions: [...byPartition.keys()].sort() };
}
