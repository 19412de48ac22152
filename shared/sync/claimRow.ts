import { z } from 'zod';
import { type Claim, claimSchema } from '../domain/claim.ts';
import { type HistoryEvent, historyEventSchema } from '../domain/history.ts';
import { type Session, sessionSchema } from '../domain/session.ts';

/**
 * A claim kept out of the live documents. Live Yjs documents hold only claims people edit together
 * (Ready and Held, see `isEditableStatus`); every other claim is a read-only row the server stores and
 * serves by a per-practice row sequence number, and clients keep in IndexedDB. Status changes of such
 * claims still go through intents; the server rewrites the row (a new row sequence number) and, when a
 * claim becomes editable again (Resubmit), moves it back into the live documents and leaves a row with
 * `claim: null` so replicas drop their copy.
 */
export interface ClaimRow {
  claimId: string;
  /** Service month `YYYY-MM`: where the claim's intents go and where it returns to when reopened. */
  partition: string;
  /** Position in the practice's row feed; a later row for the same claim replaces an earlier one. */
  rowSeq: number;
  /** The whole claim (facts and postings included), or null when it is back in the live documents. */
  claim: Claim | null;
  /** Events stored for the claim (created, refused edits); status changes come from intent outcomes. */
  history: HistoryEvent[];
  /** The session note the claim was made from; it leaves the live documents with its claim. */
  session?: Session;
}

/** What the server stores per row, apart from its keys: the claim, its stored history, its session. */
export interface ClaimRowBody {
  claim: Claim | null;
  history: HistoryEvent[];
  session?: Session;
}

export const claimRowBodySchema = z.object({
  claim: claimSchema.nullable(),
  history: z.array(historyEventSchema),
  session: sessionSchema.optional(),
});

/**
 * `GET /api/practices/:id/claim-rows?after=N&limit=M` answers rows with rowSeq > N in rowSeq order.
 * `last` is the practice's newest row sequence number: fetch again while the last row returned is
 * below it.
 */
export interface ClaimRowsPage {
  rows: ClaimRow[];
  last: number;
}

/** Largest page the server answers (and its default). */
export const CLAIM_ROWS_PAGE_LIMIT = 20_000;

/**
 * Key in the facts documents' `feed` map holding the practice's newest row sequence number when the
 * server last wrote rows for claims of that month: a replica that sees it grow fetches the new rows.
 */
export const FEED_ROW_SEQ_KEY = 'rowSeq';
