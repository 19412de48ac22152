import { describe, expect, it } from 'vitest';
import type { Payer } from '../domain/payer.ts';
import { baseline, found, poke, scrub } from './scrubber.fixture.ts';

describe('scrubClaim: client and policy', () => {
  it('passes a secondary claim billing the secondary policy', () => {
    const s = baseline();
    const secondary: Payer = { ...s.payer, id: 'payer-2', payerId: 'SYN02', requiresAuthorization: false };
    s.client.policies.push({
      rank: 2,
      payerId: 'payer-2',
      memberId: 'SYNM0002',
      relationship: '18',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
    });
    s.claim.payerId = 'payer-2';
    s.claim.policyRank = 2;
    s.claim.authorizationId = null;
    for (const line of s.claim.lines) line.authorizationId = null;
    expect(scrub(s, { payers: [secondary] })).toEqual([]);
  });

  it('refuses a claim whose client is not on file', () => {
    const s = baseline();
    s.claim.clientId = 'client-9';
    // The authorization belongs to client-1, so it is reported as another client's too.
    expect(found(scrub(s))).toEqual([
      { code: 'client_missing', severity: 'error', field: 'clientId' },
      { code: 'authorization_wrong_client', severity: 'error', lineNo: 1, field: 'authorizationId' },
    ]);
  });

  it('refuses a claim billing a policy the client does not have', () => {
    const s = baseline();
    s.claim.policyRank = 2;
    const findings = scrub(s);
    expect(found(findings)).toEqual([{ code: 'policy_missing', severity: 'error', field: 'policyRank' }]);
    expect(findings[0]!.message).toContain('no secondary insurance');
  });

  it('refuses an unreadable policy rank', () => {
    const s = baseline();
    poke(s.claim, 'policyRank', 0);
    expect(found(scrub(s))).toEqual([{ code: 'policy_missing', severity: 'error', field: 'policyRank' }]);
  });

  it("refuses a claim whose payer is not the policy's", () => {
    const s = baseline();
    s.client.policies[0]!.payerId = 'payer-2';
    expect(found(scrub(s))).toEqual([{ code: 'policy_payer_mismatch', severity: 'error', field: 'payerId' }]);
  });

  it('refuses a policy without a member ID', () => {
    const s = baseline();
    s.client.policies[0]!.memberId = '';
    const findings = scrub(s);
    expect(found(findings)).toEqual([{ code: 'member_id_missing', severity: 'error', field: 'memberId' }]);
    expect(findings[0]!.message).toContain('Member ID is missing on the client');
  });

  it('refuses a member ID of blanks', () => {
    const s = baseline();
    s.client.policies[0]!.memberId = ' \t ';
    expect(found(scrub(s))).toEqual([{ code: 'member_id_missing', severity: 'error', field: 'memberId' }]);
  });

  it('passes a policy effective from exactly the date of service, and ending on it', () => {
    const s = baseline();
    s.client.policies[0]!.effectiveFrom = '2026-03-02';
    s.client.policies[0]!.effectiveTo = '2026-03-02';
    expect(scrub(s)).toEqual([]);
  });

  it('refuses a policy that starts after the date of service', () => {
    const s = baseline();
    s.client.policies[0]!.effectiveFrom = '2026-03-03';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'policy_not_effective', severity: 'error', field: 'policyRank' },
    ]);
    expect(findings[0]!.message).toContain('starts on 2026-03-03, after the date of service 2026-03-02');
  });

  it('refuses a policy that ended before the date of service', () => {
    const s = baseline();
    s.client.policies[0]!.effectiveTo = '2026-03-01';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'policy_not_effective', severity: 'error', field: 'policyRank' },
    ]);
    expect(findings[0]!.message).toContain('ended on 2026-03-01, before the date of service 2026-03-02');
  });

  it('checks coverage against the latest line date too', () => {
    const s = baseline();
    s.client.policies[0]!.effectiveTo = '2026-03-02';
    s.claim.lines[1]!.dateOfService = '2026-03-03';
    expect(found(scrub(s))).toEqual([
      { code: 'policy_not_effective', severity: 'error', field: 'policyRank' },
    ]);
  });

  it('refuses a policy without readable coverage dates', () => {
    const s = baseline();
    poke(s.client.policies[0]!, 'effectiveFrom', '01/01/2025');
    expect(found(scrub(s))).toEqual([
      { code: 'policy_not_effective', severity: 'error', field: 'policyRank' },
    ]);
  });
});
