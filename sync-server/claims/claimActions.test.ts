/**
 * The claim actions over REST against a real server: Record Payment (paid, denied, refused), Generate
 * secondary claim and its 837P through the submission flow (2320/2430 carry the primary's payment),
 * Submit corrected claim (frequency 7, REF*F8) and Void with a void claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveBalances } from '../../shared/balances/deriveBalances.ts';
import type { Authorization } from '../../shared/domain/authorization.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import { refMaps } from '../../shared/sync/layout.ts';
import { read837p, validate837p } from '../../shared/x12/index.ts';
import { refDoc } from '../submissions/practiceDocs.ts';
import { call, onServer } from '../submissions/submissionTestKit.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const base = () => `/api/practices/${t.practice.practice.id}`;
const post = (suffix: string, body?: unknown, token = t.tokens.biller1) =>
  call(t, token, 'POST', `${base()}${suffix}`, body);
const billed = (c: Claim) => c.lines.reduce((s, l) => s + l.chargeCents, 0);

/** Submitted claims of the seed, newest first; `withSecondary` keeps those whose client has a rank-2 policy. */
function submitted(withSecondary = false): Claim[] {
  const clients = new Map(t.practice.clients.map((c) => [c.id, c]));
  const payers = new Map(t.practice.payers.map((p) => [p.id, p]));
  const billableSecondary = (c: Claim) => {
    const policy = clients.get(c.clientId)?.policies[1];
    return policy !== undefined && payers.get(policy.payerId)?.submission === 'electronic';
  };
  return t.practice.claims
    .filter((c) => c.status === 'Submitted' && c.policyRank === 1 && c.frequency === '1')
    .filter((c) => !withSecondary || billableSecondary(c))
    .sort((a, b) => (a.dateOfService < b.dateOfService ? 1 : -1));
}
const used = new Set<string>();
function take(withSecondary = false): Claim {
  const claim = submitted(withSecondary).find((c) => !used.has(c.id));
  if (!claim) throw new Error('the synthetic practice has too few Submitted claims for the tests');
  used.add(claim.id);
  return claim;
}

describe('claim actions over REST', { timeout: 60_000 }, () => {
  it('Record Payment in full makes the claim Paid, with the patient’s share as its balance', async () => {
    const claim = take();
    const charge = billed(claim);
    const patient = Math.floor(charge / 10);
    const paid = charge - patient - 100;
    const res = await post(`/claims/${claim.id}/payments`, {
      paidCents: paid,
      adjustments: [{ group: 'CO', reason: '45', amountCents: 100 }],
      patientResponsibilityCents: patient,
      remarks: ['N130'],
      payerClaimControlNumber: 'ICN-PAID-1',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.claim).toMatchObject({
      id: claim.id,
      status: 'Paid',
      insuranceBalanceCents: 0,
      patientBalanceCents: patient,
    });
    expect(res.json.offers.patientInvoice).toBe(patient > 0);
    const server = onServer(t, claim.id)!;
    expect(server.status).toBe('Paid');
    expect(server.payerClaimControlNumber).toBe('ICN-PAID-1');
    const b = deriveBalances(server);
    expect(b.insurancePaidCents).toBe(paid);
    expect(b.adjustmentsByCarc).toEqual({ 'CO-45': 100, 'PR-2': patient });
  });

  it('refuses what does not add up, a viewer, and an unknown claim; records a denial', async () => {
    const claim = take();
    const off = await post(`/claims/${claim.id}/payments`, {
      paidCents: 1,
      adjustments: [],
      patientResponsibilityCents: 0,
    });
    expect(off.status).toBe(400);
    expect(off.json.error.code).toBe('unbalanced');
    expect(off.json.error.message).toMatch(/must equal the billed/);
    expect((await post(`/claims/${claim.id}/payments`, { paidCents: 0 }, t.tokens.viewer)).status).toBe(403);
    expect((await post('/claims/C0000000000NO/payments', { paidCents: 0 })).status).toBe(404);
    expect((await post(`/claims/${claim.id}/payments`, { paidCents: 1.5 })).status).toBe(400);
    expect(onServer(t, claim.id)!.postings).toEqual(claim.postings);

    const denied = await post(`/claims/${claim.id}/payments`, {
      paidCents: 0,
      adjustments: [{ group: 'CO', reason: '16', amountCents: billed(claim) }],
      patientResponsibilityCents: 0,
      remarks: ['M51'],
      payerClaimControlNumber: 'ICN-DEN-1',
    });
    expect(denied.status, denied.text).toBe(200);
    expect(denied.json.claim.status).toBe('Denied');
    expect(onServer(t, claim.id)!.denialCodes).toEqual(['CO-16', 'M51']);
  });

  it('a secondary claim bills the next payer and goes out with the primary’s payment in 2320/2430', async () => {
    const primary = take(true);
    const charge = billed(primary);
    const coins = Math.floor(charge / 5);
    // Line by line as the EOB shows it: each line paid but for its 20 % coinsurance (the rest to line 1).
    let left = coins;
    const lines = primary.lines.map((l, i) => {
      const share = i === primary.lines.length - 1 ? left : Math.min(left, Math.floor(l.chargeCents / 5));
      left -= share;
      return {
        lineNo: l.lineNo,
        serviceCode: l.serviceCode,
        chargeCents: l.chargeCents,
        paidCents: l.chargeCents - share,
        units: l.units,
        adjustments: share > 0 ? [{ group: 'PR' as const, reason: '2', amountCents: share }] : [],
      };
    });
    const pay = await post(`/claims/${primary.id}/payments`, {
      paidCents: charge - coins,
      adjustments: [],
      patientResponsibilityCents: coins,
      payerClaimControlNumber: 'ICN-PRIM-9',
      lines,
    });
    expect(pay.status, pay.text).toBe(200);
    expect(pay.json.offers.secondaryClaim).toBe(true);

    // The secondary payer's own authorization, as the practice enters it (the primary's does not carry over).
    const secondaryPayerId = t.practice.clients.find((c) => c.id === primary.clientId)!.policies[1]!.payerId;
    const auth: Authorization = {
      id: 'auth-secondary-test',
      clientId: primary.clientId,
      payerId: secondaryPayerId,
      number: 'SEC-0001',
      serviceCodes: [...new Set(primary.lines.map((l) => l.serviceCode))],
      startDate: primary.dateOfService.slice(0, 8) + '01',
      endDate: '2027-12-31',
      unitsAuthorized: 500,
      unitsUsed: 0,
    };
    refDoc(t.server, t.practice.practice.id).getMap<Authorization>(refMaps.authorizations).set(auth.id, auth);

    const made = await post(`/claims/${primary.id}/secondary`);
    expect(made.status, made.text).toBe(201);
    const secondaryId: string = made.json.claim.id;
    expect(made.json.claim).toMatchObject({ status: 'Ready', policyRank: 2, relatedClaimId: primary.id });
    // Asking twice finds the same claim.
    expect((await post(`/claims/${primary.id}/secondary`)).json.claim.id).toBe(secondaryId);
    // The patient's share now goes to the secondary payer.
    expect(deriveBalances(onServer(t, primary.id)!).patientBalanceCents).toBe(0);

    const generated = await post('/submissions', { payer: 'all', claimIds: [secondaryId] });
    expect(generated.status, generated.text).toBe(201);
    const file = await call(
      t,
      t.tokens.biller1,
      'GET',
      `${base()}/submissions/${generated.json.batch.id}/file`,
    );
    const [read] = read837p(file.text).claims;
    expect(read).toMatchObject({ patientControlNumber: secondaryId, frequency: '1', chargeCents: charge });
    expect(file.text).toMatch(
      new RegExp(`AMT\\*D\\*${((charge - coins) / 100).toFixed(2).replace(/\.00$/, '')}(\\.\\d+)?~`),
    );
    expect(file.text).toContain('SVD*');
    const errors = validate837p(file.text).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('a corrected claim (7) names the payer’s number; Void sends a void claim (8)', async () => {
    const denied = [...used].map((id) => onServer(t, id)!).find((c) => c.status === 'Denied')!;
    expect(denied.payerClaimControlNumber).toBe('ICN-DEN-1');
    const corrected = await post(`/claims/${denied.id}/corrected`);
    expect(corrected.status, corrected.text).toBe(201);
    // A second click finds the correction not yet sent instead of making another.
    expect((await post(`/claims/${denied.id}/corrected`)).json.claim.id).toBe(corrected.json.claim.id);
    expect(corrected.json.claim).toMatchObject({
      status: 'Ready',
      frequency: '7',
      originalReference: 'ICN-DEN-1',
    });
    const generated = await post('/submissions', { payer: 'all', claimIds: [corrected.json.claim.id] });
    expect(generated.status, generated.text).toBe(201);
    const file = await call(
      t,
      t.tokens.biller1,
      'GET',
      `${base()}/submissions/${generated.json.batch.id}/file`,
    );
    expect(read837p(file.text).claims[0]).toMatchObject({ frequency: '7', originalReference: 'ICN-DEN-1' });

    const voided = await post(`/claims/${denied.id}/void`, { reason: 'Billed in error' });
    expect(voided.status, voided.text).toBe(200);
    expect(voided.json.claim.status).toBe('Voided');
    expect(voided.json.voidClaim).toMatchObject({
      status: 'Ready',
      frequency: '8',
      originalReference: 'ICN-DEN-1',
    });
    expect((await post(`/claims/${denied.id}/void`, {})).status).toBe(400);
  });
});
