import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { Posting } from '../../../shared/domain/posting.ts';
import { buildEdiHistory, formatInstant, NO_EDI_MESSAGES, parseDetail } from './ediHistory.ts';
import { ediStatusDisplay } from './ediStatusDisplay.ts';

const server = { kind: 'server' } as const;
const biller = { kind: 'user', userId: 'u_1', role: 'biller' } as const;

function event(over: Partial<HistoryEvent> & Pick<HistoryEvent, 'id' | 'at' | 'kind'>): HistoryEvent {
  return { claimId: 'C1', actor: server, ...over };
}

const submitted = event({
  id: 'e-sub',
  at: '2026-03-01T10:00:00Z',
  kind: 'status_changed',
  fromStatus: 'Ready',
  toStatus: 'Submitted',
  detail: 'via=submission batch=B7',
});
const accepted999 = event({
  id: 'e-999',
  at: '2026-03-01T11:00:00Z',
  kind: 'edi_status_changed',
  detail: 'source=999 from=sent edi=accepted_clearinghouse',
});
const rejected277 = event({
  id: 'e-277',
  at: '2026-03-02T09:00:00Z',
  kind: 'edi_status_changed',
  detail: 'source=277CA edi=rejected_payer codes=A7:21,A3:116',
  reason: 'Subscriber ID not found',
});

describe('buildEdiHistory', () => {
  it('names the payer’s and the clearinghouse’s numbers for the claim when a 277CA gave them', () => {
    const accepted = event({
      id: 'e-277a',
      at: '2026-03-02T09:00:00Z',
      kind: 'edi_status_changed',
      detail: 'source=277CA edi=accepted_payer from=sent codes=A2:20 icn=ICN77 trace=OA12345',
    });
    const [item] = buildEdiHistory({ postings: [] }, [accepted], { timeZone: 'UTC' });
    expect(item!.text).toBe('was sent; payer claim number ICN77; clearinghouse number OA12345');
  });

  it('says nothing was received when no message is recorded', () => {
    const held = event({ id: 'e-h', at: '2026-03-01T10:00:00Z', kind: 'status_changed', actor: biller });
    expect(buildEdiHistory({ postings: [] }, [held])).toEqual([]);
    expect(NO_EDI_MESSAGES).toBe('No clearinghouse messages yet');
  });

  it('lists submission and acknowledgments newest first, coloured like the badge', () => {
    const items = buildEdiHistory({ postings: [] }, [submitted, accepted999, rejected277], {
      timeZone: 'UTC',
    });
    expect(items.map((i) => i.id)).toEqual(['e-277', 'e-999', 'e-sub']);
    const [rej, acc, sub] = items;
    expect(rej).toMatchObject({
      title: 'Rejected by payer',
      source: 'Payer · 277CA',
      tone: 'rejected',
      toneClass: 'edi-rejected',
      codes: ['A7:21', 'A3:116'],
      text: 'Subscriber ID not found',
    });
    expect(rej!.tone).toBe(ediStatusDisplay('rejected_payer').tone);
    expect(acc).toMatchObject({
      title: 'Accepted by clearinghouse',
      source: 'Clearinghouse · 999',
      tone: 'accepted',
      toneClass: 'edi-accepted',
      text: 'was sent',
    });
    expect(sub).toMatchObject({
      source: 'ClaimGrid',
      tone: 'progress',
      toneClass: 'edi-progress',
      text: 'batch B7',
    });
    expect(sub!.time).toMatch(/^Mar 1, 2026, 10:00\sAM$/);
  });

  it('shows an acknowledgment rejection that moved the claim to Denied, with its codes', () => {
    const denied = event({
      id: 'e-den',
      at: '2026-03-02T09:00:00Z',
      kind: 'status_changed',
      fromStatus: 'Submitted',
      toStatus: 'Denied',
      detail: 'via=acknowledgment denialCodes=A7:21',
      reason: 'Invalid member ID',
    });
    const [item] = buildEdiHistory({ postings: [] }, [denied]);
    expect(item).toMatchObject({
      title: 'Rejected',
      tone: 'rejected',
      codes: ['A7:21'],
      text: 'Invalid member ID',
    });
  });

  it('shows payer adjudications with CARC/RARC codes: paid green, denial red, reversal red', () => {
    const paid: Posting = {
      id: 'p1',
      at: '2026-03-05T12:00:00Z',
      kind: 'adjudication',
      payerId: 'pay-1',
      allowedCents: 9000,
      paidCents: 7200,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 6000 },
        { group: 'PR', reason: '2', amountCents: 1800 },
      ],
      remarks: ['N130'],
      lines: [],
      payerClaimControlNumber: 'ICN77',
      source: { kind: 'remittance', remittanceId: 'r1' },
    };
    const denial: Posting = {
      id: 'p2',
      at: '2026-03-06T12:00:00Z',
      kind: 'adjudication',
      payerId: 'pay-1',
      allowedCents: 0,
      paidCents: 0,
      adjustments: [{ group: 'CO', reason: '197', amountCents: 15000 }],
      remarks: ['N54'],
      lines: [],
      source: { kind: 'remittance' },
    };
    const reversal: Posting = { id: 'p3', at: '2026-03-06T12:00:00Z', kind: 'reversal', reverses: 'p1' };
    const patientPaid: Posting = {
      id: 'p4',
      at: '2026-03-07T12:00:00Z',
      kind: 'patient_payment',
      amountCents: 500,
    };
    // The Denied status change of the same remittance is not listed twice.
    const deniedByRemit = event({
      id: 'e-d',
      at: '2026-03-06T12:00:00Z',
      kind: 'status_changed',
      fromStatus: 'Paid',
      toStatus: 'Denied',
      detail: 'via=remittance denialCodes=CO-197',
    });
    const items = buildEdiHistory({ postings: [paid, denial, reversal, patientPaid] }, [deniedByRemit], {
      payers: new Map([['pay-1', 'Acme Health']]),
    });
    expect(items.map((i) => i.id)).toEqual(['p3', 'p2', 'p1']);
    expect(items[2]).toMatchObject({
      title: 'Paid by Acme Health',
      tone: 'accepted',
      codes: ['CO-45', 'PR-2', 'N130'],
      text: 'Allowed $90.00, paid $72.00; CO-45 $60.00, PR-2 $18.00; remarks N130; payer claim number ICN77',
      source: 'Payer · 835',
    });
    expect(items[1]).toMatchObject({
      title: 'Denied by Acme Health',
      tone: 'rejected',
      codes: ['CO-197', 'N54'],
    });
    expect(items[0]).toMatchObject({
      title: 'Payment reversed by payer',
      tone: 'rejected',
      text: 'Took back $72.00 paid earlier',
    });
  });

  it('keeps a remittance status change when its posting is not here', () => {
    const deniedByRemit = event({
      id: 'e-d',
      at: '2026-03-06T12:00:00Z',
      kind: 'status_changed',
      fromStatus: 'Submitted',
      toStatus: 'Denied',
      detail: 'via=remittance denialCodes=CO-197',
    });
    expect(buildEdiHistory({ postings: [] }, [deniedByRemit])).toMatchObject([
      { title: 'Denied by payer', tone: 'rejected', codes: ['CO-197'] },
    ]);
  });

  it('treats a zero payment applied to the patient (deductible) as processed, not denied', () => {
    const deductible: Posting = {
      id: 'p1',
      at: '2026-03-05T12:00:00Z',
      kind: 'adjudication',
      payerId: 'pay-9',
      allowedCents: 9000,
      paidCents: 0,
      adjustments: [{ group: 'PR', reason: '1', amountCents: 9000 }],
      remarks: [],
      lines: [],
      source: { kind: 'manual' },
    };
    expect(buildEdiHistory({ postings: [deductible] }, [])).toMatchObject([
      {
        title: 'Processed by payer: patient responsibility',
        tone: 'accepted',
        source: 'Payer · Record Payment',
      },
    ]);
  });
});

describe('parseDetail and formatInstant', () => {
  it('reads key=value pairs and ignores the rest', () => {
    expect(parseDetail('via=remittance denialCodes=CO-197,N54 junk')).toEqual({
      via: 'remittance',
      denialCodes: 'CO-197,N54',
    });
    expect(parseDetail(undefined)).toEqual({});
  });

  it('formats instants in the given zone and leaves garbage as it is', () => {
    expect(formatInstant('2026-03-02T15:04:05Z', 'UTC')).toMatch(/^Mar 2, 2026, 3:04\sPM$/);
    expect(formatInstant('2026-03-02T15:04:05Z', 'America/New_York')).toMatch(/^Mar 2, 2026, 10:04\sAM$/);
    expect(formatInstant('not a time')).toBe('not a time');
  });
});
