/**
 * Submissions in a real browser against a real server, with a real OpenSSH sshd as the clearinghouse
 * (the server's credential vault pointed at it): a biller makes a batch for one payer, previews the
 * 837P and submits it; the file lands in sshd's inbound/ and the claims turn Submitted on both billers'
 * screens; the same against the clearinghouse simulator, which answers with a 999 and a 277CA. A viewer
 * sees batches but no buttons; offline nothing can be sent. The tests share one practice, in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVaultKey, openCredentialVault } from '../sync-server/clearinghouse/credentialVault.ts';
import { hostKeyFingerprint } from '../sync-server/clearinghouse/hostKey.ts';
import { startClearinghouseSimulator } from '../sync-server/simulator/clearinghouseSimulator.ts';
import { call, configureVault, inbound } from '../sync-server/submissions/submissionTestKit.ts';
import { type SshdServer, startSshd } from '../sync-server/testing/sshdServer.ts';
import { type E2e, startE2e } from './harness.ts';
import { goOffline, queueReady, statusOf } from './queuePage.ts';

let e2e: E2e;
let sshd: SshdServer;
beforeAll(async () => {
  [e2e, sshd] = await Promise.all([startE2e(), startSshd()]);
  configureVault(e2e.server, sshd);
}, 180_000);
afterAll(async () => {
  await e2e?.stop();
  await sshd?.stop();
});

/** Opens Billing → Submissions over the queue. */
async function openSubmissions(page: Page): Promise<void> {
  await page.click('[data-testid="open-submissions"]');
  await page.locator('[data-testid="submissions"]').waitFor();
}

/** New submission, all payers, until the plan is there. */
async function newSubmission(page: Page): Promise<void> {
  await page.click('[data-testid="new-submission"]');
  await page.locator('[data-testid="plan-summary"]').waitFor();
}

/** The batch's state as the screen says it (`data-state`, the server's word). */
const batchState = (page: Page) => page.locator('[data-testid="batch-state"]').getAttribute('data-state');

/** A batch of one passing claim made over REST by biller1 (so a test needs no earlier test); its id. */
async function makeBatch(): Promise<string> {
  const t = e2e.server;
  const base = `/api/practices/${t.practice.practice.id}/submissions`;
  const plan = await call(t, t.tokens.biller1, 'GET', `${base}/plan?payer=all`);
  const made = await call(t, t.tokens.biller1, 'POST', base, {
    payer: 'all',
    claimIds: [plan.json.ready[0]],
  });
  expect(made.status, made.text).toBe(201);
  return made.json.batch.id;
}

/** Chooses the first `n` claims of the first payer group and no other claim; returns their ids. */
async function chooseFirst(page: Page, n: number): Promise<string[]> {
  // Every claim is chosen by default: each group's box turns its claims off, then pick n.
  const heads = page.locator('[data-testid="plan-group"] .subm-group-head input[type=checkbox]');
  for (let i = 0; i < (await heads.count()); i++) await heads.nth(i).click();
  expect(await page.textContent('[data-testid="plan-selection"]')).toMatch(/^0 claims/);
  const rows = page.locator('[data-testid="plan-group"]').first().locator('[data-testid="plan-claim"]');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    await rows.nth(i).locator('input[type=checkbox]').click();
    ids.push((await rows.nth(i).getAttribute('data-claim-id'))!);
  }
  return ids;
}

describe('submissions', { timeout: 120_000 }, () => {
  it('a biller generates, previews and submits; the claims turn Submitted on both billers’ screens', async () => {
    const [one, two] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    await Promise.all([queueReady(one), queueReady(two)]);
    await e2e.screenshot(one, 'submission-queue-button');
    await openSubmissions(one);
    await newSubmission(one);

    // All EDI payers: passing claims under their payers, failing ones with the scrubber's words.
    expect(
      Number((await one.textContent('[data-testid="plan-failing-count"]'))!.split(' ')[0]),
    ).toBeGreaterThan(0);
    const messages = await one.locator('[data-testid="failing-claim"] li').allTextContents();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.trim().length > 10)).toBe(true);
    expect(messages.join(' ')).not.toMatch(/undefined|\[object/);
    await one.locator('[data-testid="plan-failing"] summary').click();
    await one
      .locator('[data-testid="plan-failing"] [data-testid="failing-claim"]')
      .first()
      .scrollIntoViewIfNeeded();
    await e2e.screenshot(one, 'submission-plan-failing');

    // Pick one payer: only its claims are listed.
    const payerId = (await one.locator('[data-testid="plan-group"]').first().getAttribute('data-payer'))!;
    const payerName = await one
      .locator(`[data-testid="submission-payer"] option[value="${payerId}"]`)
      .textContent();
    await one.selectOption('[data-testid="submission-payer"]', payerId);
    await expect
      .poll(async () => {
        const payers = await one
          .locator('[data-testid="plan-group"]')
          .evaluateAll((groups) => groups.map((g) => g.getAttribute('data-payer')));
        return payers.length > 0 && payers.every((p) => p === payerId);
      })
      .toBe(true);
    const listed = await one.locator('[data-testid="plan-claim"]').count();
    expect(listed).toBeGreaterThan(3);
    expect(await one.textContent('[data-testid="plan-ready-count"]')).toBe(`${listed} claims`);
    const ready = await one
      .locator('[data-testid="plan-claim"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim-id')!));
    for (const id of ready.slice(0, 5)) expect(await statusOf(two, id)).toBe('Ready');

    const chosen = await chooseFirst(one, 3);
    expect(await one.textContent('[data-testid="plan-selection"]')).toMatch(
      /^3 claims · \$[\d,]+\.\d\d selected$/,
    );
    // The server checked the clearinghouse connection when the screen opened.
    await expect
      .poll(() => one.textContent('[data-testid="clearinghouse-connection"]'), { timeout: 10_000 })
      .toBe(`Clearinghouse: connected (${sshd.host}:${sshd.port})`);
    await e2e.screenshot(one, 'submission-plan');

    // Generate: the preview holds exactly the chosen claims, their total and the file's segments.
    await one.click('[data-testid="submission-generate"]');
    await one.locator('[data-testid="submission-batch"]').waitFor();
    expect(await batchState(one)).toBe('generated');
    const inBatch = await one
      .locator('[data-testid="batch-claim"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim-id')!));
    expect(inBatch.sort()).toEqual([...chosen].sort());
    expect(await one.textContent('[data-testid="batch-claim-count"]')).toBe('3');
    expect(await one.locator('[data-testid="batch-totals"] tbody tr td').first().textContent()).toBe(
      payerName,
    );
    const preview = one.locator('[data-testid="x12-preview"]');
    await preview.locator('.x12-line').first().waitFor();
    const ids = await preview.locator('.x12-id').allTextContents();
    expect(ids[0]).toBe('ISA');
    expect(ids.filter((id) => id === 'CLM')).toHaveLength(3);
    expect(ids.at(-1)).toBe('IEA');
    const clm = preview.locator('[data-segment="CLM"]').first();
    expect(await clm.locator('.x12-id').textContent()).toBe('CLM');
    expect(await clm.locator('.x12-element-sep').count()).toBeGreaterThan(4);
    expect(await clm.locator('.x12-component-sep').count()).toBeGreaterThan(0);
    expect(chosen).toContain(await clm.locator('.x12-value').first().textContent());
    // Nothing has been sent yet: the claims are still Ready elsewhere.
    expect(await statusOf(two, chosen[0]!)).toBe('Ready');
    await e2e.screenshot(one, 'submission-preview');
    await clm.scrollIntoViewIfNeeded();
    await e2e.screenshot(one, 'submission-preview-segments');
    await one.locator('[data-testid="submission-batch"] .subm-section-head').scrollIntoViewIfNeeded();

    // Submit over SFTP to the sshd: the batch is uploaded and the file is in inbound/.
    const batchId = (await one.locator('[data-testid="submission-batch"]').getAttribute('data-batch-id'))!;
    await one.click('[data-testid="submission-submit"]');
    await expect.poll(() => batchState(one), { timeout: 30_000 }).toBe('uploaded');
    expect(await one.textContent('[data-testid="batch-message"]')).toContain('3 claims are Submitted');
    expect(await one.locator('[data-testid="submission-submit"]').count()).toBe(0);
    const row = one.locator(`[data-testid="batch-row"][data-batch-id="${batchId}"]`);
    expect(await row.getAttribute('data-state')).toBe('uploaded');
    const files = inbound(sshd).filter((name) => name.includes('837P'));
    expect(files).toHaveLength(1);
    const file = fs.readFileSync(path.join(sshd.rootDir, 'inbound', files[0]!), 'utf8');
    for (const id of chosen) expect(file).toContain(`CLM*${id}*`);
    expect(await one.textContent('[data-testid="batch-file-name"]')).toBe(files[0]);
    await e2e.screenshot(one, 'submission-sent');

    // The claims are Submitted on both billers' screens.
    await one.click('[data-testid="submissions-close"]');
    await one.locator('[data-testid="submissions"]').waitFor({ state: 'detached' });
    for (const id of chosen) {
      await expect.poll(() => statusOf(two, id), { timeout: 15_000 }).toBe('Submitted');
      await expect.poll(() => statusOf(one, id), { timeout: 15_000 }).toBe('Submitted');
    }
    // Claims left out of the batch stay Ready.
    const left = ready.find((id) => !chosen.includes(id))!;
    expect(await statusOf(two, left)).toBe('Ready');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('the clearinghouse simulator takes the file and answers with a 999 and a 277CA for its claims', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-e2e-simulator-'));
    const simulator = await startClearinghouseSimulator({ dir, reportDelayMs: 0, remitDelayMs: 60_000 });
    const vault = openCredentialVault({
      dataDir: e2e.server.dataDir,
      key: loadVaultKey(process.env, e2e.server.dataDir).key,
    });
    vault.save(e2e.server.practice.practice.id, simulator.connection);
    try {
      const page = await e2e.newPage('biller1');
      await queueReady(page);
      await openSubmissions(page);
      await expect
        .poll(() => page.textContent('[data-testid="clearinghouse-connection"]'), { timeout: 10_000 })
        .toBe(`Clearinghouse: connected (${simulator.host}:${simulator.port})`);
      await newSubmission(page);
      const chosen = await chooseFirst(page, 2);
      await page.click('[data-testid="submission-generate"]');
      await page.locator('[data-testid="submission-batch"]').waitFor();
      await page.click('[data-testid="submission-submit"]');
      await expect.poll(() => batchState(page), { timeout: 30_000 }).toBe('uploaded');
      const fileName = await page.textContent('[data-testid="batch-file-name"]');

      const answered = await simulator.waitFor((e) => e.kind === 'answered' && e.name === fileName);
      if (answered.kind !== 'answered') throw new Error('expected an answer');
      expect(answered.groupStatus).toBe('A');
      expect(answered.claims.map((c) => c.patientControlNumber).sort()).toEqual([...chosen].sort());
      const outbound = fs.readdirSync(path.join(dir, 'outbound'));
      expect(answered.files.every((f) => outbound.includes(f))).toBe(true);
      expect(answered.files.some((f) => f.includes('999'))).toBe(true);
      expect(answered.files.some((f) => f.includes('277CA'))).toBe(true);
    } finally {
      vault.save(e2e.server.practice.practice.id, {
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        privateKey: sshd.privateKey,
        hostKeySha256: sshd.hostKeyFingerprint,
      });
      await simulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Download .x12 and Mark uploaded, after a confirmation, records a manual upload', async () => {
    const page = await e2e.newPage('biller2');
    await queueReady(page);
    await openSubmissions(page);
    await newSubmission(page);
    const chosen = await chooseFirst(page, 1);
    await page.click('[data-testid="submission-generate"]');
    await page.locator('[data-testid="submission-batch"]').waitFor();
    const batchId = (await page.locator('[data-testid="submission-batch"]').getAttribute('data-batch-id'))!;

    const download = page.locator('[data-testid="submission-download"]');
    const href = (await download.getAttribute('href'))!;
    const fileName = (await download.getAttribute('download'))!;
    expect(fileName).toMatch(/_837P_OATEST\.x12$/);
    const text = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(text.startsWith('ISA*')).toBe(true);
    expect(text).toContain(`CLM*${chosen[0]}*`);

    await page.click('[data-testid="submission-mark-uploaded"]');
    const dialog = page.locator('[data-testid="mark-uploaded-dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('become Submitted');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await batchState(page)).toBe('generated');

    await page.click('[data-testid="submission-mark-uploaded"]');
    await page.click('[data-testid="confirm-mark-uploaded"]');
    await expect.poll(() => batchState(page)).toBe('marked_uploaded');
    expect(inbound(sshd)).not.toContain(fileName);
    expect(
      await page.locator(`[data-testid="batch-row"][data-batch-id="${batchId}"]`).getAttribute('data-state'),
    ).toBe('marked_uploaded');
    await page.click('[data-testid="submissions-close"]');
    await expect.poll(() => statusOf(page, chosen[0]!), { timeout: 15_000 }).toBe('Submitted');
  });

  it('a viewer sees the batches but has no buttons to make or send one', async () => {
    const batchId = await makeBatch();
    const page = await e2e.newPage('viewer');
    await queueReady(page);
    await openSubmissions(page);
    const row = page.locator(`[data-testid="batch-row"][data-batch-id="${batchId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('generated');
    expect(await page.locator('[data-testid="new-submission"]').count()).toBe(0);
    expect(await page.getByText('Read-only (viewer)').count()).toBeGreaterThan(0);

    await row.click();
    await page.locator('[data-testid="submission-batch"] [data-testid="batch-state"]').waitFor();
    await page.locator('[data-testid="x12-preview"] .x12-line').first().waitFor();
    for (const button of [
      'submission-generate',
      'submission-submit',
      'submission-mark-uploaded',
      'submission-download',
    ]) {
      expect(await page.locator(`[data-testid="${button}"]`).count(), button).toBe(0);
    }
    expect(await page.textContent('[data-testid="submission-batch"]')).toContain('viewers can see batches');
    await e2e.screenshot(page, 'submission-viewer');
  });

  it('offline it says the clearinghouse needs the server and offers nothing to send', async () => {
    const batchId = await makeBatch();
    const page = await e2e.newPage('biller1');
    await queueReady(page);
    await openSubmissions(page);
    await page.locator(`[data-testid="batch-row"][data-batch-id="${batchId}"]`).click();
    await page.locator('[data-testid="submission-batch"] [data-testid="batch-state"]').waitFor();
    // Online, a biller may send this batch (it is still Generated).
    await page.locator('[data-testid="submission-submit"]').waitFor();
    expect(await page.locator('[data-testid="submissions-offline"]').count()).toBe(0);
    await goOffline(page);
    const notice = page.locator('[data-testid="submissions-offline"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('server');
    expect(await page.locator('[data-testid="new-submission"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="submission-download"]').count()).toBe(0);
    expect(await page.locator('[data-testid="submission-mark-uploaded"]').count()).toBe(0);
    expect(await page.locator('[data-testid="submission-submit"]').count()).toBe(0);
    await e2e.screenshot(page, 'submission-offline');
  });

  // Last: it sends every passing claim, which the tests above pick from.
  it('a failed upload shows the server’s reason and what to do; after the fix Submit sends it', async () => {
    const otherKey = fs.readFileSync(path.join(sshd.dir, 'other_ed25519.pub'), 'utf8').split(' ')[1]!;
    configureVault(e2e.server, sshd, { hostKeySha256: hostKeyFingerprint(Buffer.from(otherKey, 'base64')) });
    try {
      const page = await e2e.newPage('biller1');
      await queueReady(page);
      await openSubmissions(page);
      await newSubmission(page);
      // Every passing claim of every EDI payer (the default): a file longer than the preview's first lines.
      const count = await page.locator('[data-testid="plan-claim"]').count();
      expect(count).toBeGreaterThan(10);
      await page.click('[data-testid="submission-generate"]');
      await page.locator('[data-testid="submission-batch"]').waitFor();
      expect(await page.textContent('[data-testid="batch-claim-count"]')).toBe(String(count));
      const preview = page.locator('[data-testid="x12-preview"]');
      await preview.locator('.x12-line').first().waitFor();
      expect(await preview.locator('.x12-line').count()).toBe(200);
      expect(await preview.locator('.x12-more').textContent()).toMatch(/^Showing 200 of [\d,]+ segments/);
      await preview.locator('[data-testid="x12-show-all"]').click();
      // All lines, drawn as they scroll into view: the last one is the IEA.
      const scroller = preview.locator('.x12-scroll');
      await scroller.waitFor();
      await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await preview.locator('[data-segment="IEA"]').waitFor();
      expect(await preview.locator('.x12-line').count()).toBeLessThan(200);

      await page.click('[data-testid="submission-submit"]');
      await expect.poll(() => batchState(page), { timeout: 60_000 }).toBe('failed');
      const message = (await page.textContent('[data-testid="batch-message"]'))!;
      expect(message).toContain('host key');
      expect(message).toContain('still Ready');
      expect(message).not.toMatch(/PRIVATE KEY/);
      expect(inbound(sshd).filter((n) => !n.startsWith('.'))).toHaveLength(1); // only the first test's file
      await e2e.screenshot(page, 'submission-failed');

      configureVault(e2e.server, sshd);
      await page.click('[data-testid="submission-submit"]');
      await expect.poll(() => batchState(page), { timeout: 60_000 }).toBe('uploaded');
      expect(inbound(sshd)).toHaveLength(2);
    } finally {
      configureVault(e2e.server, sshd);
    }
  });

  it('an admin reads the server’s host key in Clearinghouse settings, pins it, and the connection works', async () => {
    const otherKey = fs.readFileSync(path.join(sshd.dir, 'other_ed25519.pub'), 'utf8').split(' ')[1]!;
    const wrong = hostKeyFingerprint(Buffer.from(otherKey, 'base64'));
    configureVault(e2e.server, sshd, { hostKeySha256: wrong });
    try {
      const biller = await e2e.newPage('biller1');
      await queueReady(biller);
      await openSubmissions(biller);
      expect(await biller.locator('[data-testid="clearinghouse-settings-open"]').count()).toBe(0);

      const page = await e2e.newPage('admin');
      await queueReady(page);
      await openSubmissions(page);
      const badge = page.locator('[data-testid="clearinghouse-connection"]');
      await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/host key/i);
      await page.click('[data-testid="clearinghouse-settings-open"]');
      const settings = page.locator('[data-testid="clearinghouse-settings"]');
      await settings.locator('[data-testid="chs-host"]').waitFor();
      expect(await settings.locator('[data-testid="chs-host"]').inputValue()).toBe(sshd.host);
      expect(await settings.locator('[data-testid="chs-host-key"]').inputValue()).toBe(wrong);
      // The saved key is never sent back: the field is empty and says a key is saved.
      expect(await settings.locator('[data-testid="chs-private-key"]').inputValue()).toBe('');
      expect(await settings.textContent()).toContain('Private key (saved)');
      expect(await settings.textContent()).not.toContain('PRIVATE KEY-----\n');

      await settings.locator('[data-testid="chs-read-key"]').click();
      const presented = settings.locator('[data-testid="chs-presented"]');
      await presented.waitFor();
      expect(await presented.textContent()).toContain(sshd.hostKeyFingerprint);
      expect(await presented.textContent()).toContain('does NOT match');
      await e2e.screenshot(page, 'clearinghouse-settings');
      await presented.locator('[data-testid="chs-use-key"]').click();
      expect(await settings.locator('[data-testid="chs-host-key"]').inputValue()).toBe(
        sshd.hostKeyFingerprint,
      );

      // A port typed wrong is caught before anything is sent.
      await settings.locator('[data-testid="chs-port"]').fill('70000');
      await settings.locator('[data-testid="chs-save"]').click();
      expect(await settings.locator('[data-testid="chs-field-problem"]').textContent()).toContain('65535');
      await settings.locator('[data-testid="chs-port"]').fill(String(sshd.port));
      await settings.locator('[data-testid="chs-save"]').click();
      await settings.locator('[data-testid="chs-notice"]').waitFor();
      await expect
        .poll(() => badge.textContent(), { timeout: 30_000 })
        .toBe(`Clearinghouse: connected (${sshd.host}:${sshd.port})`);
      const saved = openCredentialVault({
        dataDir: e2e.server.dataDir,
        key: loadVaultKey(process.env, e2e.server.dataDir).key,
      }).load(e2e.server.practice.practice.id);
      expect(saved).toMatchObject({ hostKeySha256: sshd.hostKeyFingerprint, privateKey: sshd.privateKey });
    } finally {
      configureVault(e2e.server, sshd);
    }
  });
});
