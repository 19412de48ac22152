import type { Claim } from '../domain/claim.ts';

/**
 * Names of the top-level Yjs maps in each kind of document, and which claim fields live where.
 * A claim is assembled from its work record (what people edit) and its facts record (what the
 * server decided); neither alone is a claim. See `assembleClaim.ts`.
 */
export const refMaps = {
  /** key 'practice' → Practice */
  practice: 'practice',
  payers: 'payers',
  providers: 'providers',
  clients: 'clients',
  authorizations: 'authorizations',
  feeSchedule: 'feeSchedule',
} as const;

export const workMaps = {
  /** sessionId → Session (whole object; the server turns Finalized ones into claims) */
  sessions: 'sessions',
  /** claimId → Y.Map of the claim's work fields, one key per field so concurrent edits of different fields merge */
  claims: 'claims',
  /** opId → StatusIntent record, until the server has decided it */
  intents: 'intents',
} as const;

export const factsMaps = {
  /** claimId → ClaimFacts */
  status: 'status',
  /** claimId → Posting[] */
  postings: 'postings',
  /** claimId → Y.Array<HistoryEvent> */
  history: 'history',
  /** opId → IntentOutcome */
  outcomes: 'outcomes',
  /** sessionId → { code, message }: why a Finalized session could not become a claim */
  sessionProblems: 'sessionProblems',
  /** `FEED_ROW_SEQ_KEY` → newest claim-row sequence number (see claimRow.ts) */
  feed: 'feed',
} as const;

/** Claim fields decided only by the server (the facts record). */
export const factFields = [
  'status',
  'ediStatus',
  'holdReason',
  'denialCodes',
  'payerClaimControlNumber',
  'firstSubmittedAt',
  'lastSubmittedAt',
] as const satisfies readonly (keyof Claim)[];
export type ClaimFacts = Pick<Claim, (typeof factFields)[number]> & {
  /** Server sequence number of the last accepted change to this claim. */
  seq: number;
};

/** Claim fields people may edit while the claim is Ready or Held (SPEC §3); read-only afterwards. */
export const editableFields = [
  'placeOfService',
  'renderingProviderId',
  'diagnosisCodes',
  'lines',
  'authorizationId',
] as const satisfies readonly (keyof Claim)[];
export type EditableField = (typeof editableFields)[number];

/** Claim fields fixed when the claim is created. */
export const fixedFields = [
  'id',
  'practiceId',
  'sessionId',
  'clientId',
  'payerId',
  'policyRank',
  'dateOfService',
  'frequency',
  'originalReference',
  'relatedClaimId',
  'createdAt',
  'followUpNotes',
] as const satisfies readonly (keyof Claim)[];

/**
 * Key of the claim's work record that holds all its fixed fields as one value. They never change after
 * creation, so one CRDT item serves instead of twelve: fewer items is less memory and faster loading.
 * Editable fields stay one key each, so concurrent edits of different cells merge.
 */
export const FIXED_KEY = 'fixed';

/** Every claim field lives in exactly one place (checked by a test). */
export const workFields = [...fixedFields, ...editableFields] as const;

/** Statuses in which the editable fields may change. */
export function isEditableStatus(status: Claim['status']): boolean {
  return status === 'Ready' || status === 'Held';
}
