/**
 * The biller's claim actions in the claim detail, in a real browser against a real server: Record
 * Payment on a Submitted claim with a coinsurance share (the dialog's live balance check, the result,
 * the patient invoice), the claim Paid on two billers' screens, Generate secondary claim from the offer
 * and the new claim Ready in the grid; a denial recorded through the dialog, then Void with a reason and
 * a void claim. Offline and for a viewer the actions are disabled with the reason. One practice, in order.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_REASON, VIEWER_REASON } from '../client/src/queue/claimActions.ts';
import { centsToField } from '../client/src/queue/recordPayment.ts';
import type { Authorization } from '../shared/domain/authorization.ts';
import type { Claim } from '../shared/domain/claim.ts';
import { nextPolicy } from '../shared/lifecycle/derivedClaims.ts';
import { formatCents } from '../shared/money/format.ts';
import { refMaps } from '../shared/sync/layout.ts';
import { refDoc } from '../sync-server/submissions/practiceDocs.ts';
import { type E2e, startE2e } from './harness.ts';
import { goOffline, queueSynced, statusOf } from './queuePage.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 180_000);
afterAll(() => e2e?.stop());

const billed = (c: Claim) => c.lines.reduce((s, l) => s + l.chargeCents, 0);
const clientOf = (c: Claim) => e2e.server.practice.clients.find((x) => x.id === c.clientId)!;
/** Submitted primary claims of the seed, newest first. */
const submitted = () =>
  e2e.server.practice.claims
    .filter((c) => c.status === 'Submitted' && c.policyRank === 1 && c.frequency === '1')
    .sort((a, b) => (a.dateOfService < b.dateOfService ? 1 : -1));

/** Opens a claim's detail from its row (the All tab filtered to it). */
async function openClaim(page: Page, claimId: string): Promise<void> {
  await statusOf(page, claimId);
  await page.locator(`tbody tr[data-claim-id="${claimId}"] [data-testid="open-claim"]`).click();
  await page.locator('[data-testid="claim-detail"]').waitFor();
}

async function closeDetail(page: Page): Promise<void> {
  const panel = page.locator('[data-testid="claim-detail"]');
  await panel.focus();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
}

const detailStatus = (page: Page) =>
  page.locator('[data-testid="claim-detail"] .detail-badges .status').textContent();

let primary: Claim;
let secondaryId = '';

describe('claim actions in the claim detail', { timeout: 120_000 }, () => {
  it('Record Payment with a coinsurance share: Paid on both screens, an invoice, then the secondary claim Ready', async () => {
    // A Submitted primary claim whose client has a second policy in effect on its date of service.
    primary = submitted().find((c) => {
      const client = clientOf(c);
      return client.policies.length > 1 && nextPolicy(c, client) !== null;
    })!;
    expect(primary).toBeDefined();
    const client = clientOf(primary);
    const secondaryPayerId = nextPolicy(primary, client)!.payerId;
    const secondaryPayer = e2e.server.practice.payers.find((p) => p.id === secondaryPayerId)!;
    if (secondaryPayer.requiresAuthorization) {
      // The secondary payer's own authorization, as the practice enters it (the primary's does not carry over).
      const auth: Authorization = {
        id: 'auth-e2e-secondary',
        clientId: primary.clientId,
        payerId: secondaryPayerId,
        number: 'SEC-E2E-1',
        serviceCodes: [...new Set(primary.lines.map((l) => l.serviceCode))],
        startDate: `${primary.dateOfService.slice(0, 8)}01`,
        endDate: '2027-12-31',
        unitsAuthorized: 500,
        unitsUsed: 0,
      };
      refDoc(e2e.server.server, e2e.server.practice.practice.id)
        .getMap<Authorization>(refMaps.authorizations)
        .set(auth.id, auth);
    }
    const charge = billed(primary);
    // The EOB: a contractual cut (CO-45), the patient's 20 % coinsurance of the allowed, the rest paid.
    const contractual = Math.floor(charge / 10);
    const coinsurance = Math.floor((charge - contractual) / 5);
    const paid = charge - contractual - coinsurance;

    const total = e2e.server.practice.claims.length;
    const [one, two] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    await Promise.all([queueSynced(one, total), queueSynced(two, total)]);
    expect(await statusOf(two, primary.id)).toBe('Submitted');

    await openClaim(one, primary.id);
    await one.click('[data-testid="claim-action-recordPayment"]');
    const dialog = one.locator('[data-testid="record-payment-dialog"]');
    await dialog.waitFor();
    const balance = dialog.locator('[data-testid="payment-balance"]');
    // Paid alone leaves the rest unaccounted for: the check says by how much.
    await dialog.locator('input[name=paid]').fill(centsToField(paid));
    expect(await balance.textContent()).toContain(`Difference ${formatCents(contractual + coinsurance)}`);
    await dialog.locator('[data-testid="add-adjustment"]').click();
    await dialog.locator('select[name=adj-group-0]').selectOption('CO');
    await dialog.locator('input[name=adj-reason-0]').fill('45');
    await dialog.locator('input[name=adj-amount-0]').fill(centsToField(contractual));
    expect(await balance.textContent()).toContain(`Difference ${formatCents(coinsurance)}`);
    await dialog.locator('input[name=patientResponsibility]').fill(centsToField(coinsurance));
    await dialog.locator('select[name=patientReason]').selectOption('2');
    await dialog.locator('input[name=allowed]').fill(centsToField(charge - contractual));
    await dialog.locator('input[name=remarks]').fill('N130');
    await dialog.locator('input[name=icn]').fill('ICN-E2E-PAID');
    await expect
      .poll(() => balance.textContent())
      .toBe(
        `Billed ${formatCents(charge)} = paid ${formatCents(paid)} + adjustments ${formatCents(contractual)} + patient responsibility ${formatCents(coinsurance)}` +
          `Balanced. The claim will be Paid; patient owes ${formatCents(coinsurance)}.`,
      );
    await e2e.screenshot(one, 'record-payment');
    await dialog.locator('[data-testid="payment-submit"]').click();
    const result = dialog.locator('[data-testid="payment-result"] .payment-result-text');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toBe(
      `Payment recorded — claim is now Paid; patient owes ${formatCents(coinsurance)}`,
    );

    // The other biller's grid shows it Paid through sync.
    await expect.poll(() => statusOf(two, primary.id), { timeout: 15_000 }).toBe('Paid');

    // The patient invoice: the statement of what the patient owes.
    await dialog.locator('[data-testid="offer-invoice"]').click();
    const invoice = one.locator('[data-testid="patient-invoice"]');
    await invoice.waitFor();
    expect(await invoice.locator('[data-testid="invoice-owes"]').textContent()).toBe(
      formatCents(coinsurance),
    );
    expect(await invoice.locator('[data-testid="invoice-patient"]').textContent()).toContain(
      client.name.last,
    );
    const text = (await invoice.textContent()) ?? '';
    expect(text).toContain(e2e.server.practice.practice.name);
    expect(text).toContain(primary.dateOfService);
    expect(text).toContain(`Paid by`);
    expect(text).toContain(formatCents(-paid));
    expect(text).toContain(`Insurance adjustments (not billed to you)${formatCents(-contractual)}`);
    await e2e.screenshot(one, 'patient-invoice');
    await invoice.locator('[data-testid="invoice-close"]').click();
    await invoice.waitFor({ state: 'detached' });

    // Generate secondary claim from the offer; then open it from the link once it has synced here.
    await dialog.locator('[data-testid="offer-secondary"]').click();
    const outcome = dialog.locator('[data-testid="claim-action-outcome"]');
    await outcome.waitFor({ timeout: 15_000 });
    const said = (await outcome.textContent()) ?? '';
    expect(said).toMatch(/^Secondary claim S\w{12} created — Ready; it goes out with the next submission/);
    secondaryId = said.match(/^Secondary claim (S\w{12})/)![1]!;
    const open = outcome.locator('[data-testid="open-new-claim"]');
    await expect.poll(() => open.isEnabled(), { timeout: 15_000 }).toBe(true);
    await open.click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => one.locator('[data-testid="claim-detail"] .detail-title').textContent())
      .toBe(`Claim ${secondaryId}`);
    expect(await detailStatus(one)).toBe('Ready');
    await closeDetail(one);

    for (const page of [one, two]) {
      await expect.poll(() => statusOf(page, primary.id), { timeout: 15_000 }).toBe('Paid');
      await expect.poll(() => statusOf(page, secondaryId), { timeout: 15_000 }).toBe('Ready');
    }
    // The primary now offers to open the secondary claim rather than make another.
    await openClaim(two, primary.id);
    await expect
      .poll(() => two.locator('[data-testid="claim-action-secondary"]').textContent(), { timeout: 15_000 })
      .toBe(`Open secondary claim ${secondaryId}`);
    expect(e2e.pageErrors).toEqual([]);
  });

  it('a denial recorded through the dialog, then Void with a reason sends a void claim', async () => {
    const claim = submitted().find((c) => c.id !== primary.id)!;
    const one = await e2e.newPage('biller1');
    const two = await e2e.newPage('biller2');
    const total = e2e.server.practice.claims.length + 1; // and the secondary claim made above
    await Promise.all([queueSynced(one, total), queueSynced(two, total)]);

    await openClaim(one, claim.id);
    await one.click('[data-testid="claim-action-recordPayment"]');
    const dialog = one.locator('[data-testid="record-payment-dialog"]');
    await dialog.waitFor();
    await dialog.locator('[data-testid="quick-denied"]').click();
    // The denial needs its reason code before it can be sent.
    await dialog.locator('[data-testid="payment-submit"]').click();
    expect(await dialog.locator('.payment-field-error').first().textContent()).toBe(
      'Enter the reason code (CARC), e.g. 45',
    );
    await dialog.locator('input[name=adj-reason-0]').fill('16');
    await dialog.locator('input[name=remarks]').fill('M51');
    await dialog.locator('input[name=icn]').fill('ICN-E2E-DEN');
    await expect
      .poll(() => dialog.locator('[data-testid="payment-balance"]').textContent())
      .toContain('Balanced. The claim will be Denied.');
    await dialog.locator('[data-testid="payment-submit"]').click();
    const result = dialog.locator('[data-testid="payment-result"] .payment-result-text');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toBe('Denial recorded — claim is now Denied');
    await dialog.locator('[data-testid="payment-done"]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => detailStatus(one), { timeout: 15_000 }).toBe('Denied');

    // The denial work: corrected claim and Void are offered; Void asks why and says a void claim goes out.
    const voidButton = one.locator('[data-testid="claim-action-void"]');
    await expect.poll(() => voidButton.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await one.locator('[data-testid="claim-action-corrected"]').isEnabled()).toBe(true);
    await voidButton.click();
    const form = one.locator('[data-testid="void-form"]');
    await form.waitFor();
    expect(await form.textContent()).toContain(
      'The payer has this claim (payer claim ICN-E2E-DEN): a void claim (frequency 8) is made Ready',
    );
    expect(await form.locator('button[type=submit]').isDisabled()).toBe(true);
    await form.locator('input[name=voidReason]').fill('Billed in error');
    await e2e.screenshot(one, 'claim-void');
    await form.locator('button[type=submit]').click();
    const outcome = one.locator('[data-testid="claim-action-outcome"]');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.textContent()).toMatch(
      new RegExp(
        `^Claim ${claim.id} is now Voided\\. Void claim V\\w{12} is Ready; it will be sent to the payer with the next submission\\.`,
      ),
    );
    await expect.poll(() => detailStatus(one), { timeout: 15_000 }).toBe('Voided');
    await closeDetail(one);
    for (const page of [one, two]) {
      await expect.poll(() => statusOf(page, claim.id), { timeout: 15_000 }).toBe('Voided');
    }
    expect(e2e.pageErrors).toEqual([]);
  });

  it('offline, and for a viewer, the actions are disabled with the reason', async () => {
    const viewer = await e2e.newPage('viewer');
    await openClaim(viewer, submitted().at(-1)!.id);
    const viewerButton = viewer.locator('[data-testid="claim-action-recordPayment"]');
    expect(await viewerButton.isDisabled()).toBe(true);
    expect(await viewerButton.getAttribute('title')).toBe(VIEWER_REASON);

    const biller = await e2e.newPage('biller2');
    const total = e2e.server.practice.claims.length + 2; // the secondary and the void claim
    await queueSynced(biller, total);
    await openClaim(biller, submitted().at(-1)!.id);
    const button = biller.locator('[data-testid="claim-action-recordPayment"]');
    expect(await button.isEnabled()).toBe(true);
    await goOffline(biller);
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await biller.locator('[data-testid="claim-actions"] .claim-actions-why').textContent()).toBe(
      OFFLINE_REASON,
    );
  });
});
