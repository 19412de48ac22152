import { type Claim, claimChargeCents } from '../../shared/domain/claim.ts';
import { scrubClaims } from '../../shared/scrubber/index.ts';
import type { ClaimRowBody } from '../../shared/sync/claimRow.ts';
import { partitionOf } from '../../shared/sync/docNames.ts';
import {
  type Claim837PInput,
  fileName,
  type Submitter837P,
  write837p,
  X12WriteError,
} from '../../shared/x12/index.ts';
import { PartitionClaims } from '../authority/partitionClaims.ts';
import type { SubmissionBatchClaim, SubmissionBatchRecord } from '../storage/storage.ts';
import { claimFingerprint } from './claimFingerprint.ts';
import { claimInput } from './claimInput.ts';
import { reserveControlNumbers } from './controlNumbers.ts';
import { type ClaimFindings, claimUnits, inScope, type PayerFilter, payerFilter } from './planSubmission.ts';
import { type DocsAccess, liveClaims, partitionDocs } from './practiceDocs.ts';
import { type ClaimProblem, SubmissionError } from './submissionError.ts';
import type { SubmissionReference } from './submissionReference.ts';

/** Office Ally takes at most 5,000 claims in one file (one transaction set per payer, ≤ 5,000 claims each). */
export const MAX_BATCH_CLAIMS = 5000;

/** Who generates the batch: also the file's submitter contact (1000A PER). */
export interface SubmissionUser {
  id: string;
  displayName: string;
  email: string;
}

export interface GenerateRequest {
  /** 'all' (every EDI payer) or an internal payer id. */
  payer: string;
  /**
   * The claims chosen on the New submission screen. Left out: every Ready claim in scope that passes the
   * scrubber (the screen's default), so a 5,000-claim batch needs no 5,000-id request body.
   */
  claimIds?: readonly string[];
}

export interface GenerateResult {
  batch: SubmissionBatchRecord;
  /** Chosen claims left out of the file, with why. */
  refused: ClaimProblem[];
  /** Claims of the batch with scrubber warnings (they went in). */
  warnings: ClaimFindings[];
  /** Without `claimIds`: passing claims beyond the 5,000 of one file, for the next batch. */
  remaining: number;
}

export interface GenerateContext extends DocsAccess {
  practiceId: string;
  user: SubmissionUser;
  ref: SubmissionReference;
  /** When the file is made (UTC instant). */
  at: string;
}

const byDateThenId = (a: Claim, b: Claim): number =>
  a.dateOfService < b.dateOfService ? -1 : a.dateOfService > b.dateOfService ? 1 : a.id < b.id ? -1 : 1;

/** Emails go into PER as they are; one with an X12 delimiter in it cannot. */
const X12_SAFE_EMAIL = /^[A-Za-z0-9._%+@-]{3,256}$/;

/**
 * Builds one 837P batch: re-checks every chosen claim (still Ready, in scope, passing the scrubber, its
 * records complete), takes the practice's next control numbers, writes the file with the Office Ally
 * envelope (test mode from the practice's clearinghouse settings: OATEST in the file name, ISA15 T) and
 * stores the batch as 'generated'. Claims do not change status here: only a file going out does that.
 * Refuses (SubmissionError) when no chosen claim can go.
 */
export function generateBatch(ctx: GenerateContext, request: GenerateRequest): GenerateResult {
  const { practiceId, ref } = ctx;
  const filter = payerFilter(ref, request.payer);
  const live = liveClaims(ctx, practiceId);
  const partitions = new Map(live.map(({ claim, partition }) => [claim.id, partition]));
  const refused: ClaimProblem[] = [];
  const chosen = request.claimIds
    ? pickChosen(live, request.claimIds, filter, ref, refused)
    : live
        .map((l) => l.claim)
        .filter((c) => c.status === 'Ready' && inScope(c, filter, ref))
        .sort(byDateThenId);

  const scrubbed = scrubClaims(chosen, ref.scrub);
  for (const { claim, findings } of scrubbed.failing) {
    refused.push({
      claimId: claim.id,
      code: 'scrubber',
      message:
        'The scrubber found problems on this claim, so it was left out — fix them and add it to a later batch.',
      findings,
    });
  }
  let clean = scrubbed.clean;
  let remaining = 0;
  if (clean.length > MAX_BATCH_CLAIMS) {
    remaining = clean.length - MAX_BATCH_CLAIMS;
    clean = clean.slice(0, MAX_BATCH_CLAIMS);
  }

  const related = relatedClaims(ctx);
  let inputs: Claim837PInput[] = [];
  for (const claim of clean) {
    const result = claimInput(claim, ref, related);
    if (result.ok) inputs.push(result.input);
    else refused.push(result.problem);
  }
  if (inputs.length === 0) {
    throw new SubmissionError(
      'nothing_to_submit',
      chosen.length === 0 && refused.length === 0
        ? 'There are no Ready claims for this payer that can be sent.'
        : 'None of the chosen claims can be sent now; each one says why.',
      refused,
    );
  }

  const numbers = reserveControlNumbers(ctx.storage, practiceId);
  // ISA13 never repeats for the practice, so it makes a unique batch id a biller can read out.
  const batchId = `B${String(numbers.interchange).padStart(9, '0')}`;
  const { practice } = ref;
  const submitter = submitterOf(ctx.user);
  let text = '';
  for (;;) {
    try {
      text = write837p({
        practice,
        submitter,
        interchangeControlNumber: numbers.interchange,
        groupControlNumber: numbers.group,
        usage: practice.clearinghouse.testMode ? 'T' : 'P',
        at: ctx.at,
        reference: batchId,
        claims: inputs,
      }).text;
      break;
    } catch (err) {
      // A claim the writer refuses (named by its position, never by its data) is left out, the rest go.
      const index = err instanceof X12WriteError ? claimIndex(err.message) : null;
      if (!(err instanceof X12WriteError) || index === null || index >= inputs.length) {
        throw new SubmissionError(
          'file_not_written',
          'The 837P file could not be written' +
            (err instanceof X12WriteError ? ` (${err.segmentId} segment)` : '') +
            ' — check the practice’s billing details in Settings → Practice, then generate again.',
        );
      }
      const reason = err.message.slice(err.message.indexOf(']: ') + 3);
      refused.push({
        claimId: inputs[index]!.claim.id,
        code: 'file_rejected_claim',
        message: `This claim could not be written to the 837P file (${err.segmentId} segment: ${reason}) — fix the claim or its records and add it to a later batch.`,
      });
      inputs = inputs.filter((_, i) => i !== index);
      if (inputs.length === 0) {
        throw new SubmissionError(
          'nothing_to_submit',
          'None of the chosen claims can be sent now; each one says why.',
          refused,
        );
      }
    }
  }

  const claims: SubmissionBatchClaim[] = inputs.map(({ claim }) => ({
    claimId: claim.id,
    partition: partitions.get(claim.id) ?? partitionOf(claim.dateOfService),
    payerId: claim.payerId,
    chargeCents: claimChargeCents(claim),
    units: claimUnits(claim),
    fingerprint: claimFingerprint(claim),
  }));
  let total = 0;
  for (const c of claims) total += c.chargeCents;
  const batch: SubmissionBatchRecord = {
    id: batchId,
    practiceId,
    createdAt: ctx.at,
    createdBy: ctx.user.id,
    payerFilter: filter.kind === 'all' ? 'all' : filter.payer.id,
    claimCount: claims.length,
    totalChargeCents: total,
    fileName: fileName({ practiceId, batchId, testMode: practice.clearinghouse.testMode, at: ctx.at }),
    state: 'generated',
    attempts: 0,
    lastError: null,
    interchangeControlNumber: numbers.interchange,
    groupControlNumber: numbers.group,
    uploadedAt: null,
    uploadedBy: null,
    factsRecordedAt: null,
    ackState: null,
    acknowledgedAt: null,
    claims,
    factsSkipped: [],
  };
  ctx.storage.createSubmissionBatch(batch, text);
  const inBatch = new Set(claims.map((c) => c.claimId));
  const warnings = scrubbed.warnings
    .filter(({ claim }) => inBatch.has(claim.id))
    .map(({ claim, findings }) => ({ claimId: claim.id, findings }));
  return { batch, refused, warnings, remaining };
}

/** The chosen claims that are still Ready and in scope, in the order chosen; the others go to `refused`. */
function pickChosen(
  live: readonly { claim: Claim }[],
  claimIds: readonly string[],
  filter: PayerFilter,
  ref: SubmissionReference,
  refused: ClaimProblem[],
): Claim[] {
  const ids = [...new Set(claimIds)];
  if (ids.length > MAX_BATCH_CLAIMS) {
    throw new SubmissionError(
      'too_many_claims',
      `One file holds at most ${MAX_BATCH_CLAIMS.toLocaleString('en-US')} claims — choose fewer and make a second batch for the rest.`,
    );
  }
  const byId = new Map(live.map(({ claim }) => [claim.id, claim]));
  const chosen: Claim[] = [];
  for (const claimId of ids) {
    const claim = byId.get(claimId);
    if (claim?.status !== 'Ready') {
      refused.push({
        claimId,
        code: 'not_ready',
        message: claim
          ? `This claim is ${claim.status} now, not Ready, so it was left out.`
          : 'This claim is no longer Ready (it was sent, settled or voided meanwhile), so it was left out.',
      });
    } else if (!inScope(claim, filter, ref)) {
      refused.push({
        claimId,
        code: 'other_payer',
        message:
          filter.kind === 'payer'
            ? `This claim is billed to another payer than ${filter.payer.name}, so it was left out.`
            : 'This claim’s payer takes paper claims only, so it was left out.',
      });
    } else {
      chosen.push(claim);
    }
  }
  return chosen;
}

/** The claim a secondary claim follows: in the month of its date of service (live or a row), else any row. */
function relatedClaims(ctx: GenerateContext) {
  return (claimId: string, dateOfService: string): Claim | null => {
    const near = new PartitionClaims(partitionDocs(ctx, ctx.practiceId, partitionOf(dateOfService))).read(
      claimId,
    );
    if (near) return near;
    const row = ctx.storage.getClaimRow(ctx.practiceId, claimId);
    // The server wrote this row itself from a validated claim.
    return row ? ((JSON.parse(row.body) as ClaimRowBody).claim ?? null) : null;
  };
}

function submitterOf(user: SubmissionUser): Submitter837P {
  if (!X12_SAFE_EMAIL.test(user.email)) {
    throw new SubmissionError(
      'file_not_written',
      'Your account’s email address cannot be written into the file as its contact — ask an admin to give your account a plain email address.',
    );
  }
  return { contactName: user.displayName, email: user.email };
}

/** The position in `claims[i]: …` of a writer error about one claim. */
function claimIndex(message: string): number | null {
  const m = /claims\[(\d+)\]:/.exec(message);
  return m ? Number(m[1]) : null;
}
