import { deriveBalances } from '../../../shared/balances/deriveBalances.ts';
import { serviceInfo } from '../../../shared/claims/serviceCatalog.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { Client } from '../../../shared/domain/client.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import type { IsoDate, PostalAddress } from '../../../shared/domain/primitives.ts';
import { formatCents } from '../../../shared/money/format.ts';

/**
 * The patient invoice (SPEC §6 "patient responsibility → offer a patient invoice", seed 000 "invoice the
 * parent for the balance"): a printable statement of one claim's patient balance, every string ready to
 * print. Pure; `PatientInvoice.tsx` shows it and prints it.
 */

export interface InvoiceService {
  date: IsoDate;
  code: string;
  /** The code's short description ("Adaptive behavior treatment by protocol…"), or '' when unknown. */
  description: string;
  units: number;
  charge: string;
}

export interface InvoiceRow {
  label: string;
  cents: number;
  text: string;
}

export interface PatientInvoiceView {
  title: string;
  practiceName: string;
  practiceAddress: string[];
  patientName: string;
  patientAddress: string[];
  statementDate: IsoDate;
  /** The account reference the family quotes when paying: the claim id. */
  reference: string;
  dateOfService: IsoDate;
  services: InvoiceService[];
  /** Billed, what each payer paid, the payer's adjustments, the patient's share and payments. */
  rows: InvoiceRow[];
  /** The patient's share by kind: "Coinsurance $24.00". */
  responsibility: string[];
  patientOwesCents: number;
  patientOwes: string;
  /** A line under the total when there is nothing to pay, or why. */
  note: string;
}

export interface PatientInvoiceInput {
  claim: Claim;
  /** The device's reference data; missing ones print as unknown, never a crash. */
  practice: Pick<Practice, 'name' | 'billingProvider'> | null;
  client: Pick<Client, 'id' | 'name' | 'address'> | null;
  payers: ReadonlyMap<string, string>;
  statementDate: IsoDate;
}

const PR_KIND: Record<string, string> = { '1': 'Deductible', '2': 'Coinsurance', '3': 'Copay' };

function addressLines(a: PostalAddress | undefined): string[] {
  if (a === undefined) return [];
  return [a.line1, ...(a.line2 ? [a.line2] : []), `${a.city}, ${a.state} ${a.zip}`];
}

function row(label: string, cents: number): InvoiceRow {
  return { label, cents, text: formatCents(cents) };
}

/** The statement for the claim's patient balance, from the claim as this device has it. */
export function buildPatientInvoice(input: PatientInvoiceInput): PatientInvoiceView {
  const { claim, client, practice } = input;
  const b = deriveBalances(claim);
  const rows: InvoiceRow[] = [row('Services billed', b.billedCents)];
  const payerIds = Object.keys(b.paidByPayer);
  for (const id of payerIds)
    rows.push(row(`Paid by ${input.payers.get(id) ?? 'insurance'}`, -b.paidByPayer[id]!));
  if (payerIds.length === 0) rows.push(row('Paid by insurance', 0));
  const payerAdjusted =
    b.adjustmentsByGroup.CO + b.adjustmentsByGroup.OA + b.adjustmentsByGroup.PI + b.adjustmentsByGroup.CR;
  if (payerAdjusted !== 0) rows.push(row('Insurance adjustments (not billed to you)', -payerAdjusted));
  if (b.insuranceWriteOffCents !== 0)
    rows.push(row('Written off by the practice', -b.insuranceWriteOffCents));
  if (b.insuranceBalanceCents !== 0) rows.push(row('Still with insurance', -b.insuranceBalanceCents));
  rows.push(row('Your responsibility', b.patientResponsibilityCents));
  if (b.patientPaidCents !== 0) rows.push(row('You paid', -b.patientPaidCents));
  if (b.patientWriteOffCents !== 0) rows.push(row('Forgiven by the practice', -b.patientWriteOffCents));
  if (b.transferredToSecondaryCents !== 0)
    rows.push(row('Billed to your secondary insurance', -b.transferredToSecondaryCents));

  const responsibility: string[] = [];
  for (const [key, cents] of Object.entries(b.adjustmentsByCarc)) {
    if (!key.startsWith('PR-') || cents === 0) continue;
    const code = key.slice(3);
    responsibility.push(
      `${PR_KIND[code] ?? `Patient responsibility (reason ${code})`} ${formatCents(cents)}`,
    );
  }

  const owes = b.patientBalanceCents;
  let note = '';
  if (owes < 0) note = `Nothing to pay: you have a credit of ${formatCents(-owes)}.`;
  else if (owes === 0)
    note =
      b.transferredToSecondaryCents > 0
        ? 'Nothing to pay now: your share was billed to your secondary insurance.'
        : 'Nothing to pay: there is no balance on this visit.';
  const patientName = client
    ? [client.name.first, client.name.middle, client.name.last].filter(Boolean).join(' ')
    : `(client ${claim.clientId} is not on this device)`;
  return {
    title: 'Patient statement',
    practiceName: practice?.name ?? '(practice name not on this device)',
    practiceAddress: addressLines(practice?.billingProvider.address),
    patientName,
    patientAddress: addressLines(client?.address),
    statementDate: input.statementDate,
    reference: claim.id,
    dateOfService: claim.dateOfService,
    services: claim.lines.map((l) => ({
      date: l.dateOfService,
      code: l.modifiers.length > 0 ? `${l.serviceCode}-${l.modifiers.join('-')}` : l.serviceCode,
      description: serviceInfo(l.serviceCode)?.description ?? '',
      units: l.units,
      charge: formatCents(l.chargeCents),
    })),
    rows,
    responsibility,
    patientOwesCents: owes,
    patientOwes: formatCents(Math.max(owes, 0)),
    note,
  };
}

/** Whether a claim has something to invoice the patient for now. */
export function hasPatientBalance(claim: Pick<Claim, 'lines' | 'postings'>): boolean {
  return deriveBalances(claim).patientBalanceCents > 0;
}
