/**
 * The queue in a real browser against a real server: two billers on the same practice see each
 * other's batch changes; a viewer sees the grid but cannot change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, startE2e } from './harness.ts';
import { openTab, queueReady, selectedClaimIds, statusOf } from './queuePage.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 180_000);
afterAll(() => e2e?.stop());

describe('the live queue', { timeout: 90_000 }, () => {
  it('a batch Hold by one biller appears on the other biller’s screen', async () => {
    const [one, two] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    await Promise.all([queueReady(one), queueReady(two)]);
    await openTab(one, 'Ready');
    const boxes = one.locator('tbody tr input[type=checkbox]');
    await boxes.nth(0).click();
    await boxes.nth(2).click({ modifiers: ['Shift'] });
    const picked = await selectedClaimIds(one);
    expect(picked).toHaveLength(3);
    await e2e.screenshot(one, 'queue-selected');

    await one.click('[data-testid="change-status"]');
    const dialog = one.locator('[data-testid="batch-dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('button[type=submit]').isDisabled()).toBe(true); // a Hold needs a reason
    await dialog.locator('input[name=reason]').fill('Waiting on authorization');
    expect(await one.textContent('[data-testid="batch-summary"]')).toContain('3 will change to Held');
    await e2e.screenshot(one, 'batch-dialog');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });

    for (const id of picked) {
      await expect.poll(() => statusOf(two, id), { timeout: 10_000 }).toBe('Held');
      await expect.poll(() => statusOf(one, id), { timeout: 10_000 }).toBe('Held');
    }
    await e2e.screenshot(two, 'queue-after-hold');
  });

  it('a viewer sees the claims but has no way to change them', async () => {
    const page = await e2e.newPage('viewer');
    await queueReady(page);
    expect(await page.locator('[data-testid="change-status"]').count()).toBe(0);
    expect(await page.getByText('Read-only (viewer)').count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(5);
  });
});
