import type { Claim } from '../../shared/domain/claim.ts';
import { defaultPracticeSettings } from '../../shared/domain/practice.ts';
import { PartitionClaims } from '../authority/partitionClaims.ts';
import { referenceData } from '../authority/referenceData.ts';
import {
  ClearinghouseAccountProblem,
  type ClearinghouseAccounts,
  createClearinghouseAccounts,
} from '../clearinghouse/clearinghouseAccounts.ts';
import type { CredentialVault } from '../clearinghouse/credentialVault.ts';
import { SftpError } from '../clearinghouse/sftpErrors.ts';
import {
  type SftpConnection,
  type SftpOptions,
  testConnection,
  uploadFile,
} from '../clearinghouse/sftpUploader.ts';
import { errorFields, type Logger } from '../log.ts';
import type {
  SubmissionBatchRecord,
  SubmissionBatchState,
  SubmissionBatchSummary,
  SubmissionFactSkipped,
} from '../storage/storage.ts';
import { claimFingerprint } from './claimFingerprint.ts';
import {
  type GenerateRequest,
  type GenerateResult,
  generateBatch,
  type SubmissionUser,
} from './generateBatch.ts';
import { payerFilter, planClaims, type SubmissionPlan } from './planSubmission.ts';
import { type DocsAccess, liveClaims, partitionDocs, refDoc } from './practiceDocs.ts';
import { drawAuthorizationUnits, recordSubmittedClaims } from './recordSubmitted.ts';
import { type ClaimProblem, SubmissionError } from './submissionError.ts';
import { submissionReference } from './submissionReference.ts';

export interface SubmissionServiceOptions extends DocsAccess {
  log: Logger;
  now?: () => Date;
  /** DATA_DIR: where the credential vault and its key file are. */
  dataDir: string;
  /** The practices' clearinghouse accounts; by default from a vault opened on first use from `dataDir` and `env`. */
  accounts?: ClearinghouseAccounts;
  /** The clearinghouse credentials, when `accounts` is not given. */
  vault?: CredentialVault;
  /** Where the vault key variable is read (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Retries and timeouts of the SFTP upload (the uploader's defaults otherwise). */
  sftp?: SftpOptions;
  /** Finish what a stop interrupted, at once (default true). See `recover`. */
  recover?: boolean;
}

/** The clearinghouse connection as the Submissions screen shows it; never a secret. */
export type ConnectionStatus =
  | { state: 'connected'; host: string; port: number; hostKeySha256: string }
  | { state: 'not_configured' | 'unreadable' | 'failing'; message: string; host?: string; port?: number };

export type SubmitResult =
  | { ok: true; batch: SubmissionBatchRecord }
  /** The upload failed: the batch is 'failed' with `message` (also its `lastError`); claims stay Ready. */
  | { ok: false; batch: SubmissionBatchRecord; message: string };

export interface SubmissionService {
  /** The practice's Ready claims for a payer ('all' = every EDI payer), scrubbed. */
  plan(practiceId: string, payer: string): SubmissionPlan;
  generate(practiceId: string, user: SubmissionUser, request: GenerateRequest): GenerateResult;
  /** Uploads the batch's file to the clearinghouse's `inbound/`; on success its claims become Submitted. */
  submit(practiceId: string, batchId: string, userId: string): Promise<SubmitResult>;
  /** Records a manual upload (Download .x12, then Mark uploaded): the same effects as a successful submit. */
  markUploaded(practiceId: string, batchId: string, userId: string): SubmissionBatchRecord;
  get(practiceId: string, batchId: string): SubmissionBatchRecord;
  /** Whether the practice's clearinghouse connection works now (a login and a look at its folders). */
  connection(practiceId: string): Promise<ConnectionStatus>;
  list(practiceId: string, limit?: number): SubmissionBatchSummary[];
  file(practiceId: string, batchId: string): { fileName: string; text: string };
  /**
   * After a stop: a batch left 'uploading' becomes 'failed' (sending it again is safe: a file already
   * there is not sent twice), and a sent batch whose claim facts were not all recorded gets them now.
   */
  recover(): void;
}

const SENDABLE: readonly SubmissionBatchState[] = ['generated', 'failed'];
const INTERRUPTED =
  'The server stopped while this batch was being sent. Send it again: a file that already reached the clearinghouse is not sent twice.';
const UNEXPECTED =
  'The file could not be sent because of an unexpected problem on the server, so it was not sent. Try again; if it keeps happening, tell your administrator.';

/** A problem before or during an upload, with the message the biller sees. */
class UploadProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The submission flow on the server (SPEC §6): plan, generate, submit over SFTP or mark uploaded.
 *
 * Exactly once. A batch's effects (claims Submitted, authorization units drawn) are recorded only by the
 * request that moved it to 'uploaded' or 'marked_uploaded', each move a compare-and-set in SQLite
 * (`updateSubmissionBatch`), so of two concurrent submits one uploads and the other is refused. The
 * effects are Yjs writes to several documents, which cannot share one SQLite transaction with the batch
 * row, so each is idempotent by batch instead and the batch row says when all are done:
 * - claims: the shared transition moves only Ready claims; a claim this batch already moved is Submitted
 *   with `lastSubmittedAt` = the batch's upload time and is not written again;
 * - units: the increments and the batch's entry in the ref document's `submissionUnits` map are one
 *   server transaction (one update, one SQLite commit), and a batch with an entry draws nothing;
 * - `facts_recorded_at` is set last. A stop in between leaves it empty, and `recover` (run at start)
 *   runs the same steps again, which then write only what is missing.
 * The upload itself is idempotent by file name (uploadFile finds a complete earlier copy and does not
 * send it again), so retrying a failed or interrupted batch never duplicates the file.
 */
export function createSubmissionService(options: SubmissionServiceOptions): SubmissionService {
  const { storage, log } = options;
  const now = options.now ?? (() => new Date());
  const accounts =
    options.accounts ??
    createClearinghouseAccounts({
      dataDir: options.dataDir,
      log,
      ...(options.vault ? { vault: options.vault } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
  // Claims in uploads under way, per practice: two batches sharing claims must not go out together.
  const inFlight = new Map<string, Set<string>>();

  const reference = (practiceId: string) =>
    submissionReference(refDoc(options, practiceId), now().toISOString().slice(0, 10));

  const get = (practiceId: string, batchId: string): SubmissionBatchRecord => {
    const batch = storage.getSubmissionBatch(practiceId, batchId);
    if (!batch)
      throw new SubmissionError('batch_not_found', 'There is no such submission batch in this practice.');
    return batch;
  };

  /** Refuses a batch that is already out or going out. */
  const assertSendable = (batch: SubmissionBatchRecord) => {
    if (batch.state === 'uploaded' || batch.state === 'marked_uploaded') {
      throw new SubmissionError(
        'already_sent',
        `This batch was already sent${batch.uploadedAt ? ` (${batch.uploadedAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}; it cannot be sent again. To send its claims again, resubmit them and make a new batch.`,
      );
    }
    if (batch.state === 'uploading') {
      throw new SubmissionError(
        'upload_in_progress',
        'This batch is being sent right now; wait for the result.',
      );
    }
  };

  /** Claims of the batch that are no longer what the file says: not Ready, gone, or edited since. */
  const changedClaims = (batch: SubmissionBatchRecord): ClaimProblem[] => {
    const problems: ClaimProblem[] = [];
    const readers = new Map<string, PartitionClaims>();
    for (const c of batch.claims) {
      let reader = readers.get(c.partition);
      if (!reader) {
        reader = new PartitionClaims(partitionDocs(options, batch.practiceId, c.partition));
        readers.set(c.partition, reader);
      }
      const claim = reader.read(c.claimId);
      if (claim?.status !== 'Ready') {
        problems.push({
          claimId: c.claimId,
          code: 'not_ready',
          message: claim
            ? `This claim is ${claim.status} now, not Ready.`
            : 'This claim is no longer on the server.',
        });
      } else if (claimFingerprint(claim) !== c.fingerprint) {
        problems.push({
          claimId: c.claimId,
          code: 'edited',
          message: 'This claim was edited after the file was made, so the file no longer matches it.',
        });
      }
    }
    return problems;
  };

  /** Checks a batch can go out now and reserves its claims; returns the release. Synchronous with the CAS. */
  const prepareSend = (batch: SubmissionBatchRecord): (() => void) => {
    assertSendable(batch);
    const changed = changedClaims(batch);
    if (changed.length > 0) {
      throw new SubmissionError(
        'batch_out_of_date',
        `${changed.length === 1 ? 'One claim' : `${changed.length} claims`} of this batch changed since the file was made (held, edited or sent in another batch), so nothing was sent. Generate a new batch.`,
        changed,
      );
    }
    let busy = inFlight.get(batch.practiceId);
    if (!busy) {
      busy = new Set();
      inFlight.set(batch.practiceId, busy);
    }
    const ids = batch.claims.map((c) => c.claimId);
    const overlapping = ids.filter((id) => busy.has(id));
    if (overlapping.length > 0) {
      throw new SubmissionError(
        'claims_in_upload',
        'Some claims of this batch are going out in another batch right now, so nothing was sent. Wait for that upload to finish.',
        overlapping.map((claimId) => ({
          claimId,
          code: 'in_upload',
          message: 'This claim is being sent in another batch right now.',
        })),
      );
    }
    for (const id of ids) busy.add(id);
    return () => {
      for (const id of ids) busy.delete(id);
    };
  };

  /** Records the batch's effects (see the notes above); safe to run again. */
  const recordFacts = (batch: SubmissionBatchRecord): SubmissionBatchRecord => {
    const at = batch.uploadedAt;
    if (at === null) throw new Error('a sent batch without an upload time');
    const ref = refDoc(options, batch.practiceId);
    const settings = referenceData(ref).practice?.settings ?? defaultPracticeSettings;
    const byPartition = new Map<string, string[]>();
    for (const c of batch.claims) {
      const list = byPartition.get(c.partition);
      if (list) list.push(c.claimId);
      else byPartition.set(c.partition, [c.claimId]);
    }
    const submitted: Claim[] = [];
    const skipped: SubmissionFactSkipped[] = [];
    for (const [partition, claimIds] of byPartition) {
      const docs = partitionDocs(options, batch.practiceId, partition);
      const result = recordSubmittedClaims(docs, batch.id, claimIds, at, settings);
      submitted.push(...result.submitted);
      skipped.push(...result.skipped);
    }
    const drawn = drawAuthorizationUnits(ref, batch.id, at, submitted);
    storage.markSubmissionFactsRecorded(batch.practiceId, batch.id, now().toISOString(), skipped);
    log.info('submission_facts_recorded', {
      practiceId: batch.practiceId,
      batchId: batch.id,
      submitted: submitted.length,
      skipped: skipped.length,
      authorizations: drawn === null ? null : Object.keys(drawn).length,
    });
    return get(batch.practiceId, batch.id);
  };

  /**
   * Records the facts of the practice's sent batches that lack them: a recording that failed (and was
   * logged) is finished before anything else touches the practice's claims, so those claims are not
   * offered for another batch while already out. A batch is 'uploaded' without facts only between its
   * compare-and-set and the synchronous recording after it, so this never races a request in progress.
   */
  const finishSent = (practiceId: string) => {
    for (const batch of storage.unfinishedSubmissionBatches()) {
      if (batch.practiceId !== practiceId || batch.state === 'uploading') continue;
      try {
        recordFacts(batch);
      } catch (err) {
        log.error('submission_facts_failed', { practiceId, batchId: batch.id, ...errorFields(err) });
      }
    }
  };

  const credentials = (practiceId: string): SftpConnection => {
    try {
      return accounts.connection(practiceId);
    } catch (err) {
      if (!(err instanceof ClearinghouseAccountProblem)) throw err;
      throw new UploadProblem(
        err.code,
        err.code === 'no_connection'
          ? 'No clearinghouse SFTP connection is saved for this practice, so nothing was sent. An admin can add it in Submissions → Clearinghouse settings, or use Download .x12 and Mark uploaded.'
          : 'The server could not read the saved clearinghouse credentials, so nothing was sent. Ask your administrator to enter them again in Submissions → Clearinghouse settings.',
      );
    }
  };

  const service: SubmissionService = {
    async connection(practiceId) {
      let connection: SftpConnection;
      try {
        connection = credentials(practiceId);
      } catch (err) {
        if (!(err instanceof UploadProblem)) throw err;
        return {
          state: err.code === 'no_connection' ? 'not_configured' : 'unreadable',
          message: err.message,
        };
      }
      const check = await testConnection(connection, options.sftp);
      const where = { host: connection.host, port: connection.port };
      return check.ok
        ? { state: 'connected', ...where, hostKeySha256: check.hostKeySha256 }
        : { state: 'failing', ...where, message: check.message };
    },

    plan(practiceId, payer) {
      finishSent(practiceId);
      const ref = reference(practiceId);
      const filter = payerFilter(ref, payer);
      return planClaims(
        liveClaims(options, practiceId).map((l) => l.claim),
        ref,
        filter,
      );
    },

    generate(practiceId, user, request) {
      finishSent(practiceId);
      const result = generateBatch(
        { ...options, practiceId, user, ref: reference(practiceId), at: now().toISOString() },
        request,
      );
      log.info('submission_generated', {
        practiceId,
        batchId: result.batch.id,
        claims: result.batch.claimCount,
        refused: result.refused.length,
        interchangeControlNumber: result.batch.interchangeControlNumber,
        byUserId: user.id,
      });
      return result;
    },

    async submit(practiceId, batchId, userId) {
      finishSent(practiceId);
      const batch = get(practiceId, batchId);
      const release = prepareSend(batch);
      try {
        const started = storage.updateSubmissionBatch(practiceId, batchId, SENDABLE, {
          state: 'uploading',
          countAttempt: true,
        });
        if (!started) {
          assertSendable(get(practiceId, batchId));
          throw new SubmissionError(
            'upload_in_progress',
            'This batch is being sent right now; wait for the result.',
          );
        }
        try {
          const connection = credentials(practiceId);
          const text = storage.getSubmissionBatchFile(practiceId, batchId) ?? '';
          await uploadFile(
            { connection, localName: batch.fileName, content: text, remoteDir: 'inbound' },
            { ...options.sftp, log },
          );
        } catch (err) {
          const message = err instanceof UploadProblem || err instanceof SftpError ? err.message : UNEXPECTED;
          const failed = storage.updateSubmissionBatch(practiceId, batchId, ['uploading'], {
            state: 'failed',
            lastError: message,
          });
          const fields =
            err instanceof SftpError || err instanceof UploadProblem
              ? { problem: err.code }
              : { problem: 'unexpected', ...errorFields(err) };
          log.warn('submission_upload_failed', {
            practiceId,
            batchId,
            attempts: started.attempts,
            ...fields,
          });
          return { ok: false, batch: failed ?? get(practiceId, batchId), message };
        }
        const sent = storage.updateSubmissionBatch(practiceId, batchId, ['uploading'], {
          state: 'uploaded',
          lastError: null,
          uploadedAt: now().toISOString(),
          uploadedBy: userId,
        });
        if (!sent) throw new Error('an uploading batch changed state during its upload');
        log.info('submission_uploaded', { practiceId, batchId, attempts: sent.attempts, byUserId: userId });
        return { ok: true, batch: recordFacts(sent) };
      } finally {
        release();
      }
    },

    markUploaded(practiceId, batchId, userId) {
      finishSent(practiceId);
      const batch = get(practiceId, batchId);
      const release = prepareSend(batch);
      try {
        const sent = storage.updateSubmissionBatch(practiceId, batchId, SENDABLE, {
          state: 'marked_uploaded',
          lastError: null,
          uploadedAt: now().toISOString(),
          uploadedBy: userId,
        });
        if (!sent) {
          assertSendable(get(practiceId, batchId));
          throw new SubmissionError(
            'upload_in_progress',
            'This batch is being sent right now; wait for the result.',
          );
        }
        log.info('submission_marked_uploaded', { practiceId, batchId, byUserId: userId });
        return recordFacts(sent);
      } finally {
        release();
      }
    },

    get,
    list: (practiceId, limit = 100) =>
      storage.listSubmissionBatches(practiceId, Math.min(Math.max(limit, 0), 500)),
    file(practiceId, batchId) {
      const batch = get(practiceId, batchId);
      return { fileName: batch.fileName, text: storage.getSubmissionBatchFile(practiceId, batchId) ?? '' };
    },

    recover() {
      for (const batch of storage.unfinishedSubmissionBatches()) {
        try {
          if (batch.state === 'uploading') {
            storage.updateSubmissionBatch(batch.practiceId, batch.id, ['uploading'], {
              state: 'failed',
              lastError: INTERRUPTED,
            });
            log.warn('submission_upload_interrupted', { practiceId: batch.practiceId, batchId: batch.id });
          } else {
            recordFacts(batch);
          }
        } catch (err) {
          // One damaged batch must not keep the server from starting; the next start tries again.
          log.error('submission_recovery_failed', {
            practiceId: batch.practiceId,
            batchId: batch.id,
            ...errorFields(err),
          });
        }
      }
    },
  };
  if (options.recover ?? true) service.recover();
  return service;
}
