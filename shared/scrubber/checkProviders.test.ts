import { describe, expect, it } from 'vitest';
import { baseline, found, poke, scrub } from './scrubber.fixture.ts';

describe('scrubClaim: billing provider NPI', () => {
  it('passes a valid NPI', () => {
    const s = baseline();
    s.practice.billingProvider.npi = '1000000004';
    expect(scrub(s)).toEqual([]);
  });

  it('refuses an NPI failing the check digit, naming it and where to fix it', () => {
    const s = baseline();
    s.practice.billingProvider.npi = '1234567890';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'billing_npi_check_digit', severity: 'error', field: 'billingProviderNpi' },
    ]);
    expect(findings[0]!.message).toContain('Billing provider NPI 1234567890 fails the check digit');
    expect(findings[0]!.message).toContain('Settings → Practice');
  });

  it('refuses an NPI that is not 10 digits', () => {
    const s = baseline();
    s.practice.billingProvider.npi = '123456789';
    expect(found(scrub(s))).toEqual([
      { code: 'billing_npi_malformed', severity: 'error', field: 'billingProviderNpi' },
    ]);
  });

  it('refuses a missing NPI', () => {
    const s = baseline();
    s.practice.billingProvider.npi = '';
    expect(found(scrub(s))).toEqual([
      { code: 'billing_npi_missing', severity: 'error', field: 'billingProviderNpi' },
    ]);
  });

  it('refuses a practice without a billing provider', () => {
    const s = baseline();
    poke(s.practice, 'billingProvider', null);
    expect(found(scrub(s))).toEqual([
      { code: 'billing_npi_missing', severity: 'error', field: 'billingProviderNpi' },
    ]);
  });
});

describe('scrubClaim: rendering provider', () => {
  it('passes another provider with a valid NPI', () => {
    const s = baseline();
    const other = { ...s.provider, id: 'prov-2', npi: '1111111112' };
    s.claim.renderingProviderId = 'prov-2';
    expect(scrub(s, { providers: [other] })).toEqual([]);
  });

  it('refuses a provider who is not on file', () => {
    const s = baseline();
    s.claim.renderingProviderId = 'prov-9';
    expect(found(scrub(s))).toEqual([
      { code: 'rendering_provider_missing', severity: 'error', field: 'renderingProviderId' },
    ]);
  });

  it('refuses an NPI failing the check digit, with the message a biller acts on', () => {
    const s = baseline();
    s.provider.npi = '1234567890';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'rendering_npi_check_digit', severity: 'error', field: 'renderingProviderId' },
    ]);
    expect(findings[0]!.message).toBe(
      "Rendering provider NPI 1234567890 fails the check digit — correct the provider's NPI in Settings → Providers.",
    );
  });

  it('refuses an NPI with letters in it', () => {
    const s = baseline();
    s.provider.npi = '12345678AB';
    expect(found(scrub(s))).toEqual([
      { code: 'rendering_npi_malformed', severity: 'error', field: 'renderingProviderId' },
    ]);
  });

  it('refuses a provider without an NPI', () => {
    const s = baseline();
    poke(s.provider, 'npi', undefined);
    expect(found(scrub(s))).toEqual([
      { code: 'rendering_npi_missing', severity: 'error', field: 'renderingProviderId' },
    ]);
  });
});
