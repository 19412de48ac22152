import { shown } from './display.ts';
import { finding, type ScrubFinding, type ScrubFindingCode } from './findings.ts';
import { isTenDigits, isValidNpi } from './npi.ts';
import { isNonBlankString, isRecord, type Loose } from './read.ts';
import type { ScrubContext } from './scrubContext.ts';

type NpiProblem = 'missing' | 'malformed' | 'check_digit';

function npiProblem(npi: unknown): NpiProblem | null {
  if (!isNonBlankString(npi)) return 'missing';
  if (!isTenDigits(npi)) return 'malformed';
  return isValidNpi(npi) ? null : 'check_digit';
}

/** Whose NPI is checked: the finding codes, the field, and the words a biller reads. */
interface NpiOwner {
  codes: Record<NpiProblem, ScrubFindingCode>;
  field: 'billingProviderNpi' | 'renderingProviderId';
  label: string;
  missing: string;
  fix: string;
  /** Extra advice on a failed check digit. */
  checkDigitHint: string;
}

const billingOwner: NpiOwner = {
  codes: {
    missing: 'billing_npi_missing',
    malformed: 'billing_npi_malformed',
    check_digit: 'billing_npi_check_digit',
  },
  field: 'billingProviderNpi',
  label: 'Billing provider',
  missing: 'Billing provider NPI is missing — enter the practice NPI in Settings → Practice.',
  fix: 'correct the practice NPI in Settings → Practice',
  checkDigitHint: ' (compare it with the NPPES registry)',
};

const renderingOwner: NpiOwner = {
  codes: {
    missing: 'rendering_npi_missing',
    malformed: 'rendering_npi_malformed',
    check_digit: 'rendering_npi_check_digit',
  },
  field: 'renderingProviderId',
  label: 'Rendering provider',
  missing: "Rendering provider has no NPI — enter the provider's NPI in Settings → Providers.",
  fix: "correct the provider's NPI in Settings → Providers",
  checkDigitHint: '',
};

function checkNpi(npi: unknown, owner: NpiOwner, out: ScrubFinding[]): void {
  const problem = npiProblem(npi);
  if (problem === null) return;
  const message =
    problem === 'missing'
      ? owner.missing
      : problem === 'malformed'
        ? `${owner.label} NPI ${shown(npi)} is not 10 digits — ${owner.fix}.`
        : `${owner.label} NPI ${shown(npi)} fails the check digit — ${owner.fix}${owner.checkDigitHint}.`;
  out.push(finding(owner.codes[problem], 'error', message, owner.field));
}

/** The practice's billing provider NPI (837P 2010AA): present, 10 digits, valid check digit. */
export function checkBillingProvider(practice: unknown, out: ScrubFinding[]): void {
  const billing = isRecord(practice) ? practice.billingProvider : undefined;
  checkNpi(isRecord(billing) ? billing.npi : undefined, billingOwner, out);
}

/** The rendering provider (837P 2310B): on file, with a present, 10-digit NPI whose check digit is right. */
export function checkRenderingProvider(claim: Loose, ctx: ScrubContext, out: ScrubFinding[]): void {
  const id = claim.renderingProviderId;
  const provider = typeof id === 'string' ? ctx.providersById.get(id) : undefined;
  if (!isRecord(provider)) {
    out.push(
      finding(
        'rendering_provider_missing',
        'error',
        'Rendering provider is not on file — choose the rendering provider on the session note, or add them in Settings → Providers.',
        'renderingProviderId',
      ),
    );
    return;
  }
  checkNpi(provider.npi, renderingOwner, out);
}
