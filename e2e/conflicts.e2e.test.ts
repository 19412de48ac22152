/**
 * A change that cannot happen as asked lands in Conflicts with the reason and what the biller asked:
 * a laptop holds a claim offline while the clearinghouse submission of that claim goes out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '../shared/sync/docNames.ts';
import { recordServerTransition } from '../sync-server/testing/recordServerTransition.ts';
import { type E2e, startE2e } from './harness.ts';
import {
  connectionLine,
  goOffline,
  holdSelected,
  openTab,
  queueReady,
  rowBox,
  selectedClaimIds,
  statusOf,
} from './queuePage.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 180_000);
afterAll(() => e2e?.stop());

describe('conflicts', { timeout: 120_000 }, () => {
  it('an offline Hold on a claim submitted meanwhile shows in Conflicts with the reason', async () => {
    const laptop = await e2e.newPage('biller1');
    await queueReady(laptop);
    expect(await laptop.locator('[data-testid="conflicts-tab"] .tab-count').count()).toBe(0);

    await goOffline(laptop);
    await openTab(laptop, 'Ready');
    await rowBox(laptop, 0).click();
    const [claimId] = await selectedClaimIds(laptop);
    expect(claimId).toBeDefined();
    await holdSelected(laptop, 'Waiting on records');
    await expect.poll(() => connectionLine(laptop), { timeout: 5000 }).toContain('1 change waiting');

    // Meanwhile the server sends the claim to the clearinghouse.
    const claim = e2e.server.practice.claims.find((c) => c.id === claimId)!;
    const submitted = recordServerTransition(e2e.server.server, {
      practiceId: e2e.server.practice.practice.id,
      partition: partitionOf(claim.dateOfService),
      claimId: claim.id,
      intent: { toStatus: 'Submitted', via: 'submission' },
      at: new Date().toISOString(),
    });
    expect(submitted.ok).toBe(true);

    await laptop.context().setOffline(false);
    const tab = laptop.locator('[data-testid="conflicts-tab"]');
    await expect.poll(() => tab.locator('.tab-count').textContent(), { timeout: 20_000 }).toBe('1');
    await tab.click();
    const row = laptop.locator(`[data-testid="conflicts"] tr[data-conflict-claim="${claimId}"]`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Held — Waiting on records');
    expect(text).toContain('Ready'); // what the biller saw
    expect(text).toContain('Submitted'); // what the server found
    await e2e.screenshot(laptop, 'conflicts');

    // The claim itself stayed as the server decided.
    expect(await statusOf(laptop, claimId!)).toBe('Submitted');

    // Dismissed, it is gone from the count, also after a reload.
    await tab.click();
    await row.locator('button', { hasText: 'Dismiss' }).click();
    await expect.poll(() => tab.locator('.tab-count').count()).toBe(0);
    await laptop.reload();
    await queueReady(laptop);
    await expect.poll(() => connectionLine(laptop), { timeout: 10_000 }).toBe('Online');
    expect(await tab.locator('.tab-count').count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });
});
