import { describe, expect, it } from 'vitest';
import {
  ALL_PAYERS,
  buildPlanView,
  findingLabel,
  generateRequest,
  MAX_FILE_CLAIMS,
  payerOptions,
  selectionText,
  toggleAll,
} from './planView.ts';
import type { Finding, SubmissionPlan } from './submissionSchemas.ts';

const names = new Map([
  ['py-aetna', 'Aetna'],
  ['py-bcbs', 'Blue Cross'],
  ['py-uhc', 'UnitedHealthcare'],
]);

const error = (code: string, message: string): Finding => ({ code, severity: 'error', message });
const warning = (code: string, message: string): Finding => ({ code, severity: 'warning', message });

const plan: SubmissionPlan = {
  payer: ALL_PAYERS,
  ready: ['C1', 'C2', 'C3'],
  claims: [
    { claimId: 'C1', payerId: 'py-uhc', dateOfService: '2026-10-01', chargeCents: 15000, units: 8 },
    { claimId: 'C2', payerId: 'py-aetna', dateOfService: '2026-10-02', chargeCents: 6250, units: 2 },
    { claimId: 'C3', payerId: 'py-uhc', dateOfService: '2026-10-03', chargeCents: 21255, units: 10 },
  ],
  totalChargeCents: 42505,
  warnings: [{ claimId: 'C3', findings: [warning('authorization_units_low', 'Only 4 units are left.')] }],
  failing: [
    {
      claimId: 'F1',
      findings: [
        warning('timely_filing_near', 'Near the limit.'),
        error('timely_filing_expired', 'Past the payer’s 90-day limit: write it off or appeal.'),
        error('units_invalid', 'Line 1: units must be more than 0.'),
        error('units_invalid', 'Line 1: units must be more than 0.'),
      ],
    },
    { claimId: 'F2', findings: [error('timely_filing_expired', 'Past the limit.')] },
    { claimId: 'F3', findings: [error('billing_npi_check_digit', 'The billing NPI fails its check digit.')] },
  ],
};

const payerOf = (id: string) => ({ F1: 'py-uhc', F2: 'py-bcbs' })[id];

describe('the New submission plan', () => {
  it('groups passing claims by payer name with their totals, keeping the server’s order', () => {
    const view = buildPlanView(plan, names, payerOf);
    expect(view.groups.map((g) => [g.payerName, g.claims.map((c) => c.claimId), g.total])).toEqual([
      ['Aetna', ['C2'], '$62.50'],
      ['UnitedHealthcare', ['C1', 'C3'], '$362.55'],
    ]);
    expect(view.readyCount).toBe(3);
    expect(view.totals.totalCents).toBe(42505);
    expect(view.totals.total).toBe('$425.05');
    expect(view.groups[1]!.claims[1]).toMatchObject({
      charge: '$212.55',
      units: 10,
      warnings: ['Only 4 units are left.'],
    });
    expect(view.groups[1]!.claims[0]!.warnings).toEqual([]);
  });

  it('lists failing claims under their payer with the scrubber’s messages, errors first, each once', () => {
    const view = buildPlanView(plan, names, payerOf);
    expect(view.failingCount).toBe(3);
    expect(view.failing.map((g) => [g.payerName, g.claims.map((c) => c.claimId)])).toEqual([
      ['Blue Cross', ['F2']],
      ['UnitedHealthcare', ['F1']],
      ['Unknown payer', ['F3']],
    ]);
    expect(view.failing[1]!.claims[0]!.messages).toEqual([
      'Past the payer’s 90-day limit: write it off or appeal.',
      'Line 1: units must be more than 0.',
      'Near the limit.',
    ]);
    // Counted by claim, most common first; warnings are not reasons a claim can't go.
    expect(view.failingReasons).toEqual([
      { code: 'timely_filing_expired', label: 'Timely filing expired', claimCount: 2 },
      { code: 'billing_npi_check_digit', label: 'Billing NPI check digit', claimCount: 1 },
      { code: 'units_invalid', label: 'Units invalid', claimCount: 1 },
    ]);
  });

  it('shows a payer the replica does not know by its id, never blank', () => {
    const view = buildPlanView(plan, new Map());
    expect(view.groups.map((g) => g.payerName)).toEqual(['py-aetna', 'py-uhc']);
  });

  it('an empty plan is an empty view', () => {
    const view = buildPlanView(
      { ...plan, ready: [], claims: [], totalChargeCents: 0, warnings: [], failing: [] },
      names,
    );
    expect(view).toMatchObject({ groups: [], failing: [], readyCount: 0, failingCount: 0 });
    expect(view.totals.total).toBe('$0.00');
  });

  it('offers "All EDI payers" first, then electronic payers by name', () => {
    expect(
      payerOptions([
        { id: 'py-uhc', name: 'UnitedHealthcare', submission: 'electronic' },
        { id: 'py-paper', name: 'Acme Paper Mutual', submission: 'paper' },
        { id: 'py-aetna', name: 'Aetna', submission: 'electronic' },
      ]),
    ).toEqual([
      { value: 'all', label: 'All EDI payers' },
      { value: 'py-aetna', label: 'Aetna' },
      { value: 'py-uhc', label: 'UnitedHealthcare' },
    ]);
  });

  it('says what is selected and toggles a group on and off', () => {
    const all = new Set(plan.ready);
    expect(selectionText(plan, all)).toBe('3 claims · $425.05 selected');
    expect(selectionText(plan, new Set(['C2']))).toBe('1 claim · $62.50 selected');
    expect(selectionText(plan, new Set(['F1']))).toBe('0 claims · $0.00 selected');
    const off = toggleAll(all, ['C1', 'C3']);
    expect([...off]).toEqual(['C2']);
    expect([...toggleAll(off, ['C1', 'C3'])].sort()).toEqual(['C1', 'C2', 'C3']);
    // Partly on: the first click turns the rest on.
    expect([...toggleAll(new Set(['C1']), ['C1', 'C3'])].sort()).toEqual(['C1', 'C3']);
  });

  it('sends the chosen claims by id, in the plan’s order', () => {
    expect(generateRequest(plan, new Set(['C3', 'C1']))).toEqual({
      ok: true,
      request: { payer: 'all', claimIds: ['C1', 'C3'] },
    });
    expect(generateRequest({ ...plan, payer: 'py-uhc' }, new Set(['C1']))).toEqual({
      ok: true,
      request: { payer: 'py-uhc', claimIds: ['C1'] },
    });
    const none = generateRequest(plan, new Set());
    expect(none.ok).toBe(false);
  });

  it('past one file’s worth: all chosen sends no ids (the oldest go first); a part is refused', () => {
    const many = Array.from({ length: MAX_FILE_CLAIMS + 2 }, (_, i) => ({
      claimId: `C${i}`,
      payerId: 'py-uhc',
      dateOfService: '2026-10-01',
      chargeCents: 100,
      units: 1,
    }));
    const big: SubmissionPlan = { ...plan, ready: many.map((c) => c.claimId), claims: many };
    expect(generateRequest(big, new Set(big.ready))).toEqual({ ok: true, request: { payer: 'all' } });
    const part = generateRequest(big, new Set(big.ready.slice(1)));
    expect(part.ok).toBe(false);
    expect(part.ok ? '' : part.message).toContain('5,000');
    const exactly = generateRequest(big, new Set(big.ready.slice(2)));
    expect(exactly.ok && exactly.request.claimIds?.length).toBe(MAX_FILE_CLAIMS);
  });

  it('labels finding codes for people', () => {
    expect(findingLabel('rendering_npi_missing')).toBe('Rendering NPI missing');
    expect(findingLabel('payer_id_malformed')).toBe('Payer ID malformed');
    expect(findingLabel('diagnosis_pointer_invalid')).toBe('Diagnosis pointer invalid');
  });
});
