/**
 * The laptop case in a real browser: offline, a biller holds claims, reloads the page while still
 * offline (the service worker opens the app, IndexedDB has the claims and the waiting change), comes
 * back online, and a colleague's screen converges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('offline', { timeout: 120_000 }, () => {
  it('work done offline survives a reload without network and reaches a colleague afterwards', async () => {
    const [laptop, colleague] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    await Promise.all([queueReady(laptop), queueReady(colleague)]);
    // The app shell is cached once the service worker is active.
    await laptop.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    await goOffline(laptop);
    await openTab(laptop, 'Ready');
    await rowBox(laptop, 0).click();
    await rowBox(laptop, 1).click();
    const picked = await selectedClaimIds(laptop);
    expect(picked).toHaveLength(2);
    await holdSelected(laptop, 'Waiting on records');
    await expect.poll(() => connectionLine(laptop), { timeout: 5000 }).toContain('1 change waiting');
    // Each held claim shows the change it waits for.
    for (const id of picked) {
      await expect
        .poll(() => laptop.locator(`tbody tr[data-claim-id="${id}"] .pending-status`).textContent(), {
          timeout: 5000,
        })
        .toContain('Held');
    }

    // Reload with no network: the page, the claims and the waiting change come from this device.
    await laptop.reload();
    await queueReady(laptop);
    await expect.poll(() => connectionLine(laptop), { timeout: 10_000 }).toContain('1 change waiting');
    expect(await laptop.locator('[data-testid="queue"] tbody tr').count()).toBeGreaterThan(5);
    await e2e.screenshot(laptop, 'offline-after-reload');

    await laptop.context().setOffline(false);
    for (const id of picked) {
      await expect.poll(() => statusOf(colleague, id), { timeout: 20_000 }).toBe('Held');
      await expect.poll(() => statusOf(laptop, id), { timeout: 20_000 }).toBe('Held');
    }
    await expect.poll(() => connectionLine(laptop), { timeout: 10_000 }).not.toContain('waiting');
  });
});
