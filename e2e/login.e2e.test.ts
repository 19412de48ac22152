import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_MESSAGE } from '../client/src/api/apiClient.ts';
import { messages } from '../sync-server/http/apiError.ts';
import { SESSION_COOKIE } from '../sync-server/http/tokenFromRequest.ts';
import { TEST_PASSWORD } from '../sync-server/testing/testServer.ts';
import { type E2e, LOGGED_IN, startE2e } from './harness.ts';

let e2e: E2e;
// The first start builds the client with Vite.
beforeAll(async () => {
  e2e = await startE2e();
}, 180_000);
afterAll(() => e2e?.stop());

const loginForm = async (page: Page) => {
  await page.waitForSelector('form input[name=email]');
  expect(await page.locator('input[name=password][type=password]').count()).toBe(1);
  expect(await page.locator('form button[type=submit]').count()).toBe(1);
};

const submitLogin = async (page: Page, email: string, password: string) => {
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
};

const sessionCookie = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);

describe('logging in through the browser', { timeout: 60_000 }, () => {
  it('shows the login form, the server’s refusal, then the app; logging out returns to the form', async () => {
    const page = await e2e.openPage();
    await loginForm(page);
    // Labelled fields: a screen reader (and getByLabel) finds them by name.
    expect(await page.getByLabel('Email').getAttribute('name')).toBe('email');
    expect(await page.getByLabel('Password').getAttribute('name')).toBe('password');
    await e2e.screenshot(page, 'login');

    await submitLogin(page, 'biller1@example.test', 'not-the-password-1');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(messages.invalidCredentials);
    expect(await sessionCookie(page)).toBeUndefined();
    await e2e.screenshot(page, 'login-wrong-password');

    // The queue's sync connections, to check they end with the session.
    let openSockets = 0;
    page.on('websocket', (ws) => {
      openSockets++;
      ws.on('close', () => openSockets--);
    });
    await submitLogin(page, 'biller1@example.test', TEST_PASSWORD);
    await page.waitForSelector(LOGGED_IN);
    expect(await page.locator('input[name=password]').count()).toBe(0);
    const cookie = await sessionCookie(page);
    expect(cookie?.httpOnly).toBe(true);
    // biller1 belongs to one practice, so the app goes straight to its queue.
    expect(await page.locator('[data-testid="queue"]').count()).toBe(1);

    await page.waitForSelector('[data-testid="queue"] tbody tr');
    expect(openSockets).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Log out' }).click();
    await loginForm(page);
    expect(await sessionCookie(page)).toBeUndefined();
    await expect.poll(() => openSockets, { timeout: 5000 }).toBe(0);
    // The session ended on the server too: a reload still asks for a login.
    await page.reload();
    await loginForm(page);
    expect(await page.locator(LOGGED_IN).count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });

  it('lets a member of several practices pick one, each listed with their role', async () => {
    const auth = e2e.server.server.auth;
    const other = auth.listPractices().find((p) => p.id !== e2e.server.practice.practice.id);
    if (!other) throw new Error('the test server seeds a second practice');
    auth.addMember({ practiceId: other.id, email: 'biller2@example.test', role: 'viewer' });

    const page = await e2e.newPage('biller2');
    const picker = page.locator('[data-testid="practice-picker"]');
    await picker.waitFor();
    const choices = await picker.getByRole('button').allTextContents();
    expect(choices).toEqual(
      expect.arrayContaining([
        `${e2e.server.practice.practice.name}Biller`,
        `${other.name}Viewer (read-only)`,
      ]),
    );
    await e2e.screenshot(page, 'practice-picker');

    await picker.getByRole('button', { name: new RegExp(e2e.server.practice.practice.name) }).click();
    await page.waitForSelector('[data-testid="queue"]');
    expect(await picker.count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });

  it('shows the server’s message once an email has failed too often', async () => {
    await e2e.server.addUser('locked', 'biller');
    const page = await e2e.openPage();
    await loginForm(page);
    for (let i = 0; i < 5; i++) {
      await submitLogin(page, 'locked@example.test', `wrong-${i}-pass`);
      // Each refusal replaces the alert, so wait for the button to be ready again.
      await page.locator('button[type=submit]:not([disabled])').waitFor();
      await page.getByRole('alert').waitFor();
    }
    await submitLogin(page, 'locked@example.test', TEST_PASSWORD);
    await page.getByRole('alert').filter({ hasText: 'Too many failed logins' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(
      /^Too many failed logins for this email\. Try again in \d+ minutes?/,
    );
    expect(await page.locator(LOGGED_IN).count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });

  it('says so when the server can’t be reached at start, and tries again on request', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    try {
      // The app loads, then its session check fails the way a dropped network fails a fetch.
      await page.route('**/api/me', (route) => route.abort('internetdisconnected'));
      await page.goto(e2e.baseUrl);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toBe(OFFLINE_MESSAGE);
      await e2e.screenshot(page, 'login-offline');

      await page.unroute('**/api/me');
      await page.getByRole('button', { name: 'Try again' }).click();
      await loginForm(page);
    } finally {
      await context.close();
    }
  });
});
