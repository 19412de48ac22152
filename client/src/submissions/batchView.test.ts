import { describe, expect, it } from 'vitest';
import {
  batchActions,
  batchListRows,
  batchStateView,
  canStartSubmission,
  formatWhen,
  OFFLINE_REASON,
  serverReachable,
  VIEWER_REASON,
} from './batchView.ts';
import type { BatchState, BatchSummary } from './submissionSchemas.ts';

const batch = (state: BatchState, more: Partial<BatchSummary> = {}): BatchSummary => ({
  id: 'B000000001',
  createdAt: '2026-11-23T15:04:00.000Z',
  createdBy: 'u-biller1',
  payer: 'py-uhc',
  claimCount: 3,
  totalChargeCents: 42505,
  fileName: 'OATEST_837P_000001001.x12',
  state,
  attempts: 0,
  lastError: null,
  interchangeControlNumber: 1001,
  groupControlNumber: 2001,
  uploadedAt: null,
  uploadedBy: null,
  factsRecordedAt: null,
  ...more,
});

const names = new Map([['py-uhc', 'UnitedHealthcare']]);
const biller = { role: 'biller' as const, online: true, busy: false };

describe('a batch’s state in words', () => {
  it('generated: nothing sent, claims still Ready, both ways to send', () => {
    const v = batchStateView(batch('generated'));
    expect(v).toMatchObject({ label: 'Generated', tone: 'neutral' });
    expect(v.message).toContain('3 claims are still Ready');
    expect(v.todo).toContain('Mark uploaded');
  });

  it('failed: the server’s message and what to do', () => {
    const lastError =
      'The clearinghouse server’s host key does not match the one saved in Settings, so nothing was sent.';
    const v = batchStateView(batch('failed', { lastError, attempts: 1 }));
    expect(v).toMatchObject({ label: 'Failed', tone: 'error', message: lastError });
    expect(v.todo).toContain('still Ready');
    expect(v.todo).toContain('Submit again');
  });

  it('uploaded and marked uploaded: when, and that the claims are Submitted', () => {
    const at = '2026-11-23T15:10:00.000Z';
    const up = batchStateView(batch('uploaded', { uploadedAt: at }), 'UTC');
    expect(up).toMatchObject({ label: 'Uploaded', tone: 'ok', todo: null });
    expect(up.message).toBe('Sent to the clearinghouse Nov 23, 2026, 3:10 PM. Its 3 claims are Submitted.');
    const marked = batchStateView(batch('marked_uploaded', { uploadedAt: at, claimCount: 1 }), 'UTC');
    expect(marked.label).toBe('Marked uploaded');
    expect(marked.message).toContain('by hand');
    expect(marked.message).toContain('Its 1 claim is Submitted.');
  });

  it('uploading: busy, wait', () => {
    expect(batchStateView(batch('uploading'))).toMatchObject({ label: 'Sending…', tone: 'busy' });
  });
});

describe('what a batch offers', () => {
  it('a biller online can submit, mark uploaded or download a batch not yet sent', () => {
    for (const state of ['generated', 'failed'] as const) {
      expect(batchActions(batch(state), biller)).toEqual({
        submit: true,
        markUploaded: true,
        download: true,
        reason: null,
      });
    }
  });

  it('a sent batch can only be downloaded again', () => {
    for (const state of ['uploaded', 'marked_uploaded'] as const) {
      expect(batchActions(batch(state), biller)).toMatchObject({
        submit: false,
        markUploaded: false,
        download: true,
      });
    }
  });

  it('nothing can be sent while an upload is under way (this screen’s or another biller’s)', () => {
    expect(batchActions(batch('uploading'), biller)).toMatchObject({ submit: false, markUploaded: false });
    expect(batchActions(batch('generated'), { ...biller, busy: true })).toMatchObject({
      submit: false,
      markUploaded: false,
    });
  });

  it('offline nothing is offered, and it says the server is needed', () => {
    expect(batchActions(batch('generated'), { ...biller, online: false })).toEqual({
      submit: false,
      markUploaded: false,
      download: false,
      reason: OFFLINE_REASON,
    });
    expect(canStartSubmission({ role: 'biller', online: false })).toEqual({
      ok: false,
      reason: OFFLINE_REASON,
    });
    expect(OFFLINE_REASON).toContain('server');
  });

  it('viewers get no buttons at all', () => {
    for (const state of ['generated', 'failed', 'uploaded'] as const) {
      expect(batchActions(batch(state), { role: 'viewer', online: true, busy: false })).toEqual({
        submit: false,
        markUploaded: false,
        download: false,
        reason: VIEWER_REASON,
      });
    }
    expect(canStartSubmission({ role: 'viewer', online: true }).ok).toBe(false);
    expect(canStartSubmission({ role: 'admin', online: true })).toEqual({ ok: true, reason: null });
  });
});

describe('whether the server can be reached', () => {
  it('the browser offline means no, whatever else says yes', () => {
    expect(serverReachable({ browserOnline: false, syncOnline: true, lastCall: 'ok' })).toBe(false);
  });

  it('the sync connection up means yes', () => {
    expect(serverReachable({ browserOnline: true, syncOnline: true, lastCall: null })).toBe(true);
    expect(serverReachable({ browserOnline: true, syncOnline: true, lastCall: 'offline' })).toBe(true);
  });

  it('while sync connects, the last submission call decides', () => {
    expect(serverReachable({ browserOnline: true, syncOnline: false, lastCall: 'ok' })).toBe(true);
    expect(serverReachable({ browserOnline: true, syncOnline: false, lastCall: 'offline' })).toBe(false);
    expect(serverReachable({ browserOnline: true, syncOnline: false, lastCall: null })).toBe(false);
  });
});

describe('the recent batches list', () => {
  it('one row a batch: date, payer name, count, total, state', () => {
    const rows = batchListRows(
      [
        batch('failed', { id: 'B2', lastError: 'No clearinghouse SFTP connection is saved.' }),
        batch('uploaded', { id: 'B1', payer: 'all', claimCount: 1204, totalChargeCents: 123456789 }),
      ],
      names,
      'UTC',
    );
    expect(rows).toEqual([
      {
        id: 'B2',
        created: 'Nov 23, 2026, 3:04 PM',
        payer: 'UnitedHealthcare',
        claims: '3 claims',
        total: '$425.05',
        fileName: 'OATEST_837P_000001001.x12',
        state: 'failed',
        stateLabel: 'Failed',
        tone: 'error',
        problem: 'No clearinghouse SFTP connection is saved.',
      },
      {
        id: 'B1',
        created: 'Nov 23, 2026, 3:04 PM',
        payer: 'All EDI payers',
        claims: '1,204 claims',
        total: '$1,234,567.89',
        fileName: 'OATEST_837P_000001001.x12',
        state: 'uploaded',
        stateLabel: 'Uploaded',
        tone: 'ok',
        problem: null,
      },
    ]);
  });

  it('shows an unreadable date as it came rather than "Invalid Date"', () => {
    expect(formatWhen('not a date')).toBe('not a date');
    expect(formatWhen(null)).toBe('');
  });
});
