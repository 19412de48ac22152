import type { ClearinghouseAccounts } from '../clearinghouse/clearinghouseAccounts.ts';
import { ClearinghouseAccountProblem } from '../clearinghouse/clearinghouseAccounts.ts';
import { SftpError } from '../clearinghouse/sftpErrors.ts';
import { download, listOutbound, type SftpOptions } from '../clearinghouse/sftpUploader.ts';
import { errorFields, type Logger } from '../log.ts';
import type { InboundFileRecord, InboundSource } from '../storage/inboundStore.ts';
import type { SubmissionBatchSummary } from '../storage/storage.ts';
import type { DocsAccess } from '../submissions/practiceDocs.ts';
import { matchRemittancePayment, PaymentMatchError } from './apply835.ts';
import { type InboundArchive, openInboundArchive, sha256Hex } from './inboundArchive.ts';
import { processInboundFile } from './processInboundFile.ts';

/** Largest file accepted, by upload or download: far above any real remittance, below memory trouble. */
export const MAX_INBOUND_BYTES = 64 * 1024 * 1024;
const PROCESS_FAILED =
  'it was kept but could not be processed because of a problem on the server; it is tried again when the server restarts — tell your administrator';

/** A sent batch without a 999 this long after its upload raises an alert (seed 001). */
export const ACK_OVERDUE_MS = 72 * 3_600_000;

export interface PollResult {
  /** New files downloaded and processed this time, newest last. */
  files: InboundFileRecord[];
  /** Remote files not taken, and why (a name this product will not use, a file too large). */
  skipped: { name: string; reason: string }[];
}

export type PollOutcome = { ok: true; result: PollResult } | { ok: false; message: string };

export interface InboundService {
  /** Archives, records and processes one file (once per content), whatever its source. */
  receive(
    practiceId: string,
    bytes: Buffer,
    from: { name: string; source: InboundSource; by: string | null },
  ): InboundFileRecord;
  /** Downloads what is new in the practice's clearinghouse `outbound/` and processes it. */
  poll(practiceId: string): Promise<PollOutcome>;
  list(practiceId: string, limit: number): InboundFileRecord[];
  get(practiceId: string, hash: string): InboundFileRecord | null;
  /** The archived bytes of a file. */
  bytes(hash: string): Buffer | null;
  /**
   * Posts a claim payment of a processed 835 that matched no claim on the claim a person chose, and
   * notes it in the file's outcome. Throws PaymentMatchError with the reason when it cannot.
   */
  matchPayment(
    practiceId: string,
    hash: string,
    match: { payment: number; entry: number; claimId: string; by: string },
  ): InboundFileRecord;
  /** Sent batches still without a 999 after ACK_OVERDUE_MS. */
  overdueBatches(practiceId: string): SubmissionBatchSummary[];
  /** Processes files a stop left 'received'. */
  recover(): void;
  /** Polls every practice with clearinghouse settings every `intervalMs`; returns a stop function. */
  startPolling(intervalMs: number): () => void;
}

export function createInboundService(
  options: DocsAccess & {
    log: Logger;
    dataDir: string;
    accounts: ClearinghouseAccounts;
    now?: () => Date;
    sftp?: SftpOptions;
    archive?: InboundArchive;
  },
): InboundService {
  const { storage, log } = options;
  const now = options.now ?? (() => new Date());
  const archive = options.archive ?? openInboundArchive(options.dataDir);
  // One poll per practice at a time: a second request waits for the running one's answer.
  const polls = new Map<string, Promise<PollOutcome>>();

  const process = (record: InboundFileRecord, bytes: Buffer): InboundFileRecord => {
    const result = processInboundFile(options, record, bytes, now().toISOString());
    storage.finishInboundFile(record.practiceId, record.hash, result);
    log.info('inbound_file_processed', {
      practiceId: record.practiceId,
      hash: record.hash.slice(0, 16),
      kind: result.kind,
      state: result.state,
    });
    return storage.getInboundFile(record.practiceId, record.hash) ?? record;
  };

  const receive: InboundService['receive'] = (practiceId, bytes, from) => {
    const hash = archive.put(bytes);
    const added = storage.addInboundFile({
      practiceId,
      hash,
      name: from.name.slice(0, 200),
      source: from.source,
      size: bytes.length,
      receivedAt: now().toISOString(),
      receivedBy: from.by,
      kind: 'unknown',
    });
    const record = storage.getInboundFile(practiceId, hash);
    if (!record) throw new Error('an inbound file was recorded but cannot be read back');
    // The same content again (another name, a second upload): already handled, nothing posts twice.
    if (!added && record.state !== 'received') return record;
    return process(record, bytes);
  };

  const pollOnce = async (practiceId: string): Promise<PollOutcome> => {
    let connection: ReturnType<ClearinghouseAccounts['connection']>;
    try {
      connection = options.accounts.connection(practiceId);
    } catch (err) {
      if (err instanceof ClearinghouseAccountProblem) return { ok: false, message: err.message };
      throw err;
    }
    const sftp = { ...options.sftp, log };
    const result: PollResult = { files: [], skipped: [] };
    try {
      const remote = await listOutbound(connection, sftp);
      for (const file of remote) {
        if (storage.seenRemoteFile(practiceId, file.name, file.size, file.modifiedAt)) continue;
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(file.name)) {
          result.skipped.push({
            name: file.name.slice(0, 80),
            reason: 'its name has characters ClaimGrid does not download',
          });
          continue;
        }
        if (file.size > MAX_INBOUND_BYTES) {
          result.skipped.push({
            name: file.name,
            reason: 'it is larger than 64 MB; download it by hand and upload it',
          });
          continue;
        }
        const bytes = await download(connection, file.name, sftp);
        let record: InboundFileRecord;
        try {
          record = receive(practiceId, bytes, { name: file.name, source: 'sftp', by: null });
        } catch (err) {
          // A file this server cannot process (a bug) must not stop the files after it, nor be fetched
          // and fail again every poll: it is archived and left 'received', and the next start retries it.
          log.error('inbound_process_failed', { practiceId, ...errorFields(err) });
          storage.rememberRemoteFile(practiceId, file.name, file.size, file.modifiedAt, sha256Hex(bytes));
          result.skipped.push({ name: file.name, reason: PROCESS_FAILED });
          continue;
        }
        // Remembered only once processed: a stop before this downloads it again, and the hash says it is known.
        storage.rememberRemoteFile(practiceId, file.name, file.size, file.modifiedAt, record.hash);
        result.files.push(record);
      }
    } catch (err) {
      if (err instanceof SftpError) {
        log.warn('inbound_poll_failed', { practiceId, problem: err.code });
        return { ok: false, message: err.message };
      }
      throw err;
    }
    return { ok: true, result };
  };

  const service: InboundService = {
    receive,
    poll(practiceId) {
      const running = polls.get(practiceId);
      if (running) return running;
      const p = pollOnce(practiceId).finally(() => polls.delete(practiceId));
      polls.set(practiceId, p);
      return p;
    },
    list: (practiceId, limit) => storage.listInboundFiles(practiceId, limit),
    get: (practiceId, hash) => storage.getInboundFile(practiceId, hash),
    bytes: (hash) => archive.get(hash),
    matchPayment(practiceId, hash, match) {
      const record = storage.getInboundFile(practiceId, hash);
      const bytes = record ? archive.get(hash) : null;
      if (
        !record ||
        !bytes ||
        record.kind !== '835' ||
        record.state !== 'processed' ||
        record.outcome === null
      ) {
        throw new PaymentMatchError('not_a_remittance', 'Only a processed 835 has claim payments to match.');
      }
      const at = now().toISOString();
      matchRemittancePayment(
        options,
        { practiceId, fileHash: hash, at },
        bytes.toString('utf8'),
        match.payment,
        match.entry,
        match.claimId,
      );
      // The outcome was written by apply835 from typed values.
      const outcome = JSON.parse(record.outcome) as {
        payments: {
          unmatched: { index: number; matchedClaimId?: string; matchedBy?: string; matchedAt?: string }[];
        }[];
      };
      const listed = outcome.payments[match.payment]?.unmatched.find((u) => u.index === match.entry);
      if (listed)
        Object.assign(listed, { matchedClaimId: match.claimId, matchedBy: match.by, matchedAt: at });
      storage.setInboundOutcome(practiceId, hash, JSON.stringify(outcome));
      log.info('inbound_payment_matched', {
        practiceId,
        hash: hash.slice(0, 16),
        claimId: match.claimId,
        byUserId: match.by,
      });
      return storage.getInboundFile(practiceId, hash) ?? record;
    },
    overdueBatches(practiceId) {
      const cutoff = new Date(now().getTime() - ACK_OVERDUE_MS).toISOString();
      return storage.unacknowledgedSubmissionBatches(practiceId, cutoff);
    },
    recover() {
      for (const record of storage.unfinishedInboundFiles()) {
        const bytes = archive.get(record.hash);
        if (!bytes) {
          storage.finishInboundFile(record.practiceId, record.hash, {
            state: 'quarantined',
            kind: record.kind,
            outcome: null,
            problem:
              'The stored copy of this file is missing, so it was not processed. Upload the file again.',
            processedAt: now().toISOString(),
          });
          continue;
        }
        try {
          process(record, bytes);
        } catch (err) {
          log.error('inbound_recover_failed', { practiceId: record.practiceId, ...errorFields(err) });
        }
      }
    },
    startPolling(intervalMs) {
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      const round = async () => {
        let practiceIds: string[];
        try {
          practiceIds = options.accounts.practiceIds();
        } catch (err) {
          log.error('inbound_poll_accounts_unreadable', errorFields(err));
          return;
        }
        for (const practiceId of practiceIds) {
          if (stopped) return;
          try {
            await service.poll(practiceId);
          } catch (err) {
            log.error('inbound_poll_crashed', { practiceId, ...errorFields(err) });
          }
        }
      };
      const schedule = () => {
        if (stopped) return;
        timer = setTimeout(() => void round().finally(schedule), intervalMs);
        timer.unref();
      };
      schedule();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      };
    },
  };
  return service;
}
