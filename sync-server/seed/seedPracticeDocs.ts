import * as Y from 'yjs';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import { factsDocName, partitionOf, refDocName, workDocName } from '../../shared/sync/docNames.ts';
import { factsMaps, refMaps, workMaps } from '../../shared/sync/layout.ts';
import type { SyntheticPractice } from '../../shared/synthetic/generateSyntheticPractice.ts';
import { workRecordMap } from '../authority/claimRecords.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * Writes a whole practice (reference data, sessions, claims with their facts) into its documents,
 * one stored update per document. For the demo and for tests and benchmarks that need a big practice
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
  for (const session of data.sessions) {
    docsFor(partitionOf(session.dateOfService)).work.getMap(workMaps.sessions).set(session.id, session);
  }
  const firstSeq = storage.nextCounter(`seq:${practiceId}`, Math.max(1, data.claims.length));
  data.claims.forEach((claim, i) => {
    const { work, facts } = docsFor(partitionOf(claim.dateOfService));
    const split = splitClaim(claim, firstSeq + i);
    work.getMap(workMaps.claims).set(claim.id, workRecordMap(split.work));
    facts.getMap(factsMaps.status).set(claim.id, split.facts);
    if (claim.postings.length > 0) facts.getMap(factsMaps.postings).set(claim.id, claim.postings);
  });
  for (const [partition, { work, facts }] of byPartition) {
    storage.appendUpdate(workDocName(practiceId, partition), Y.encodeStateAsUpdate(work));
    storage.appendUpdate(factsDocName(practiceId, partition), Y.encodeStateAsUpdate(facts));
  }
  return { partitions: [...byPartition.keys()].sort() };
}
