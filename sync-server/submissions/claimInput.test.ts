import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../shared/domain/authorization.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import type { Client } from '../../shared/domain/client.ts';
import {
  AT,
  adult,
  claim,
  envelope,
  line,
  medicaid,
  practice,
  primaryAdjudication,
  rbt,
  secondaryClaim,
  uhc,
} from '../../shared/x12/837p/testInput.ts';
import { read837p, write837p } from '../../shared/x12/index.ts';
import { claimInput, lastAdjudication } from './claimInput.ts';
import type { SubmissionReference } from './submissionReference.ts';

const authorization: Authorization = {
  id: 'au-0001',
  clientId: adult.id,
  payerId: uhc.id,
  number: 'UHC-PA-5521903',
  serviceCodes: ['97153', '97155'],
  startDate: '2026-10-01',
  endDate: '2027-03-31',
  unitsAuthorized: 400,
  unitsUsed: 40,
};

function reference(overrides: { clients?: unknown[]; providers?: unknown[] } = {}): SubmissionReference {
  const base = {
    practice,
    payersById: new Map([uhc, medicaid].map((p) => [p.id, p])),
    clientsById: new Map((overrides.clients ?? [adult]).map((c) => [(c as Client).id, c as Client])),
    providersById: new Map(
      (overrides.providers ?? [rbt]).map((p) => [(p as typeof rbt).id, p as typeof rbt]),
    ),
    authorizationsById: new Map([[authorization.id, authorization]]),
  };
  return { ...base, scrub: { ...base, asOf: AT.slice(0, 10) } };
}

/** The primary claim the golden secondary claim follows, Paid with UnitedHealthcare's adjudication. */
const primary = (postings: Claim['postings'] = [primaryAdjudication]): Claim =>
  claim({ id: 'C0GOLDEN00001', status: 'Paid', postings });
const lookup = (found: Claim | null) => (id: string) => (found && id === found.id ? found : null);

describe('claimInput: what write837p gets for one claim', () => {
  it('carries the primary payer and its adjudication on a secondary claim, into 2320/2430', () => {
    const result = claimInput(secondaryClaim.claim, reference(), lookup(primary()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.payer).toEqual(medicaid);
    expect(result.input.otherPayers).toEqual([{ rank: 1, payer: uhc, adjudication: primaryAdjudication }]);
    const text = write837p(envelope([result.input])).text;
    expect(text).toContain('AMT*D*133.9~');
    expect(text).toContain('SVD*87726*96*HC:97153:HN**8~');
    expect(read837p(text).claims.map((c) => c.payerId)).toEqual([medicaid.payerId]);
  });

  it('skips an adjudication a reversal undid, and uses a later one', () => {
    const reversal = {
      id: 'rev-0001',
      at: '2026-11-21T10:00:00Z',
      kind: 'reversal' as const,
      reverses: primaryAdjudication.id,
    };
    const undone = claimInput(
      secondaryClaim.claim,
      reference(),
      lookup(primary([primaryAdjudication, reversal])),
    );
    expect(undone).toMatchObject({ ok: false, problem: { code: 'other_payer_adjudication_missing' } });

    const repost = { ...primaryAdjudication, id: 'pst-0002', paidCents: 12000 };
    const claimWithRepost = primary([primaryAdjudication, reversal, repost]);
    expect(lastAdjudication(claimWithRepost, uhc.id)?.id).toBe('pst-0002');
    const result = claimInput(secondaryClaim.claim, reference(), lookup(claimWithRepost));
    expect(result.ok && result.input.otherPayers?.[0]?.adjudication?.id).toBe('pst-0002');
  });

  it('keeps a secondary claim out when its primary claim or payment is not on file', () => {
    for (const found of [null, primary([])]) {
      const result = claimInput(secondaryClaim.claim, reference(), lookup(found));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problem).toMatchObject({
        claimId: secondaryClaim.claim.id,
        code: 'other_payer_adjudication_missing',
      });
      expect(result.problem.message).toMatch(/post the primary payer’s payment/);
    }
  });

  it('takes the prior authorization number from the authorization a line draws on', () => {
    const withAuth = claim({ lines: [line(1, { authorizationId: authorization.id })] });
    const result = claimInput(withAuth, reference(), lookup(null));
    expect(result.ok && result.input.authorizationNumber).toBe('UHC-PA-5521903');
    expect(write837p(envelope([result.ok ? result.input : secondaryClaim])).text).toContain(
      'REF*G1*UHC-PA-5521903~',
    );
    const without = claimInput(claim(), reference(), lookup(null));
    expect(without.ok && without.input.authorizationNumber).toBeNull();
  });

  it('keeps a claim out, saying what to fix, when its records are damaged', () => {
    const { policies: _dropped, ...noPolicies } = adult;
    const cases: [SubmissionReference, Claim, string][] = [
      [reference({ clients: [noPolicies] }), claim(), 'client_record_damaged'],
      [reference({ providers: [] }), claim(), 'provider_record_damaged'],
      [reference(), claim({ payerId: 'py-gone' }), 'payer_record_damaged'],
      [reference(), claim({ lines: [] }), 'claim_damaged'],
    ];
    for (const [ref, c, code] of cases) {
      const result = claimInput(c, ref, lookup(null));
      expect(result).toMatchObject({ ok: false, problem: { claimId: c.id, code } });
      // Messages say what to fix without quoting the record.
      if (!result.ok) expect(result.problem.message).not.toContain(adult.name.last);
    }
  });
});
