import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What the e2e tests do on the queue screen, by what a biller sees (roles, labels, the claim's row). */

/**
 * The select box of the queue's row at view position `i` (0 = top of the view). By `aria-rowindex`
 * (two header rows come first), not DOM order: reused rows stay in the body in slot order.
 */
export function rowBox(page: Page, i: number) {
  return page.locator(`tbody tr[aria-rowindex="${i + 3}"] input[type=checkbox]`);
}

/** Waits until the queue shows its rows. */
export async function queueReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="queue"] tbody tr', { timeout: 30_000 });
}

/**
 * Waits until the queue is online and holds all `claims` claims (its All tab says so): rows arrive in
 * bursts after the first ones show, so two screens agree on what a tab lists only from then on.
 */
export async function queueSynced(page: Page, claims: number): Promise<void> {
  await queueReady(page);
  await expect.poll(() => connectionLine(page), { timeout: 30_000 }).toBe('Online');
  const all = page.getByRole('tab', { name: /^All/ }).locator('.tab-count');
  await expect.poll(() => all.textContent(), { timeout: 30_000 }).toBe(claims.toLocaleString('en-US'));
}

/** Opens a status tab by its name ("Ready", "All"…). */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** The status cell of a claim's row, looked up by filtering the All tab to that claim. */
export async function statusOf(page: Page, claimId: string): Promise<string | null> {
  await openTab(page, 'All');
  await page.fill('input.filter', claimId);
  const row = page.locator(`tbody tr[data-claim-id="${claimId}"]`);
  await row.waitFor();
  return row.locator('.status').textContent();
}

/** The claim ids of the selected rows in view. */
export function selectedClaimIds(page: Page): Promise<string[]> {
  return page
    .locator('tbody tr[aria-selected="true"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim-id')!));
}

/** The connection line ("Online", "Offline · 1 change waiting"…). */
export async function connectionLine(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="connection"]')) ?? '';
}

/** Takes the page's browser context offline and waits until the queue says so. */
export async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await expect.poll(() => connectionLine(page), { timeout: 15_000 }).toContain('Offline');
}

/** Holds the selected claims with `reason` through the batch dialog and waits until it closes. */
export async function holdSelected(page: Page, reason: string): Promise<void> {
  await page.click('[data-testid="change-status"]');
  const dialog = page.locator('[data-testid="batch-dialog"]');
  await dialog.locator('input[name=reason]').fill(reason);
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
}
