import { describe, expect, it } from 'vitest';
import { authorizationSchema } from '../domain/authorization.ts';
import { claimSchema } from '../domain/claim.ts';
import { clientSchema } from '../domain/client.ts';
import { payerSchema } from '../domain/payer.ts';
import { practiceSchema } from '../domain/practice.ts';
import { providerSchema } from '../domain/provider.ts';
import { baseline, found, PATIENT_SECRETS, poke, scrub } from './scrubber.fixture.ts';

describe('the baseline scenario', () => {
  it('is valid against the domain schemas', () => {
    const s = baseline();
    expect(claimSchema.safeParse(s.claim).error).toBeUndefined();
    expect(practiceSchema.safeParse(s.practice).error).toBeUndefined();
    expect(payerSchema.safeParse(s.payer).error).toBeUndefined();
    expect(clientSchema.safeParse(s.client).error).toBeUndefined();
    expect(providerSchema.safeParse(s.provider).error).toBeUndefined();
    expect(authorizationSchema.safeParse(s.authorization).error).toBeUndefined();
  });

  it('scrubs clean', () => {
    expect(scrub(baseline())).toEqual([]);
  });

  it('gives fresh objects on every call', () => {
    const a = baseline();
    a.claim.lines[0]!.units = 0;
    expect(baseline().claim.lines[0]!.units).toBe(8);
  });
});

describe('finding messages', () => {
  it('never carry the patient name, date of birth or member ID, even when many checks fail', () => {
    const s = baseline();
    s.claim.status = 'Held';
    s.practice.billingProvider.npi = '1234567890';
    s.provider.npi = '12345';
    s.payer.payerId = 'bad id';
    s.client.policies[0]!.effectiveFrom = '2026-04-01';
    s.claim.diagnosisCodes = ['F84.0', 'nonsense'];
    s.claim.lines[0]!.rateCents = null;
    s.claim.lines[1]!.chargeCents = 1;
    s.authorization.unitsUsed = 399;
    s.authorization.endDate = '2026-03-01';
    poke(s.claim, 'placeOfService', '00');
    const findings = scrub(s);
    expect(findings.length).toBeGreaterThan(8);
    for (const f of findings) {
      expect(f.message).not.toContain(PATIENT_SECRETS.memberId);
      expect(f.message).not.toContain(PATIENT_SECRETS.lastName);
      expect(f.message).not.toContain(PATIENT_SECRETS.dateOfBirth);
    }
    expect(found(findings).map((f) => f.code)).toEqual([
      'not_ready',
      'billing_npi_check_digit',
      'rendering_npi_malformed',
      'payer_id_malformed',
      'policy_not_effective',
      'place_of_service_invalid',
      'diagnosis_malformed',
      'diagnosis_malformed',
      'rate_missing',
      'charge_mismatch',
      'authorization_units_exceeded',
      'authorization_expired',
      'authorization_expired',
    ]);
  });
});
