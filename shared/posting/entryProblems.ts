import type { Adjustment, LineAdjudication } from '../domain/posting.ts';
import type { ClaimPayment } from '../domain/remittance.ts';
import { formatCents } from '../money/format.ts';
import { allAdjustments, CARC_PATTERN, RARC_PATTERN, sumAdjustments, sumGroup } from './adjustments.ts';

/** One CLP of an 835 as the posting engine reads it (matching is the engine's job, not the entry's). */
export type RemittanceEntry = Omit<ClaimPayment, 'matchedClaimId'>;

/** Why an entry cannot be posted as written; any one of these rejects the whole file. Match on this. */
export type EntryProblemCode =
  /** CLP02 is not a status code of the 835 (1–4, 19–23, 25). */
  | 'unknown_status'
  /** An amount is not a whole number of cents, or a line number/units is not a whole number. */
  | 'invalid_amount'
  /** Charge ≠ paid + the claim's and lines' adjustments. */
  | 'claim_unbalanced'
  /** A service line's charge ≠ its paid + its adjustments. */
  | 'line_unbalanced'
  /** CLP05 (patient responsibility) is given and differs from the PR adjustments. */
  | 'patient_responsibility_mismatch'
  /** A CARC, RARC or payer claim control number the claim record can't hold. */
  | 'invalid_code';

/** An entry the engine refuses to post, with a message a biller can act on (no patient data). */
export interface EntryProblem {
  code: EntryProblemCode;
  /** 0-based position of the entry in the file. */
  index: number;
  patientControlNumber: string;
  message: string;
}

/** CLP02 codes of 005010X221A1. */
export const KNOWN_STATUS_CODES: ReadonlySet<string> = new Set([
  '1',
  '2',
  '3',
  '4',
  '19',
  '20',
  '21',
  '22',
  '23',
  '25',
]);
const GROUPS: ReadonlySet<string> = new Set(['CO', 'PR', 'OA', 'PI', 'CR']);
const MAX_PAYER_CLAIM_CONTROL_NUMBER = 50;

const isCents = Number.isSafeInteger;

function adjustmentsAreCents(adjustments: readonly Adjustment[]): boolean {
  for (const a of adjustments) if (!isCents(a.amountCents)) return false;
  return true;
}

function amountsAreWhole(e: RemittanceEntry): boolean {
  if (!isCents(e.chargeCents) || !isCents(e.paidCents) || !isCents(e.patientResponsibilityCents))
    return false;
  if (e.allowedCents !== null && !isCents(e.allowedCents)) return false;
  if (!adjustmentsAreCents(e.adjustments)) return false;
  for (const l of e.lines) {
    if (!isCents(l.chargeCents) || !isCents(l.paidCents) || !adjustmentsAreCents(l.adjustments)) return false;
    if (!Number.isSafeInteger(l.lineNo) || l.lineNo < 1 || !Number.isSafeInteger(l.units)) return false;
  }
  return true;
}

function badCode(e: RemittanceEntry): string | null {
  const all = allAdjustments(e.adjustments, e.lines);
  for (const a of all) {
    if (!GROUPS.has(a.group)) return `adjustment group "${a.group}" is not CO, PR, OA, PI or CR`;
    if (!CARC_PATTERN.test(a.reason)) return `adjustment reason "${a.reason}" is not a CARC`;
  }
  for (const r of e.remarks) if (!RARC_PATTERN.test(r)) return `remark "${r}" is not a RARC`;
  const icn = e.payerClaimControlNumber;
  if (icn !== null && (icn.length === 0 || icn.length > MAX_PAYER_CLAIM_CONTROL_NUMBER)) {
    return `the payer claim control number must be 1–${MAX_PAYER_CLAIM_CONTROL_NUMBER} characters`;
  }
  return null;
}

function unbalancedLine(lines: readonly LineAdjudication[]): string | null {
  for (const l of lines) {
    const adjusted = sumAdjustments(l.adjustments);
    if (l.chargeCents - l.paidCents !== adjusted) {
      return `line ${l.lineNo}: charge ${formatCents(l.chargeCents)} ≠ paid ${formatCents(l.paidCents)} + adjustments ${formatCents(adjusted)}`;
    }
  }
  return null;
}

/**
 * What is wrong with one entry, checked on its own: a known CLP02, whole cents, codes the ledger can
 * store, every line balanced (charge − paid = its CAS), the claim balanced (charge − paid = claim CAS +
 * all line CAS), and CLP05 equal to the PR adjustments when CLP05 is non-zero (a zero CLP05 may be an
 * omitted element, so the PR adjustments stand). Empty when the entry can be posted.
 */
export function entryProblems(e: RemittanceEntry, index: number): EntryProblem[] {
  const where = `Claim payment ${index + 1} (claim ${e.patientControlNumber})`;
  const problem = (code: EntryProblemCode, what: string): EntryProblem => ({
    code,
    index,
    patientControlNumber: e.patientControlNumber,
    message: `${where}: ${what}`,
  });
  if (!KNOWN_STATUS_CODES.has(e.statusCode)) {
    return [problem('unknown_status', `claim status code ${e.statusCode} is not one the 835 defines`)];
  }
  if (!amountsAreWhole(e)) return [problem('invalid_amount', 'an amount is not a whole number of cents')];

  const problems: EntryProblem[] = [];
  const code = badCode(e);
  if (code !== null) problems.push(problem('invalid_code', code));
  const line = unbalancedLine(e.lines);
  if (line !== null) problems.push(problem('line_unbalanced', line));
  const all = allAdjustments(e.adjustments, e.lines);
  const adjusted = sumAdjustments(all);
  if (e.chargeCents - e.paidCents !== adjusted) {
    const off = e.chargeCents - e.paidCents - adjusted;
    problems.push(
      problem(
        'claim_unbalanced',
        `charge ${formatCents(e.chargeCents)} ≠ paid ${formatCents(e.paidCents)} + adjustments ${formatCents(adjusted)} (off by ${formatCents(off)})`,
      ),
    );
  }
  const pr = sumGroup(all, 'PR');
  if (e.patientResponsibilityCents !== 0 && e.patientResponsibilityCents !== pr) {
    problems.push(
      problem(
        'patient_responsibility_mismatch',
        `patient responsibility ${formatCents(e.patientResponsibilityCents)} ≠ the patient-responsibility (PR) adjustments ${formatCents(pr)}`,
      ),
    );
  }
  return problems;
}
