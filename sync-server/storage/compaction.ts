import * as Y from 'yjs';
import type { Storage } from './storage.ts';

/** Updates after the snapshot at which a document is compacted: loading replays at most this many. */
export const COMPACT_AFTER_UPDATES = 500;
/** Bytes of updates after the snapshot at which a document is compacted, whatever their count. */
export const COMPACT_AFTER_BYTES = 1024 * 1024;

/** Whether a document's update log is long or large enough that it should become a snapshot. */
export function shouldCompact(pendingUpdates: number, pendingBytes = 0): boolean {
  if (pendingUpdates <= 0) return false;
  return pendingUpdates >= COMPACT_AFTER_UPDATES || pendingBytes >= COMPACT_AFTER_BYTES;
}

/**
 * Stores `ydoc`'s full state as the snapshot of `docName`, covering every stored update, and
 * returns the last seq it covers. `ydoc` must already hold every stored update of `docName` (the
 * server applies and appends each update in one synchronous step), or those it lacks are lost.
 * A caller that tracks its log (the sync room does) passes `lastSeq` and saves reading the log;
 * without it, does nothing when no update is pending.
 */
export function compactDocNow(storage: Storage, docName: string, ydoc: Y.Doc, lastSeq?: number): number {
  if (lastSeq !== undefined) {
    storage.compactDoc(docName, Y.encodeStateAsUpdate(ydoc), lastSeq);
    return lastSeq;
  }
  // Without the caller's count, the log is read only to learn its last seq.
  const stored = storage.loadDoc(docName);
  if (!stored || stored.updates.length === 0) return stored?.lastSeq ?? 0;
  storage.compactDoc(docName, Y.encodeStateAsUpdate(ydoc), stored.lastSeq);
  return stored.lastSeq;
}
