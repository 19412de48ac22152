import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../../shared/domain/authorization.ts';
import { type Claim, freshClaimState } from '../../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { notInTableRefusal } from '../../../shared/lifecycle/refusals.ts';
import { allowedActions, buildClaimDetail, type ClaimDetailInput, displayIcd10 } from './claimDetail.ts';

// Synthetic values only.
function claim(over: Partial<Claim> = {}): Claim {
  return {
    id: 'C1',
    practiceId: 'prac-1',
    sessionId: 'sess-1',
    clientId: 'client-1',
    payerId: 'pay-1',
    policyRank: 1,
    renderingProviderId: 'prov-1',
    placeOfService: '12',
    diagnosisCodes: ['F840', 'Z1341', 'R48'],
    lines: [
      {
        lineNo: 1,
        serviceCode: '97153',
        modifiers: ['HN', '59'],
        units: 8,
        minutes: 120,
        rateCents: 1875,
        chargeCents: 15000,
        diagnosisPointers: [1, 3],
        dateOfService: '2026-02-20',
        authorizationId: 'auth-1',
      },
      {
        lineNo: 2,
        serviceCode: '97155',
        modifiers: [],
        units: 2,
        minutes: 30,
        rateCents: null,
        chargeCents: 0,
        diagnosisPointers: [2, 5],
        dateOfService: '2026-02-20',
        authorizationId: null,
      },
    ],
    dateOfService: '2026-02-20',
    authorizationId: 'auth-1',
    createdAt: '2026-02-21T09:00:00Z',
    ...freshClaimState(),
    ...over,
  };
}

const session: Session = {
  id: 'sess-1',
  clientId: 'client-1',
  renderingProviderId: 'prov-2',
  dateOfService: '2026-02-20',
  placeOfService: '12',
  diagnosisCodes: ['F84.0'],
  services: [
    { serviceCode: '97153', modifiers: ['HN'], minutes: 120 },
    { serviceCode: '97155', modifiers: [], minutes: 30 },
  ],
  noteStatus: 'Finalized',
};

const auth: Authorization = {
  id: 'auth-1',
  clientId: 'client-1',
  payerId: 'pay-1',
  number: 'PA-123',
  serviceCodes: ['97153', '97155'],
  startDate: '2026-01-01',
  endDate: '2026-06-30',
  unitsAuthorized: 100,
  unitsUsed: 95,
};

const names = {
  patient: 'Doe, Jane',
  payers: new Map([
    ['pay-1', 'Acme Health'],
    ['pay-2', 'Second Mutual'],
  ]),
  providers: new Map([
    ['prov-1', 'Lee, Ann'],
    ['prov-2', 'Kim, Bo'],
  ]),
  users: new Map([['u_1', 'Pat Biller']]),
};

function input(over: Partial<ClaimDetailInput> = {}): ClaimDetailInput {
  return {
    claim: claim(),
    history: [],
    session,
    authorization: auth,
    names,
    role: 'biller',
    timeZone: 'UTC',
    ...over,
  };
}

describe('buildClaimDetail header, lines and diagnoses', () => {
  it('shows who, what, status and money at the top', () => {
    const paid = claim({
      status: 'Submitted',
      ediStatus: 'rejected_clearinghouse',
      firstSubmittedAt: '2026-02-22T10:00:00Z',
      postings: [
        {
          id: 'p1',
          at: '2026-03-01T12:00:00Z',
          kind: 'adjudication',
          payerId: 'pay-1',
          allowedCents: 9000,
          paidCents: 7000,
          adjustments: [
            { group: 'CO', reason: '45', amountCents: 6000 },
            { group: 'PR', reason: '2', amountCents: 2000 },
          ],
          remarks: [],
          lines: [],
          source: { kind: 'remittance' },
        },
        { id: 'p2', at: '2026-03-02T12:00:00Z', kind: 'patient_payment', amountCents: 500 },
      ],
    });
    const { header } = buildClaimDetail(input({ claim: paid }));
    expect(header).toMatchObject({
      claimId: 'C1',
      patient: 'Doe, Jane',
      payer: 'Acme Health',
      status: 'Submitted',
      statusClass: 'status-submitted',
      edi: { label: 'Rejected by clearinghouse', tone: 'rejected' },
      billed: '$150.00',
      paid: '$75.00',
      // Insurance owes nothing (7000 + 6000 + 2000 = 15000); the patient still owes 2000 − 500.
      outstanding: '$15.00',
      frequency: 'Original',
    });
  });

  it('lists lines with modifiers, rates and diagnosis pointers resolved to dotted codes', () => {
    const detail = buildClaimDetail(input());
    expect(detail.diagnoses).toEqual(['F84.0', 'Z13.41', 'R48']);
    expect(detail.lines).toEqual([
      {
        lineNo: 1,
        serviceCode: '97153',
        modifiers: 'HN, 59',
        units: 8,
        minutes: 120,
        rate: '$18.75',
        charge: '$150.00',
        dateOfService: '2026-02-20',
        diagnoses: ['F84.0', 'R48'],
      },
      {
        lineNo: 2,
        serviceCode: '97155',
        modifiers: '',
        units: 2,
        minutes: 30,
        rate: 'No rate',
        charge: '$0.00',
        dateOfService: '2026-02-20',
        // A pointer past the diagnosis list is shown, not dropped.
        diagnoses: ['Z13.41', '#5?'],
      },
    ]);
    expect(displayIcd10('F84')).toBe('F84');
  });

  it('names unknown people and payers by id rather than hiding them', () => {
    const detail = buildClaimDetail(
      input({ names: { patient: null, payers: new Map(), providers: new Map(), users: new Map() } }),
    );
    expect(detail.header.patient).toBe('(unknown client-1)');
    expect(detail.header.payer).toBe('(unknown pay-1)');
    expect(detail.session?.provider).toBe('(unknown prov-2)');
  });

  it('says which claim a corrected claim replaces', () => {
    const corrected = claim({ frequency: '7', originalReference: 'ICN42' });
    expect(buildClaimDetail(input({ claim: corrected })).header.frequency).toBe(
      'Corrected (of payer claim ICN42)',
    );
  });
});

describe('buildClaimDetail session and authorization', () => {
  it('summarizes the linked session', () => {
    expect(buildClaimDetail(input()).session).toEqual({
      id: 'sess-1',
      dateOfService: '2026-02-20',
      minutes: 150,
      services: ['97153 HN · 120 min', '97155 · 30 min'],
      provider: 'Kim, Bo',
      placeOfService: '12',
      noteStatus: 'Finalized',
    });
  });

  it('says when there is no linked session, or when it is not on this device', () => {
    const none = buildClaimDetail(input({ claim: claim({ sessionId: null }), session: null }));
    expect(none.session).toBeNull();
    expect(none.sessionNote).toBe('No linked session');
    expect(buildClaimDetail(input({ session: null })).sessionNote).toBe(
      'The linked session is not on this device',
    );
  });

  it('warns before submission when the claim needs more units than remain', () => {
    const a = buildClaimDetail(input()).authorization!;
    // Line 2 has no link of its own, so it draws on the claim's authorization too: 8 + 2 units.
    expect(a).toMatchObject({ number: 'PA-123', unitsRemaining: 5, claimUnits: 10 });
    expect(a.warnings).toEqual(['This claim needs 10 units but only 5 remain on the authorization']);
    const enough = buildClaimDetail(input({ authorization: { ...auth, unitsUsed: 90 } })).authorization!;
    expect(enough.warnings).toEqual([]);
  });

  it('after submission counts the claim as already drawn, warning only when over-used', () => {
    const sent = claim({ status: 'Submitted', firstSubmittedAt: '2026-02-22T10:00:00Z' });
    expect(buildClaimDetail(input({ claim: sent })).authorization!.warnings).toEqual([]);
    const over = buildClaimDetail(input({ claim: sent, authorization: { ...auth, unitsUsed: 103 } }));
    expect(over.authorization!.warnings).toEqual(['The authorization is over-used by 3 units']);
  });

  it('warns when the authorization does not cover the date of service', () => {
    const expired = { ...auth, endDate: '2026-02-19', unitsUsed: 0 };
    expect(buildClaimDetail(input({ authorization: expired })).authorization!.warnings).toEqual([
      'Expired: the authorization ended 2026-02-19, before the date of service 2026-02-20',
    ]);
    const early = { ...auth, startDate: '2026-03-01', unitsUsed: 0 };
    expect(buildClaimDetail(input({ authorization: early })).authorization!.warnings).toEqual([
      'Not yet valid: the authorization starts 2026-03-01, after the date of service 2026-02-20',
    ]);
  });

  it('says when no authorization is linked, or when it is missing here', () => {
    const unlinked = claim({
      authorizationId: null,
      lines: claim().lines.map((l) => ({ ...l, authorizationId: null })),
    });
    expect(buildClaimDetail(input({ claim: unlinked, authorization: null })).authorizationNote).toBe(
      'No authorization linked',
    );
    expect(buildClaimDetail(input({ authorization: null })).authorizationNote).toBe(
      'Authorization auth-1 is not on this device',
    );
  });
});

describe('buildClaimDetail billing summary', () => {
  it('lists billed, allowed, adjustments by group, payers, patient, write-offs and balances in cents', () => {
    const c = claim({
      status: 'Settled',
      postings: [
        {
          id: 'p1',
          at: '2026-03-01T12:00:00Z',
          kind: 'adjudication',
          payerId: 'pay-1',
          allowedCents: 9000,
          paidCents: 6000,
          adjustments: [
            { group: 'CO', reason: '45', amountCents: 6000 },
            { group: 'PR', reason: '2', amountCents: 3000 },
          ],
          remarks: [],
          lines: [],
          source: { kind: 'remittance' },
        },
        {
          id: 'p2',
          at: '2026-03-03T12:00:00Z',
          kind: 'adjudication',
          payerId: 'pay-2',
          allowedCents: 3000,
          paidCents: 1000,
          adjustments: [],
          remarks: [],
          lines: [],
          source: { kind: 'remittance' },
        },
        { id: 'p3', at: '2026-03-04T12:00:00Z', kind: 'patient_payment', amountCents: 1200 },
        {
          id: 'p4',
          at: '2026-03-05T12:00:00Z',
          kind: 'write_off',
          bucket: 'patient',
          amountCents: 1800,
          reason: 'Settled',
        },
      ],
    });
    const { billing } = buildClaimDetail(input({ claim: c }));
    expect(billing.rows.map((r) => [r.label, r.cents, r.text])).toEqual([
      ['Billed', 15000, '$150.00'],
      ['Allowed', 12000, '$120.00'],
      ['Contractual adjustment (CO)', 6000, '$60.00'],
      ['Patient responsibility (PR)', 3000, '$30.00'],
      ['Paid by Acme Health', 6000, '$60.00'],
      ['Paid by Second Mutual', 1000, '$10.00'],
      ['Paid by patient', 1200, '$12.00'],
      ['Patient write-off', 1800, '$18.00'],
      // 15000 − 7000 paid − 6000 CO − 3000 PR = −1000: the secondary overpaid.
      ['Insurance balance', -1000, '-$10.00'],
      ['Patient balance', 0, '$0.00'],
    ]);
    expect(billing.balances.paidByPayer).toEqual({ 'pay-1': 6000, 'pay-2': 1000 });
  });

  it('shows zero adjustments and the claim payer when nothing is posted', () => {
    const rows = buildClaimDetail(input()).billing.rows.map((r) => `${r.label} ${r.text}`);
    expect(rows).toEqual([
      'Billed $150.00',
      'Allowed $0.00',
      'Adjustments $0.00',
      'Paid by Acme Health $0.00',
      'Paid by patient $0.00',
      'Insurance balance $150.00',
      'Patient balance $0.00',
    ]);
  });
});

describe('buildClaimDetail history', () => {
  const biller = { kind: 'user', userId: 'u_1', role: 'biller' } as const;
  const stranger = { kind: 'user', userId: 'u_9', role: 'admin' } as const;
  const server = { kind: 'server' } as const;
  const ev = (over: Partial<HistoryEvent> & Pick<HistoryEvent, 'id' | 'at' | 'kind'>): HistoryEvent => ({
    claimId: 'C1',
    actor: server,
    ...over,
  });

  it('lists events newest first with actor, time and a text per kind', () => {
    const history: HistoryEvent[] = [
      ev({ id: 'h1', at: '2026-02-21T09:00:00Z', kind: 'created', toStatus: 'Ready', detail: 'seq=1' }),
      ev({
        id: 'h2',
        at: '2026-02-21T10:00:00Z',
        kind: 'status_changed',
        actor: biller,
        fromStatus: 'Ready',
        toStatus: 'Held',
        reason: 'Waiting on auth',
        detail: 'seq=2',
      }),
      ev({
        id: 'h3',
        at: '2026-02-21T11:00:00Z',
        kind: 'field_edited',
        actor: stranger,
        detail: 'field=placeOfService',
      }),
      ev({
        id: 'h4',
        at: '2026-02-22T10:00:00Z',
        kind: 'status_changed',
        fromStatus: 'Ready',
        toStatus: 'Submitted',
        detail: 'via=submission',
      }),
      ev({
        id: 'h5',
        at: '2026-02-23T10:00:00Z',
        kind: 'edi_status_changed',
        detail: 'source=277CA from=sent edi=rejected_clearinghouse codes=A7:21',
        reason: 'Invalid member ID',
      }),
      ev({
        id: 'h6',
        at: '2026-02-23T10:00:00Z',
        kind: 'status_changed',
        fromStatus: 'Submitted',
        toStatus: 'Denied',
        detail: 'via=acknowledgment denialCodes=A7:21',
      }),
      ev({ id: 'h7', at: '2026-02-24T10:00:00Z', kind: 'note_added', actor: biller, reason: 'Called payer' }),
      ev({
        id: 'h8',
        at: '2026-02-25T10:00:00Z',
        kind: 'status_changed',
        actor: biller,
        fromStatus: 'Denied',
        toStatus: 'Settled',
        detail: 'insuranceWriteOff=15000 patientWriteOff=0',
      }),
    ];
    const items = buildClaimDetail(input({ history })).history;
    expect(items.map((i) => [i.id, i.actor, i.title, i.text])).toEqual([
      ['h8', 'Pat Biller', 'Denied → Settled', 'Wrote off $150.00 insurance and $0.00 patient balance'],
      ['h7', 'Pat Biller', 'Follow-up note added', 'Called payer'],
      ['h6', 'Clearinghouse', 'Submitted → Denied', 'By an acknowledgment (999/277CA). Denial codes: A7:21'],
      [
        'h5',
        'Clearinghouse',
        'Electronic status: Sent → Rejected by clearinghouse',
        '277CA · A7:21 · Invalid member ID',
      ],
      ['h4', 'Server', 'Ready → Submitted', 'By a submission batch'],
      ['h3', 'Admin u_9', 'Edited place of service', ''],
      ['h2', 'Pat Biller', 'Ready → Held', 'Reason: Waiting on auth'],
      ['h1', 'Server', 'Claim created (Ready)', 'Made from the finalized session note'],
    ]);
    expect(items[0]).toMatchObject({ actorKind: 'user', at: '2026-02-25T10:00:00Z' });
    expect(items[7]!.actorKind).toBe('system');
    expect(items[7]!.time).toMatch(/^Feb 21, 2026, 9:00\sAM$/);
  });

  it('shows a refused change with the refusal and what the user meant to do', () => {
    const conflict = ev({
      id: 'op-1:C1',
      at: '2026-02-23T10:00:00Z',
      kind: 'conflict',
      actor: biller,
      fromStatus: 'Submitted',
      toStatus: 'Held',
      reason: 'Waiting on auth',
      detail: 'refused=locked_after_submission saw=Ready',
    });
    const [item] = buildClaimDetail(input({ history: [conflict] })).history;
    const message = notInTableRefusal('Submitted', 'Held', 'user').message;
    expect(item).toMatchObject({
      actor: 'Pat Biller',
      title: 'Change to Held refused',
      text: `Refused: ${message}. You asked: Held — “Waiting on auth”. You saw it Ready; it was already Submitted`,
    });
    expect(message).toMatch(/corrected claim/);
  });

  it('shows an edit the server undid with its message', () => {
    const undone = ev({
      id: 'C1:edit:1',
      at: '2026-02-23T10:00:00Z',
      kind: 'conflict',
      actor: biller,
      reason: 'This claim went out; send a corrected claim',
      detail: 'refused=locked_after_submission field=lines',
    });
    expect(buildClaimDetail(input({ history: [undone] })).history[0]).toMatchObject({
      title: 'Edit of service lines undone',
      text: 'This claim went out; send a corrected claim',
    });
  });

  it('describes a recorded posting and credits the payer', () => {
    const c = claim({
      status: 'Submitted',
      postings: [
        {
          id: 'p1',
          at: '2026-03-01T12:00:00Z',
          kind: 'adjudication',
          payerId: 'pay-1',
          allowedCents: 9000,
          paidCents: 9000,
          adjustments: [{ group: 'CO', reason: '45', amountCents: 6000 }],
          remarks: [],
          lines: [],
          source: { kind: 'remittance' },
        },
      ],
    });
    const e = ev({ id: 'h1', at: '2026-03-01T12:00:00Z', kind: 'posting_recorded', detail: 'posting=p1' });
    const detail = buildClaimDetail(input({ claim: c, history: [e] }));
    expect(detail.history[0]).toMatchObject({
      actor: 'Payer',
      title: 'Posting recorded',
      text: 'Acme Health: Allowed $90.00, paid $90.00; CO-45 $60.00',
    });
    expect(detail.edi.map((i) => i.title)).toEqual(['Paid by Acme Health']);
  });
});

describe('allowed actions', () => {
  it('offers what the lifecycle allows a biller from each status', () => {
    const actions = (over: Partial<Claim>) =>
      allowedActions(claim(over), 'biller').map((a) => `${a.toStatus}:${a.label}`);
    expect(actions({ status: 'Ready' })).toEqual(['Held:Hold', 'Voided:Void', 'Settled:Settle']);
    expect(actions({ status: 'Held' })).toEqual(['Ready:Clear hold', 'Voided:Void', 'Settled:Settle']);
    expect(actions({ status: 'Submitted', firstSubmittedAt: '2026-02-22T10:00:00Z' })).toEqual([
      'Settled:Settle',
    ]);
    // A denied claim that went out can't simply be voided: that takes a void claim.
    expect(actions({ status: 'Denied', firstSubmittedAt: '2026-02-22T10:00:00Z' })).toEqual([
      'Ready:Resubmit',
      'Settled:Settle',
    ]);
    expect(actions({ status: 'Voided' })).toEqual([]);
    expect(actions({ status: 'Settled' })).toEqual([]);
  });

  it('offers nothing to a viewer', () => {
    const detail = buildClaimDetail(input({ role: 'viewer' }));
    expect(detail.actions).toEqual([]);
    expect(detail.readOnly).toBe(true);
    expect(buildClaimDetail(input({ role: 'admin' })).actions.length).toBeGreaterThan(0);
  });
});

describe('follow-up notes', () => {
  it('lists notes newest first with the author’s name', () => {
    const c = claim({
      followUpNotes: [
        { at: '2026-03-01T12:00:00Z', author: 'u_1', text: 'Called payer' },
        { at: '2026-03-02T12:00:00Z', author: 'u_7', text: 'Resent' },
      ],
    });
    expect(buildClaimDetail(input({ claim: c })).notes.map((n) => `${n.author}: ${n.text}`)).toEqual([
      'u_7: Resent',
      'Pat Biller: Called payer',
    ]);
  });
});
