import { payerLabel, shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isRecord, type Loose } from './read.ts';
import type { ScrubContext } from './scrubContext.ts';

/** The payer's EDI ID as the clearinghouse lists it: 2–15 upper-case letters or digits (2010BB NM109). */
export function isPayerEdiId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 2 || value.length > 15) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * The claim's payer: on file, electronic (paper-only is a warning: the claim goes on a CMS-1500),
 * with a well-formed EDI payer ID. Returns the payer record for the checks that need it.
 */
export function checkPayer(claim: Loose, ctx: ScrubContext, out: ScrubFinding[]): Loose | undefined {
  const id = claim.payerId;
  const payer: unknown = typeof id === 'string' ? ctx.payersById.get(id) : undefined;
  if (!isRecord(payer)) {
    out.push(
      finding(
        'payer_missing',
        'error',
        "No payer on file for this claim — add the client's insurance on their Insurance tab (or set up the payer in Settings → Payers), then regenerate the claim.",
        'payerId',
      ),
    );
    return undefined;
  }
  if (payer.submission === 'paper') {
    out.push(
      finding(
        'payer_paper_only',
        'warning',
        `${payerLabel(payer)} accepts paper claims only — send this claim on paper (CMS-1500) instead of in an electronic batch.`,
        'payerId',
      ),
    );
  } else if (!isPayerEdiId(payer.payerId)) {
    out.push(
      finding(
        'payer_id_malformed',
        'error',
        `Payer ID ${shown(payer.payerId)} of ${payerLabel(payer)} is not valid (2–15 capital letters or digits) — correct it in Settings → Payers from the clearinghouse's payer list.`,
        'payerId',
      ),
    );
  }
  return payer;
}
