import { shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isNonBlankString, type Loose } from './read.ts';

// What a biller does about a claim that is not Ready, by status.
const notReadyHint: Readonly<Record<string, string>> = {
  Held: 'clear the hold (Held → Ready) once the hold reason is resolved',
  Denied: 'fix the denial reason, then Resubmit it',
  Submitted: 'it has already been sent; wait for the payer, or send a corrected claim later',
  Paid: 'to change it, submit a corrected claim',
  Settled: 'to change it, submit a corrected claim',
  Voided: 'a voided claim cannot be sent again',
};

function notReadyMessage(status: unknown): string {
  const hint =
    typeof status === 'string' && Object.hasOwn(notReadyHint, status)
      ? notReadyHint[status]
      : 'its status is not one ClaimGrid knows; reopen the claim from its session note';
  return `Claim is ${shown(status)}, not Ready — only Ready claims can be submitted; ${hint}.`;
}

/** Status and frequency: only Ready claims are submittable; corrected and void claims need the original ICN. */
export function checkClaimState(claim: Loose, out: ScrubFinding[]): void {
  const status = claim.status;
  if (status !== 'Ready') out.push(finding('not_ready', 'error', notReadyMessage(status), 'status'));

  const frequency = claim.frequency;
  if (frequency === '7' || frequency === '8') {
    if (!isNonBlankString(claim.originalReference)) {
      const kind = frequency === '7' ? 'Corrected claim (frequency 7)' : 'Void claim (frequency 8)';
      out.push(
        finding(
          'original_reference_missing',
          'error',
          `${kind} has no original claim number — enter the payer's claim control number (ICN) of the original claim, from its remittance or claim status.`,
          'originalReference',
        ),
      );
    }
  } else if (frequency !== '1') {
    out.push(
      finding(
        'frequency_invalid',
        'error',
        `Claim frequency ${shown(frequency)} is not valid — it must be 1 (original), 7 (corrected) or 8 (void); recreate the claim from its session note or the original claim.`,
        'frequency',
      ),
    );
  }
}
