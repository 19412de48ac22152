import { shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isTenDigits, isValidNpi } from './npi.ts';
import { isNonBlankString, isRecord, type Loose } from './read.ts';
import type { ScrubContext } from './scrubContext.ts';

type NpiProblem = 'none' | 'missing' | 'malformed' | 'check_digit';

function npiProblem(npi: unknown): NpiProblem {
  if (!isNonBlankString(npi)) return 'missing';
  if (!isTenDigits(npi)) return 'malformed';
  return isValidNpi(npi) ? 'none' : 'check_digit';
}

/** The practice's billing provider NPI (837P 2010AA): present, 10 digits, valid check digit. */
export function checkBillingProvider(practice: unknown, out: ScrubFinding[]): void {
  const billing = isRecord(practice) ? practice.billingProvider : undefined;
  const npi = isRecord(billing) ? billing.npi : undefined;
  const fix = 'correct the practice NPI in Settings → Practice';
  switch (npiProblem(npi)) {
    case 'none':
      return;
    case 'missing':
      out.push(
        finding(
          'billing_npi_missing',
          'error',
          'Billing provider NPI is missing — enter the practice NPI in Settings → Practice.',
          'billingProviderNpi',
        ),
      );
      return;
    case 'malformed':
      out.push(
        finding(
          'billing_npi_malformed',
          'error',
          `Billing provider NPI ${shown(npi)} is not 10 digits — ${fix}.`,
          'billingProviderNpi',
        ),
      );
      return;
    case 'check_digit':
      out.push(
        finding(
          'billing_npi_check_digit',
          'error',
          `Billing provider NPI ${shown(npi)} fails the check digit — ${fix} (compare it with the NPPES registry).`,
          'billingProviderNpi',
        ),
      );
      return;
  }
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
  const npi = provider.npi;
  const fix = "correct the provider's NPI in Settings → Providers";
  switch (npiProblem(npi)) {
    case 'none':
      return;
    case 'missing':
      out.push(
        finding(
          'rendering_npi_missing',
          'error',
          "Rendering provider has no NPI — enter the provider's NPI in Settings → Providers.",
          'renderingProviderId',
        ),
      );
      return;
    case 'malformed':
      out.push(
        finding(
          'rendering_npi_malformed',
          'error',
          `Rendering provider NPI ${shown(npi)} is not 10 digits — ${fix}.`,
          'renderingProviderId',
        ),
      );
      return;
    case 'check_digit':
      out.push(
        finding(
          'rendering_npi_check_digit',
          'error',
          `Rendering provider NPI ${shown(npi)} fails the check digit — ${fix}.`,
          'renderingProviderId',
        ),
      );
      return;
  }
}
