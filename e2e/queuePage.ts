import type { Page } from 'playwright-core';

/** What the e2e tests do on the queue screen, by what a biller sees (roles, labels, the claim's row). */

/** Waits until the queue shows its rows. */
export async function queueReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="queue"] tbody tr', { timeout: 30_000 });
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
