import { describe, expect, it } from 'vitest';
import { ackVerdict, batchListRows, batchStateView } from './batchView.ts';
import {
  type InboundFile,
  inboundFileSchema,
  inboundListSchema,
  type PollAnswer,
  type UploadAnswer,
} from './inboundSchemas.ts';
import {
  formatDay,
  formatSize,
  inboundActions,
  inboundDetail,
  inboundRows,
  inboundStateView,
  inboundSummary,
  mergeFiles,
  overdueDetail,
  overdueText,
  pollResultText,
  providerAdjustmentText,
  typedClaimId,
  unmatchedText,
  uploadResultText,
} from './inboundView.ts';
import type { BatchState, BatchSummary } from './submissionSchemas.ts';

/*
 * Outcomes shaped as sync-server/inbound/apply999.ts, apply277ca.ts and apply835.ts write them (and as
 * inboundRoutes.ts sends them), with synthetic values; each goes through the client's schema first,
 * so a shape the schema would not read fails here.
 */

const outcome999 = {
  kind: '999',
  groups: [
    {
      groupControlNumber: '2001',
      batchId: 'B000000007',
      ackState: 'accepted',
      transactions: [{ controlNumber: '0001', status: 'A', errors: 0 }],
      claimsRejected: 0,
      refused: [],
    },
  ],
};

const outcome999Partial = {
  kind: '999',
  groups: [
    {
      groupControlNumber: '2002',
      batchId: 'B000000008',
      ackState: 'partially_accepted',
      transactions: [
        { controlNumber: '0001', status: 'A', errors: 0 },
        { controlNumber: '0002', status: 'R', errors: 2 },
      ],
      claimsRejected: 3,
      refused: [
        { claimId: 'C-SYN-9', code: 'status_moved', message: 'This claim is Paid now, not Submitted.' },
      ],
    },
    {
      groupControlNumber: '77',
      batchId: null,
      ackState: 'rejected',
      transactions: [],
      claimsRejected: 0,
      refused: [],
    },
  ],
};

const outcome277 = {
  kind: '277CA',
  claims: 12,
  accepted: 11,
  rejected: 1,
  changed: 12,
  unchanged: 0,
  unknownClaims: [],
  refused: [],
};

const payment = {
  trace: '12345',
  method: 'CHK',
  date: '2026-11-20',
  totalCents: 123456,
  payerName: 'SYNTHETIC HEALTH PLAN',
  payerId: 'py-syn',
  claims: 11,
  posted: 10,
  alreadyPosted: 0,
  paid: 8,
  denied: 2,
  providerAdjustments: [
    { reason: 'WO', reference: 'PCN0001', amountCents: 5000 },
    { reason: 'L6', reference: null, amountCents: -125 },
    { reason: 'ZZ', reference: null, amountCents: 100 },
  ],
  unmatched: [
    {
      index: 10,
      patientControlNumber: 'C-NOT-OURS',
      paidCents: 4200,
      code: 'no_claim',
      reason: 'No claim of this practice has this patient control number.',
    },
  ],
};
const outcome835 = { kind: '835', payments: [payment], refused: [] };

function file(more: Partial<Record<keyof InboundFile, unknown>> = {}): InboundFile {
  const raw = {
    hash: 'a'.repeat(64),
    name: 'OATEST_837P_000001.835.x12',
    source: 'sftp',
    size: 2048,
    receivedAt: '2026-11-23T15:10:00.000Z',
    receivedBy: null,
    kind: '835',
    state: 'processed',
    problem: null,
    processedAt: '2026-11-23T15:10:01.000Z',
    outcome: outcome835,
    ...more,
  };
  return inboundFileSchema.parse(raw);
}

describe('received files in words', () => {
  it('state: processed green, quarantined red, ignored grey, received busy', () => {
    expect(inboundStateView('processed')).toEqual({ label: 'Processed', tone: 'ok' });
    expect(inboundStateView('quarantined')).toEqual({ label: 'Quarantined', tone: 'error' });
    expect(inboundStateView('ignored')).toEqual({ label: 'Ignored', tone: 'neutral' });
    expect(inboundStateView('received')).toEqual({ label: 'Processing…', tone: 'busy' });
    expect(inboundStateView('new_state')).toEqual({ label: 'new_state', tone: 'neutral' });
  });

  it('a 999: the batch and its verdict, and how many claims it Denied', () => {
    expect(inboundSummary(file({ kind: '999', outcome: outcome999 }))).toBe(
      '999 · batch B000000007 accepted',
    );
    expect(inboundSummary(file({ kind: '999', outcome: outcome999Partial }))).toBe(
      '999 · batch B000000008 partially accepted — 3 claims Denied; group 77 (not sent from ClaimGrid) rejected',
    );
  });

  it('a 277CA: claims accepted and rejected, and any this practice does not have', () => {
    expect(inboundSummary(file({ kind: '277CA', outcome: outcome277 }))).toBe(
      '277CA · 12 claims: 11 accepted, 1 rejected',
    );
    const unknown = { ...outcome277, claims: 3, accepted: 3, rejected: 0, unknownClaims: ['X1'] };
    expect(inboundSummary(file({ kind: '277CA', outcome: unknown }))).toBe(
      '277CA · 3 claims: 3 accepted, 0 rejected, 1 claim not in this practice',
    );
  });

  it('an 835: method, trace, total, what was posted and what waits for a person', () => {
    expect(inboundSummary(file())).toBe(
      '835 · check 12345 · $1,234.56 · 10 posted (8 paid, 2 denied), 1 unmatched',
    );
    const again = {
      ...outcome835,
      payments: [
        { ...payment, method: 'ACH', posted: 0, paid: 0, denied: 0, alreadyPosted: 10, unmatched: [] },
      ],
    };
    expect(inboundSummary(file({ outcome: again }))).toBe('835 · EFT 12345 · $1,234.56 · 10 already posted');
    const two = {
      ...outcome835,
      payments: [payment, { ...payment, trace: '999', totalCents: 0, method: 'NON' }],
    };
    expect(inboundSummary(file({ outcome: two }))).toContain('; no payment 999 · $0.00 · ');
  });

  it('quarantined and ignored files, and an outcome of a shape this app does not know', () => {
    const problem =
      'The payment 12345 does not balance: its claim payments minus provider adjustments ($1,234.56) are not the amount paid ($1,234.57). Nothing from this file was posted.';
    const q = file({ state: 'quarantined', outcome: null, problem });
    expect(inboundSummary(q)).toBe('835 · quarantined, nothing posted');
    expect(inboundRows([q])[0]).toMatchObject({ tone: 'error', stateLabel: 'Quarantined', problem });
    expect(inboundDetail(q)).toMatchObject({ state: { label: 'Quarantined', tone: 'error' }, blocks: [] });

    const ignored = file({ kind: '997', state: 'ignored', outcome: { note: 'A 997 acknowledgment: kept.' } });
    expect(inboundSummary(ignored)).toBe('997 · A 997 acknowledgment: kept.');
    expect(inboundDetail(ignored)).toMatchObject({ note: 'A 997 acknowledgment: kept.', blocks: [] });

    const odd = file({ outcome: { kind: '835', payments: 'not a list' } });
    expect(odd.outcome).toEqual({ kind: 'unreadable' });
    expect(inboundSummary(odd)).toContain('cannot show the details');
    expect(inboundSummary(file({ kind: 'unknown', state: 'quarantined', outcome: null }))).toBe(
      'Not X12 · quarantined, nothing posted',
    );
  });

  it('one odd outcome does not make the list unreadable', () => {
    const list = inboundListSchema.parse({
      files: [{ ...file(), outcome: { weird: true } }, { ...file({ hash: 'b'.repeat(64) }) }],
      overdue: [],
    });
    expect(list.files.map((f) => f.outcome?.kind)).toEqual(['unreadable', '835']);
  });

  it('rows: kind, source, received time, state, summary', () => {
    const rows = inboundRows([file({ source: 'upload', kind: '999', outcome: outcome999 })], 'UTC');
    expect(rows).toEqual([
      {
        hash: 'a'.repeat(64),
        name: 'OATEST_837P_000001.835.x12',
        kind: '999',
        source: 'Uploaded',
        received: 'Nov 23, 2026, 3:10 PM',
        state: 'processed',
        stateLabel: 'Processed',
        tone: 'ok',
        summary: '999 · batch B000000007 accepted',
        problem: null,
      },
    ]);
  });
});

describe('a received file’s detail', () => {
  it('an 835 payment: payer, trace, method, date, total, PLB with reason codes, unmatched for a person', () => {
    const d = inboundDetail(file(), {
      payerNames: new Map([['py-syn', 'Synthetic Health']]),
      timeZone: 'UTC',
    });
    expect(d.title).toBe('835 · OATEST_837P_000001.835.x12');
    expect(d.facts).toContainEqual({
      label: 'Received',
      value: 'Nov 23, 2026, 3:10 PM · fetched from the clearinghouse (SFTP)',
    });
    expect(d.blocks).toHaveLength(1);
    const b = d.blocks[0]!;
    expect(b.title).toBe('Payment 12345');
    expect(Object.fromEntries(b.facts.map((f) => [f.label, f.value]))).toEqual({
      Payer: 'SYNTHETIC HEALTH PLAN (Synthetic Health)',
      'Trace number': '12345',
      Method: 'Check (CHK)',
      Date: 'Nov 20, 2026',
      'Total paid': '$1,234.56',
      'Claim payments': '11: 10 posted (8 paid, 2 denied), 1 unmatched',
    });
    expect(b.lists.find((l) => l.key === 'plb')?.lines).toEqual([
      'WO overpayment recovery (ref PCN0001): $50.00 taken from the payment',
      'L6 interest owed: $1.25 added to the payment',
      'ZZ: $1.00 taken from the payment',
    ]);
    const unmatched = b.lists.find((l) => l.key === 'unmatched')!;
    expect(unmatched.title).toContain('for a person to match');
    expect(unmatched.lines).toEqual([
      'Claim payment 11, patient control number C-NOT-OURS, $42.00: No claim of this practice has this patient control number.',
    ]);
  });

  it('an 835 from a payer the practice does not have says its payments wait for a person', () => {
    const d = inboundDetail(file({ outcome: { ...outcome835, payments: [{ ...payment, payerId: null }] } }));
    expect(d.blocks[0]!.facts[0]!.value).toBe(
      'SYNTHETIC HEALTH PLAN: no payer of this practice matches, so its claim payments wait for a person',
    );
  });

  it('a 999: per group the batch, the verdict, each transaction set, refused changes', () => {
    const d = inboundDetail(file({ kind: '999', outcome: outcome999Partial }));
    expect(d.blocks.map((b) => b.title)).toEqual(['Functional group 2002', 'Functional group 77']);
    const [ours, foreign] = d.blocks;
    expect(ours!.facts).toEqual([
      { label: 'Batch', value: 'B000000008' },
      { label: 'Verdict', value: 'Partially accepted' },
      { label: 'Claims Denied', value: '3' },
    ]);
    expect(ours!.lists.find((l) => l.key === 'sets')?.lines).toEqual([
      'Set 0001: accepted',
      'Set 0002: rejected (2 segment errors)',
    ]);
    expect(ours!.lists.find((l) => l.key === 'refused')?.lines).toEqual([
      'C-SYN-9: This claim is Paid now, not Submitted.',
    ]);
    expect(foreign!.facts[0]!.value).toContain('ClaimGrid did not send this group');
    expect(foreign!.facts[1]!.value).toBe('Rejected (999)');
  });

  it('a 277CA: the counts and the claims this practice does not have', () => {
    const d = inboundDetail(file({ kind: '277CA', outcome: { ...outcome277, unknownClaims: ['X1', 'X2'] } }));
    expect(d.blocks[0]!.facts.map((f) => f.value)).toEqual(['12', '11', '1', '12', '0']);
    expect(d.blocks[0]!.lists).toEqual([
      { key: 'unknown', title: 'Not claims of this practice (nothing changed)', lines: ['X1', 'X2'] },
    ]);
  });

  it('PLB, days and sizes read as people write them', () => {
    expect(providerAdjustmentText({ reason: 'FB', reference: null, amountCents: 0 })).toBe(
      'FB forwarding balance: $0.00 taken from the payment',
    );
    expect(formatDay('2026-01-01')).toBe('Jan 1, 2026');
    expect(formatDay('20260101')).toBe('20260101');
    expect(formatSize(812)).toBe('812 bytes');
    expect(formatSize(4300)).toBe('4.2 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('fetching and uploading', () => {
  it('new files go first, one entry a hash, newest first', () => {
    const old = file({ hash: '1', receivedAt: '2026-11-20T00:00:00.000Z' });
    const mid = file({ hash: '2', receivedAt: '2026-11-21T00:00:00.000Z' });
    const updated = file({ hash: '1', receivedAt: '2026-11-20T00:00:00.000Z', state: 'quarantined' });
    const fresh = file({ hash: '3', receivedAt: '2026-11-22T00:00:00.000Z' });
    const merged = mergeFiles([mid, old], [fresh, updated]);
    expect(merged.map((f) => f.hash)).toEqual(['3', '2', '1']);
    expect(merged[2]!.state).toBe('quarantined');
  });

  it('Check for files now: how many came, which kinds, what was skipped', () => {
    const none: PollAnswer = { files: [], skipped: [] };
    expect(pollResultText(none)).toBe('No new files from the clearinghouse.');
    const three: PollAnswer = {
      files: [
        file({ kind: '999', outcome: outcome999 }),
        file({ kind: '277CA', outcome: outcome277 }),
        file({ state: 'quarantined', outcome: null, problem: 'x' }),
      ],
      skipped: [{ name: 'huge.835', reason: 'larger than 64 MB' }],
    };
    expect(pollResultText(three)).toBe(
      '3 new files from the clearinghouse: 999, 277CA, 835. 1 file was quarantined: see below. 1 file was not taken: huge.835 (larger than 64 MB).',
    );
  });

  it('an upload: processed, already received (nothing posted twice), quarantined', () => {
    const processed: UploadAnswer = { file: file(), alreadyReceived: false };
    expect(uploadResultText(processed, 'remit.835')).toEqual({
      text: 'remit.835: received and processed. 835 · check 12345 · $1,234.56 · 10 posted (8 paid, 2 denied), 1 unmatched.',
      tone: 'ok',
    });
    const again = uploadResultText({ file: file(), alreadyReceived: true }, 'again.835');
    expect(again.tone).toBe('neutral');
    expect(again.text).toMatch(
      /^again\.835: already received as OATEST_837P_000001\.835\.x12 .* — nothing posted twice\.$/,
    );
    const bad = uploadResultText(
      {
        file: file({ state: 'quarantined', outcome: null, problem: 'The payment 1 does not balance.' }),
        alreadyReceived: false,
      },
      'broken.835',
    );
    expect(bad).toEqual({
      text: 'broken.835: quarantined, nothing posted. Why is shown with the file below.',
      tone: 'error',
    });
  });

  it('buttons for billers and admins online; offline disabled with the reason; viewers none', () => {
    expect(inboundActions({ role: 'biller', online: true, busy: false })).toEqual({
      show: true,
      enabled: true,
      reason: null,
    });
    expect(inboundActions({ role: 'admin', online: true, busy: true }).enabled).toBe(false);
    const offline = inboundActions({ role: 'biller', online: false, busy: false });
    expect(offline).toMatchObject({ show: true, enabled: false });
    expect(offline.reason).toContain('server');
    expect(inboundActions({ role: 'viewer', online: true, busy: false })).toMatchObject({ show: false });
  });
});

describe('the 72-hour alert', () => {
  const overdue = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `B${i}`,
      fileName: `OATEST_837P_00000${i}.x12`,
      uploadedAt: '2026-11-19T09:00:00.000Z',
      claimCount: 4,
    }));

  it('nothing when every batch has its 999', () => {
    expect(overdueText([])).toBeNull();
  });

  it('says how many batches, and what to do', () => {
    expect(overdueText(overdue(1))).toBe(
      '1 submission batch sent more than 72 hours ago has no acknowledgment from the clearinghouse — check with the clearinghouse or send again.',
    );
    expect(overdueText(overdue(3))).toMatch(
      /^3 submission batches sent more than 72 hours ago have no acknowledgment/,
    );
    expect(overdueDetail(overdue(1), 'UTC')).toBe(
      'OATEST_837P_000000.x12: 4 claims, sent Nov 19, 2026, 9:00 AM',
    );
  });
});

describe('a batch’s 999 verdict', () => {
  const batch = (state: BatchState, more: Partial<BatchSummary> = {}): BatchSummary => ({
    id: 'B000000001',
    createdAt: '2026-11-23T15:04:00.000Z',
    createdBy: 'u-biller1',
    payer: 'all',
    claimCount: 3,
    totalChargeCents: 42505,
    fileName: 'OATEST_837P_000001001.x12',
    state,
    attempts: 0,
    lastError: null,
    interchangeControlNumber: 1001,
    groupControlNumber: 2001,
    uploadedAt: '2026-11-23T15:10:00.000Z',
    uploadedBy: 'u-biller1',
    factsRecordedAt: null,
    ackState: null,
    acknowledgedAt: null,
    ...more,
  });

  it('labels: accepted, partially accepted, rejected (999), awaiting', () => {
    const at = '2026-11-23T16:00:00.000Z';
    expect(ackVerdict(batch('uploaded', { ackState: 'accepted', acknowledgedAt: at }))).toEqual({
      state: 'accepted',
      label: 'Accepted by clearinghouse',
      tone: 'ok',
    });
    expect(ackVerdict(batch('uploaded', { ackState: 'partially_accepted' }))?.label).toBe(
      'Partially accepted',
    );
    expect(ackVerdict(batch('uploaded', { ackState: 'rejected' }))).toMatchObject({
      label: 'Rejected (999)',
      tone: 'error',
    });
    expect(ackVerdict(batch('marked_uploaded'))).toMatchObject({
      label: 'Awaiting acknowledgment',
      tone: 'busy',
    });
  });

  it('no verdict for a batch not sent, or from a server that does not report one', () => {
    expect(ackVerdict(batch('generated', { uploadedAt: null }))).toBeNull();
    expect(ackVerdict(batch('failed'))).toBeNull();
    const { ackState: _, ...old } = batch('uploaded');
    expect(ackVerdict(old)).toBeNull();
  });

  it('the batch’s detail says the verdict, and what to do after a rejection', () => {
    const accepted = batchStateView(
      batch('uploaded', { ackState: 'accepted', acknowledgedAt: '2026-11-23T16:00:00.000Z' }),
      'UTC',
    );
    expect(accepted.message).toBe(
      'Sent to the clearinghouse Nov 23, 2026, 3:10 PM. Its 3 claims are Submitted. Accepted by the clearinghouse (999) Nov 23, 2026, 4:00 PM.',
    );
    expect(accepted.todo).toBeNull();
    expect(batchStateView(batch('uploaded'), 'UTC').message).toContain(
      'Awaiting the clearinghouse’s acknowledgment (999).',
    );
    const rejected = batchStateView(batch('uploaded', { ackState: 'rejected' }), 'UTC');
    expect(rejected.message).toContain('Rejected by the clearinghouse (999): its claims are Denied');
    expect(rejected.todo).toContain('Denied tab');
    expect(batchStateView(batch('generated')).message).not.toContain('999');
  });

  it('the list row carries the verdict', () => {
    const rows = batchListRows(
      [batch('uploaded', { ackState: 'partially_accepted' }), batch('generated')],
      new Map(),
    );
    expect(rows[0]!.ack).toEqual({ state: 'partially_accepted', label: 'Partially accepted', tone: 'error' });
    expect(rows[1]!.ack).toBeUndefined();
  });
});

describe('matching a payment by hand', () => {
  it('reads the claim id a person typed, or refuses what cannot be one', () => {
    expect(typedClaimId('  c0abc123  ')).toBe('C0ABC123');
    expect(typedClaimId('')).toBeNull();
    expect(typedClaimId('C1 2')).toBeNull();
    expect(typedClaimId('X'.repeat(21))).toBeNull();
  });

  it('says when a listed payment was matched and where it went', () => {
    const u = {
      index: 2,
      patientControlNumber: 'C0ABC',
      paidCents: 12345,
      code: 'no_claim',
      reason: 'No claim has this patient control number',
    };
    expect(unmatchedText(u)).toBe(
      'Claim payment 3, patient control number C0ABC, $123.45: No claim has this patient control number',
    );
    expect(unmatchedText({ ...u, matchedClaimId: 'C0ABCDEF', matchedAt: '2026-11-30T10:00:00Z' })).toBe(
      'Claim payment 3, patient control number C0ABC, $123.45: matched by hand and posted on claim C0ABCDEF',
    );
  });
});
