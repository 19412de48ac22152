/**
 * A session that ends mid-work (logged out elsewhere, expired): the queue says so, keeps the change
 * made meanwhile, and after "Log in again" sends it without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../sync-server/http/tokenFromRequest.ts';
import { TEST_PASSWORD } from '../sync-server/testing/testServer.ts';
import { type E2e, startE2e } from './harness.ts';
import {
  connectionLine,
  holdSelected,
  openTab,
  queueReady,
  rowBox,
  selectedClaimIds,
  statusOf,
} from './queuePage.ts';

let e2e: E2e;
beforeAll(async () => {
  // Open connections re-check their session every 200 ms, so the end is noticed at once.
  e2e = await startE2e({ syncRecheckMs: 200 });
}, 180_000);
afterAll(() => e2e?.stop());

describe('a session that ends mid-work', { timeout: 90_000 }, () => {
  it('keeps the work, asks for the password, and sends the work after logging in again', async () => {
    const [page, colleague] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    await Promise.all([queueReady(page), queueReady(colleague)]);
    const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toBeDefined();

    // The server ends the session (as an expiry or a logout on another tab would).
    e2e.server.server.auth.logout(cookie!.value);
    const relogin = page.locator('[data-testid="relogin"]');
    await relogin.waitFor({ timeout: 10_000 });
    expect(await page.textContent('.live-problems')).toContain('Your session has ended');

    // Work goes on meanwhile and waits.
    await openTab(page, 'Ready');
    await rowBox(page, 0).click();
    const [picked] = await selectedClaimIds(page);
    expect(picked).toBeDefined();
    await holdSelected(page, 'Waiting on records');
    await expect.poll(() => connectionLine(page), { timeout: 5000 }).toContain('1 change waiting');
    expect(await statusOf(colleague, picked!)).toBe('Ready');

    // Someone else's password is refused: this screen holds biller1's work.
    await relogin.click();
    const dialog = page.locator('[data-testid="relogin-dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('input[name=email]').inputValue()).toBe('biller1@example.test');
    await e2e.screenshot(page, 'relogin-dialog');
    await dialog.locator('input[name=email]').fill('biller2@example.test');
    await dialog.locator('input[name=password]').fill(TEST_PASSWORD);
    await dialog.locator('button[type=submit]').click();
    await expect
      .poll(() => dialog.locator('.login-error').textContent(), { timeout: 5000 })
      .toContain('Log in as biller1@example.test');

    await dialog.locator('input[name=email]').fill('biller1@example.test');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => statusOf(colleague, picked!), { timeout: 15_000 }).toBe('Held');
    await expect
      .poll(() => page.textContent('[data-testid="connection"]'), { timeout: 10_000 })
      .toBe('Online');
    expect(await relogin.count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });
});
