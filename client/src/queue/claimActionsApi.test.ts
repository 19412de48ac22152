/**
 * The client's claim action calls against the real routes (a test server with SQLite files in a temp
 * folder): a request built by the Record Payment form's check is what the server accepts, the answers
 * parse with the client's schemas, and refusals arrive as ApiErrors with the server's message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/domain/claim.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { startTestServer, type TestServer } from '../../../sync-server/testing/testServer.ts';
import { type ApiClient, ApiError, createApiClient } from '../api/apiClient.ts';
import { serverActions } from './claimActions.ts';
import { centsToField, checkPayment, emptyForm, paymentResultText } from './recordPayment.ts';

let t: TestServer;
let api: ApiClient;
let viewerApi: ApiClient;
let practiceId: string;

beforeAll(async () => {
  t = await startTestServer({ claims: 200 });
  api = createApiClient({ baseUrl: t.server.url, token: t.tokens.biller1 });
  viewerApi = createApiClient({ baseUrl: t.server.url, token: t.tokens.viewer });
  practiceId = t.practice.practice.id;
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const billed = (c: Claim) => c.lines.reduce((s, l) => s + l.chargeCents, 0);
const clientOf = (c: Claim) => t.practice.clients.find((x) => x.id === c.clientId)!;
const used = new Set<string>();
/** A Submitted primary claim of the seed not used yet; `secondary`: its client has a second policy. */
function take(secondary: boolean): Claim {
  const claim = t.practice.claims.find(
    (c) =>
      c.status === 'Submitted' &&
      c.policyRank === 1 &&
      c.frequency === '1' &&
      !used.has(c.id) &&
      clientOf(c).policies.length > 1 === secondary,
  );
  if (!claim) throw new Error('the synthetic practice has too few Submitted claims for the tests');
  used.add(claim.id);
  return claim;
}

describe('claim action calls', { timeout: 60_000 }, () => {
  it('records a payment typed in dollars; the answer says Paid and offers the secondary and the invoice', async () => {
    const claim = take(true);
    const charge = billed(claim);
    const share = Math.floor(charge / 5);
    const check = checkPayment(claim, {
      ...emptyForm(),
      paid: centsToField(charge - share),
      patientResponsibility: centsToField(share),
      remarks: 'n130',
      icn: 'ICN-API-1',
    });
    expect(check.balanced).toBe(true);
    expect(check.request).not.toBeNull();
    const answer = await api.recordPayment(practiceId, claim.id, check.request!);
    expect(answer.claim).toMatchObject({ id: claim.id, status: 'Paid', patientBalanceCents: share });
    expect(answer.offers).toEqual({ secondaryClaim: true, patientInvoice: true });
    expect(paymentResultText(answer.claim)).toBe(
      `Payment recorded — claim is now Paid; patient owes ${formatCents(share)}`,
    );

    const secondary = await api.generateSecondaryClaim(practiceId, claim.id);
    expect(secondary).toMatchObject({ status: 'Ready', policyRank: 2, relatedClaimId: claim.id });
    expect(secondary.id).toMatch(/^S/);
    expect((await api.generateSecondaryClaim(practiceId, claim.id)).id).toBe(secondary.id);
  });

  it('a refusal carries the server’s code and message; a viewer is refused', async () => {
    const claim = take(false);
    const off = await rejection(
      api.recordPayment(practiceId, claim.id, {
        allowedCents: null,
        paidCents: 1,
        adjustments: [],
        patientResponsibilityCents: 0,
        patientResponsibilityReason: '2',
        remarks: [],
      }),
    );
    expect(off.code).toBe('unbalanced');
    expect(off.status).toBe(400);
    expect(off.message).toMatch(/must equal the billed/);
    const viewer = await rejection(viewerApi.voidClaim(practiceId, claim.id, 'x'));
    expect(viewer.status).toBe(403);
    expect(viewer.message).toMatch(/^Viewers can look at claims but not change them/);
    const notSent = await rejection(api.createCorrectedClaim(practiceId, claim.id));
    expect(notSent.code).toBe('wrong_status');
    expect(notSent.message).toBe('A corrected claim replaces a Denied or Paid claim; this one is Submitted.');
  });

  it('a denial, then a corrected claim and a Void with a void claim, as the detail offers them', async () => {
    const claim = take(false);
    const denial = checkPayment(claim, {
      ...emptyForm(),
      paid: '0',
      adjustments: [{ group: 'CO', reason: '16', amount: centsToField(billed(claim)) }],
      remarks: 'M51',
      icn: 'ICN-API-DEN',
    });
    expect(denial.preview).toBe('The claim will be Denied');
    const denied = await api.recordPayment(practiceId, claim.id, denial.request!);
    expect(denied.claim.status).toBe('Denied');
    expect(denied.offers).toEqual({ secondaryClaim: false, patientInvoice: false });

    // What the detail offers for the claim as the server has it now.
    const now: Claim = {
      ...claim,
      status: 'Denied',
      payerClaimControlNumber: 'ICN-API-DEN',
      postings: [],
    };
    const offered = serverActions(now, { role: 'biller', online: true, client: clientOf(claim) });
    expect(offered.map((a) => [a.kind, a.disabledReason])).toEqual([
      ['recordPayment', null],
      ['corrected', null],
      ['void', null],
    ]);

    const corrected = await api.createCorrectedClaim(practiceId, claim.id);
    expect(corrected).toMatchObject({ status: 'Ready', frequency: '7', originalReference: 'ICN-API-DEN' });
    const voided = await api.voidClaim(practiceId, claim.id, 'Billed in error');
    expect(voided.claim.status).toBe('Voided');
    expect(voided.voidClaim).toMatchObject({
      status: 'Ready',
      frequency: '8',
      originalReference: 'ICN-API-DEN',
    });
  });
});
