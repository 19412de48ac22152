/**
 * The queue in a real browser against a real server: two billers on the same practice see each
 * other's batch changes; a viewer sees the grid but cannot change it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, startE2e } from './harness.ts';
import { openTab, queueReady, queueSynced, rowBox, selectedClaimIds, statusOf } from './queuePage.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 180_000);
afterAll(() => e2e?.stop());

describe('the live queue', { timeout: 90_000 }, () => {
  it('a batch Hold by one biller appears on the other biller’s screen', async () => {
    const [one, two] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    // Rows arrive in bursts after the first ones show and move claims in the view: pick rows by
    // their place only once every claim is here (a shift-click range runs from the clicked claim).
    const total = e2e.server.practice.claims.length;
    await Promise.all([queueSynced(one, total), queueSynced(two, total)]);
    await openTab(one, 'Ready');
    await rowBox(one, 0).click();
    await rowBox(one, 2).click({ modifiers: ['Shift'] });
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

    await expect
      .poll(() => one.textContent('[data-testid="activity"]'), { timeout: 10_000 })
      .toContain('Held: 3 claims done');
    for (const id of picked) {
      await expect.poll(() => statusOf(two, id), { timeout: 10_000 }).toBe('Held');
      await expect.poll(() => statusOf(one, id), { timeout: 10_000 }).toBe('Held');
    }
    await e2e.screenshot(two, 'queue-after-hold');

    // Keyboard: Ctrl+A in the grid selects the whole view, Escape clears it.
    await openTab(two, 'Held');
    const heldCount = await two.getByRole('tab', { name: /^Held/ }).locator('.tab-count').textContent();
    await rowBox(two, 0).focus();
    await two.keyboard.press('Control+a');
    expect(await two.textContent('[data-testid="change-status"]')).toBe(`Change status (${heldCount})`);
    await two.keyboard.press('Escape');
    expect(await two.textContent('[data-testid="change-status"]')).toBe('Change status (0)');
  });

  it('overlapping batch changes by two billers end in one state on both screens, both in history', async () => {
    const [one, two] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    // Both screens must hold every claim, or "rows 2–5" would not be the same claims on both.
    const total = e2e.server.practice.claims.length;
    await Promise.all([queueSynced(one, total), queueSynced(two, total)]);
    await Promise.all([openTab(one, 'Ready'), openTab(two, 'Ready')]);
    // Same data, same default sort: rows 0–3 on one screen and 2–5 on the other share two claims.
    const pick = async (page: Page, from: number, to: number) => {
      await rowBox(page, from).click();
      await rowBox(page, to).click({ modifiers: ['Shift'] });
      return selectedClaimIds(page);
    };
    const held = await pick(one, 0, 3);
    const voided = await pick(two, 2, 5);
    const shared = held.filter((id) => voided.includes(id));
    expect(shared).toHaveLength(2);

    await one.click('[data-testid="change-status"]');
    await one.locator('input[name=reason]').fill('Checking eligibility');
    await two.click('[data-testid="change-status"]');
    await two.locator('input[name=toStatus][value=Voided]').check();
    await two.locator('input[name=confirmation]').fill('CONFIRM');
    // Both press send at the same moment.
    await Promise.all([
      one.locator('[data-testid="batch-dialog"] button[type=submit]').click(),
      two.locator('[data-testid="batch-dialog"] button[type=submit]').click(),
    ]);

    for (const id of [...new Set([...held, ...voided])]) {
      await expect
        .poll(
          async () => {
            const [a, b] = await Promise.all([statusOf(one, id), statusOf(two, id)]);
            return a === b && (a === 'Held' || a === 'Voided');
          },
          { timeout: 15_000 },
        )
        .toBe(true);
    }
    // A shared claim's history holds both requests: two changes, or a change and a refusal.
    const [id] = shared;
    await statusOf(one, id!);
    await one.locator(`tbody tr[data-claim-id="${id}"] [data-testid="open-claim"]`).click();
    const panel = one.locator('[data-testid="claim-detail"]');
    await panel.waitFor();
    const events = panel.locator('.detail-event-status_changed, .detail-event-conflict');
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const history = await panel.locator('.detail-log').textContent();
    expect(history).toContain('Held');
    expect(history).toContain('Voided');
    await e2e.screenshot(one, 'claim-detail');
    await one.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('a viewer sees the claims but has no way to change them', async () => {
    const page = await e2e.newPage('viewer');
    await queueReady(page);
    expect(await page.locator('[data-testid="change-status"]').count()).toBe(0);
    expect(await page.getByText('Read-only (viewer)').count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(5);
  });
});
