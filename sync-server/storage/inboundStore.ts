/**
 * What the server received from the clearinghouse (or a person uploaded) and what it did with each
 * file (sync-server/inbound/). A file is known by the SHA-256 of its bytes, once per practice: the same
 * content arriving again, under any name, is recognised and not processed twice.
 */

/** Where a file came from: the clearinghouse's `outbound/` folder, or a person's upload. */
export type InboundSource = 'sftp' | 'upload';

/**
 * - received: archived, not yet processed (a stop in between leaves it here; processed at start)
 * - processed: its facts are recorded
 * - quarantined: it could not be read or did not balance; nothing was posted
 * - ignored: not a kind this product acts on (a text report, an 837 echoed back)
 */
export type InboundState = 'received' | 'processed' | 'quarantined' | 'ignored';

export interface InboundFileRecord {
  practiceId: string;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  /** The remote file name or the uploaded file's name (shown, never trusted). */
  name: string;
  source: InboundSource;
  size: number;
  receivedAt: string;
  /** User id of an upload; null for the poller. */
  receivedBy: string | null;
  /** What its content says it is (`835`, `999`, `277CA`, …; `unknown` when unreadable). */
  kind: string;
  state: InboundState;
  /** JSON of what processing did (counts, claims moved, payments unmatched); null until processed. */
  outcome: string | null;
  /** Why it was quarantined, in words for a biller; null otherwise. */
  problem: string | null;
  processedAt: string | null;
}

export type NewInboundFile = Omit<InboundFileRecord, 'state' | 'outcome' | 'problem' | 'processedAt'>;

export interface InboundFinish {
  state: Exclude<InboundState, 'received'>;
  kind: string;
  outcome: string | null;
  problem: string | null;
  processedAt: string;
}

export interface InboundStore {
  /** Records a received file; false (and nothing changed) when the practice already has this content. */
  addInboundFile(file: NewInboundFile): boolean;
  getInboundFile(practiceId: string, hash: string): InboundFileRecord | null;
  /** Records the result; only a file still 'received' changes. Returns whether this call changed it. */
  finishInboundFile(practiceId: string, hash: string, result: InboundFinish): boolean;
  /** Replaces the outcome of a processed file (a person matched one of its payments by hand). */
  setInboundOutcome(practiceId: string, hash: string, outcome: string): boolean;
  /** Newest first. */
  listInboundFiles(practiceId: string, limit: number): InboundFileRecord[];
  /** Files of every practice left 'received' by a stop. */
  unfinishedInboundFiles(): InboundFileRecord[];
  /**
   * The content hash of a remote file seen before with this name, size and modification time, so a
   * poll downloads only what is new; null when not seen.
   */
  seenRemoteFile(practiceId: string, name: string, size: number, modifiedAt: string): string | null;
  rememberRemoteFile(practiceId: string, name: string, size: number, modifiedAt: string, hash: string): void;
}
