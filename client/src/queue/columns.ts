import { claimStatuses, ediStatuses } from '../../../shared/domain/claimStatus.ts';
import { formatCents } from '../../../shared/money/format.ts';
import type { ClaimRow } from './claimRow.ts';
import type { QueueTotals } from './computeTotals.ts';
import { ediStatusDisplay } from './ediStatusDisplay.ts';

/** How a column's cells render and sort. */
export type ColumnKind = 'text' | 'number' | 'money' | 'status' | 'edi';

/** One column of the claims grid (SPEC §5). */
export interface Column {
  id: string;
  label: string;
  /** Width in CSS pixels. */
  width: number;
  kind: ColumnKind;
  /** The cell as text (money through formatCents). */
  text: (row: ClaimRow) => string;
  /** What the column sorts by: text collates, numbers compare; '' / null sort last. */
  sortBy:
    | { type: 'text'; value: (row: ClaimRow) => string }
    | { type: 'number'; value: (row: ClaimRow) => number | null };
  /** The total shown under this column's header, if it has one. */
  total?: keyof QueueTotals;
  /** Always shown: the row's identity and the way to open the claim. */
  required?: boolean;
  /** Pinned to the left in the default layout. */
  defaultPinned?: boolean;
  /** Left out of the default layout (still one click away in the Columns menu). */
  defaultHidden?: boolean;
}

function textColumn(
  id: string,
  label: string,
  width: number,
  value: (row: ClaimRow) => string,
  extra: Partial<Pick<Column, 'required' | 'defaultPinned' | 'defaultHidden'>> = {},
): Column {
  return { id, label, width, kind: 'text', text: value, sortBy: { type: 'text', value }, ...extra };
}

function moneyColumn(
  id: string,
  label: string,
  value: (row: ClaimRow) => number,
  total: keyof QueueTotals,
): Column {
  return {
    id,
    label,
    width: 126,
    kind: 'money',
    text: (r) => formatCents(value(r)),
    sortBy: { type: 'number', value },
    total,
  };
}

// Statuses sort in lifecycle order, not alphabetically, so "Ready" comes before "Submitted".
const statusRank = new Map<string, number>(claimStatuses.map((s, i) => [s, i]));
const ediRank = new Map<string, number>(ediStatuses.map((s, i) => [s, i]));

/**
 * Every column of the grid in SPEC §5 order (the default left-to-right order). Hidden by default:
 * billing provider (a practice bills under one organization, so it repeats on every row) and the
 * last follow-up note (long free text, wanted while working follow-ups, not for scanning).
 * Insurance paid is split into the primary and the other payers like the Live Claims Feed (seed 004);
 * both stay visible so the visible money columns still account for every insurance payment.
 */
export const columns: readonly Column[] = [
  textColumn('id', 'Claim ID', 140, (r) => r.id, { required: true, defaultPinned: true }),
  textColumn('patient', 'Patient', 168, (r) => r.patient),
  textColumn('dateOfService', 'Date of service', 136, (r) => r.dateOfService),
  textColumn('placeOfService', 'POS', 48, (r) => r.placeOfService),
  textColumn('renderingProvider', 'Rendering provider', 160, (r) => r.renderingProvider),
  textColumn('billingProvider', 'Billing provider', 180, (r) => r.billingProvider, { defaultHidden: true }),
  textColumn('payer', 'Payer', 212, (r) => r.payer),
  textColumn('serviceCodes', 'Service codes', 120, (r) => r.serviceCodes),
  {
    id: 'units',
    label: 'Units',
    width: 80,
    kind: 'number',
    text: (r) => String(r.units),
    sortBy: { type: 'number', value: (r) => r.units },
    total: 'units',
  },
  moneyColumn('billed', 'Billed', (r) => r.billedCents, 'billedCents'),
  moneyColumn('allowed', 'Allowed', (r) => r.allowedCents, 'allowedCents'),
  moneyColumn('adjustment', 'Adjustment', (r) => r.adjustmentCents, 'adjustmentCents'),
  moneyColumn('insurance1Paid', 'Ins 1 paid', (r) => r.insurance1PaidCents, 'insurance1PaidCents'),
  moneyColumn('insurance2Paid', 'Ins 2 paid', (r) => r.insurance2PaidCents, 'insurance2PaidCents'),
  moneyColumn('patientPaid', 'Pt paid', (r) => r.patientPaidCents, 'patientPaidCents'),
  moneyColumn('insuranceBalance', 'Ins balance', (r) => r.insuranceBalanceCents, 'insuranceBalanceCents'),
  moneyColumn('patientBalance', 'Pt balance', (r) => r.patientBalanceCents, 'patientBalanceCents'),
  {
    id: 'status',
    label: 'Status',
    width: 88,
    kind: 'status',
    text: (r) => r.status,
    sortBy: { type: 'number', value: (r) => statusRank.get(r.status) ?? null },
  },
  {
    id: 'ediStatus',
    label: 'EDI status',
    width: 204,
    kind: 'edi',
    text: (r) => ediStatusDisplay(r.ediStatus).label,
    sortBy: { type: 'number', value: (r) => ediRank.get(r.ediStatus) ?? null },
  },
  textColumn('firstSubmitted', 'First submitted', 136, (r) => r.firstSubmitted),
  {
    id: 'daysSinceBilled',
    label: 'Days billed',
    width: 104,
    kind: 'number',
    text: (r) => (r.daysSinceBilled === null ? '' : String(r.daysSinceBilled)),
    sortBy: { type: 'number', value: (r) => r.daysSinceBilled },
  },
  textColumn('denialReason', 'Denial reason', 120, (r) => r.denialReason),
  textColumn('holdReason', 'Hold reason', 300, (r) => r.holdReason),
  textColumn('lastFollowUpNote', 'Last follow-up note', 300, (r) => r.lastFollowUpNote, {
    defaultHidden: true,
  }),
];

/** The column with this id, if any. */
export function columnById(id: string): Column | undefined {
  return columns.find((c) => c.id === id);
}
