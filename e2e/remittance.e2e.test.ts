/**
 * The whole money path in a real browser against a real server, with the clearinghouse simulator as
 * the clearinghouse (the server's credential vault pointed at it): a biller submits a batch in the UI,
 * the simulator answers with a 999, a 277CA and, a moment later, an 835; the biller opens Clearinghouse
 * files and checks for files now; the three files show processed, and on both billers' screens the
 * claims end Paid or Denied as the simulator decided, the paid amount in the claim's billing summary
 * and the remittance in its history. The same 835 uploaded again posts nothing; one a cent off is
 * quarantined with its problem shown. The tests share one practice, in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents } from '../shared/money/format.ts';
import { loadVaultKey, openCredentialVault } from '../sync-server/clearinghouse/credentialVault.ts';
import {
  type ClearinghouseSimulator,
  type SimulatorEvent,
  startClearinghouseSimulator,
} from '../sync-server/simulator/clearinghouseSimulator.ts';
import { defaultRules } from '../sync-server/simulator/rules.ts';
import { call } from '../sync-server/submissions/submissionTestKit.ts';
import { remittanceFor } from '../sync-server/testing/remittanceFor.ts';
import { type E2e, startE2e } from './harness.ts';
import { goOffline, queueReady, statusOf } from './queuePage.ts';

type Answered = Extract<SimulatorEvent, { kind: 'answered' }>;

let e2e: E2e;
let simulator: ClearinghouseSimulator;
let simDir: string;
/**
 * The synthetic practice's Ready claims all pass the simulator's default rules (every one paid), so the
 * test names one claim for the payer to deny (CO-50) and one for the 277CA to reject, once chosen.
 */
const denyInRemit = new Set<string>();
const rejectIn277 = new Set<string>();
beforeAll(async () => {
  simDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-e2e-remit-'));
  [e2e, simulator] = await Promise.all([
    startE2e(),
    startClearinghouseSimulator({
      dir: simDir,
      reportDelayMs: 0,
      remitDelayMs: 500,
      rules: {
        ...defaultRules(),
        rejections: [
          ...defaultRules().rejections,
          (claim) =>
            rejectIn277.has(claim.patientControlNumber)
              ? { statuses: [{ category: 'A7', code: '21' }], message: 'Missing or invalid information' }
              : null,
        ],
        denials: [
          ...defaultRules().denials,
          (_line, claim) =>
            denyInRemit.has(claim.patientControlNumber)
              ? { group: 'CO', reason: '50', remarks: ['N115'] }
              : null,
        ],
      },
    }),
  ]);
  openCredentialVault({
    dataDir: e2e.server.dataDir,
    key: loadVaultKey(process.env, e2e.server.dataDir).key,
  }).save(e2e.server.practice.practice.id, simulator.connection);
}, 180_000);
afterAll(async () => {
  await e2e?.stop();
  await simulator?.stop();
  if (simDir) fs.rmSync(simDir, { recursive: true, force: true });
});

async function openSubmissions(page: Page): Promise<void> {
  await page.click('[data-testid="open-submissions"]');
  await page.locator('[data-testid="submissions"]').waitFor();
}

async function closeSubmissions(page: Page): Promise<void> {
  await page.click('[data-testid="submissions-close"]');
  await page.locator('[data-testid="submissions"]').waitFor({ state: 'detached' });
}

async function openClearinghouseFiles(page: Page): Promise<void> {
  await page.click('[data-testid="clearinghouse-files-open"]');
  await page.locator('[data-testid="clearinghouse-files"]').waitFor();
}

/** Chooses the first `n` claims of the first payer group and no other claim; returns their ids. */
async function chooseFirst(page: Page, n: number): Promise<string[]> {
  const heads = page.locator('[data-testid="plan-group"] .subm-group-head input[type=checkbox]');
  for (let i = 0; i < (await heads.count()); i++) await heads.nth(i).click();
  const rows = page.locator('[data-testid="plan-group"]').first().locator('[data-testid="plan-claim"]');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    await rows.nth(i).locator('input[type=checkbox]').click();
    ids.push((await rows.nth(i).getAttribute('data-claim-id'))!);
  }
  return ids;
}

/** The listed files as the panel shows them: kind and state (the server's words), newest first. */
const listedFiles = (page: Page) =>
  page
    .locator('[data-testid="inbound-file"]')
    .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-state')}`));

/** Uploads `bytes` as `name` through the panel's file input; the notice it answers with. */
async function upload(page: Page, name: string, bytes: Buffer): Promise<string> {
  const notice = page.locator('[data-testid="inbound-notice"]');
  await page.locator('[data-testid="inbound-upload-input"]').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await expect
    .poll(async () => (await notice.textContent()) ?? '', { timeout: 20_000 })
    .toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
  return (await notice.textContent()) ?? '';
}

/** What the simulator decided for a claim, as the queue's status column says it. */
function expectedStatus(a: Answered['claims'][number]): 'Paid' | 'Denied' {
  if (a.outcome !== 'adjudicated') return 'Denied';
  return (a.remit?.paidCents ?? 0) > 0 ? 'Paid' : 'Denied';
}

let answered: Answered;
let remitFile: string;

describe('remittance', { timeout: 180_000 }, () => {
  it('a submitted batch comes back as a 999, a 277CA and an 835; the claims end Paid or Denied on both screens', async () => {
    const [one, two] = await Promise.all([e2e.newPage('biller1'), e2e.newPage('biller2')]);
    await Promise.all([queueReady(one), queueReady(two)]);

    // Submit a batch of a few claims in the UI.
    await openSubmissions(one);
    await expect
      .poll(() => one.textContent('[data-testid="clearinghouse-connection"]'), { timeout: 15_000 })
      .toBe(`Clearinghouse: connected (${simulator.host}:${simulator.port})`);
    await one.click('[data-testid="new-submission"]');
    await one.locator('[data-testid="plan-summary"]').waitFor();
    const chosen = await chooseFirst(one, 5);
    denyInRemit.add(chosen[0]!);
    rejectIn277.add(chosen[1]!);
    await one.click('[data-testid="submission-generate"]');
    await one.locator('[data-testid="submission-batch"]').waitFor();
    const batchId = (await one.locator('[data-testid="submission-batch"]').getAttribute('data-batch-id'))!;
    await one.click('[data-testid="submission-submit"]');
    const state = one.locator('[data-testid="batch-state"]');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 30_000 }).toBe('uploaded');
    const fileName = (await one.textContent('[data-testid="batch-file-name"]'))!;
    const ack = one.locator(
      `[data-testid="batch-row"][data-batch-id="${batchId}"] [data-testid="batch-ack"]`,
    );
    await expect.poll(() => ack.getAttribute('data-ack'), { timeout: 15_000 }).toBe('awaiting');
    expect(await ack.textContent()).toBe('Awaiting acknowledgment');

    answered = (await simulator.waitFor((e) => e.kind === 'answered' && e.name === fileName)) as Answered;
    expect(answered.claims.map((c) => c.patientControlNumber).sort()).toEqual([...chosen].sort());
    const remitted = await simulator.waitFor((e) => e.kind === 'remitted' && e.name === fileName);
    remitFile = (remitted as Extract<SimulatorEvent, { kind: 'remitted' }>).file;

    // Clearinghouse files → Check for files now: the 999, 277CA and 835 arrive processed.
    await openClearinghouseFiles(one);
    expect(await one.locator('[data-testid="inbound-file"]').count()).toBe(0);
    await one.click('[data-testid="inbound-poll"]');
    const notice = one.locator('[data-testid="inbound-notice"]');
    await expect
      .poll(() => notice.textContent(), { timeout: 30_000 })
      .toMatch(/^3 new files from the clearinghouse: /);
    expect((await listedFiles(one)).sort()).toEqual(['277CA:processed', '835:processed', '999:processed']);
    const summaries = await one.locator('[data-testid="inbound-summary"]').allTextContents();
    const summary999 = summaries.find((s) => s.startsWith('999 · '));
    if (answered.groupStatus === 'A') expect(summary999).toBe(`999 · batch ${batchId} accepted`);
    else expect(summary999).toMatch(new RegExp(`^999 · batch ${batchId} partially accepted — `));
    const adjudicated = answered.claims.filter((c) => c.outcome === 'adjudicated');
    const paid = adjudicated.filter((c) => (c.remit?.paidCents ?? 0) > 0);
    const rejected277 = answered.claims.filter((c) => c.outcome === 'rejected').length;
    const in277 = answered.claims.filter((c) => c.outcome !== 'set_rejected').length;
    expect(summaries).toContain(
      `277CA · ${in277} claim${in277 === 1 ? '' : 's'}: ${in277 - rejected277} accepted, ${rejected277} rejected`,
    );
    const remitSummary = summaries.find((s) => s.startsWith('835 · '))!;
    const remitCents = adjudicated.reduce((sum, c) => sum + (c.remit?.paidCents ?? 0), 0);
    expect(remitSummary).toContain(`· ${formatCents(remitCents)} · ${adjudicated.length} posted`);
    expect(remitSummary).toContain(`(${paid.length} paid, 1 denied)`);
    expect(paid).toHaveLength(3);
    expect(rejected277).toBe(1);
    expect(remitSummary).not.toContain('unmatched');

    // The 835's detail in words: payer, trace, method, date, total.
    await one.locator('[data-testid="inbound-file"][data-kind="835"]').click();
    const detail = one.locator('[data-testid="inbound-detail"]');
    await detail.waitFor();
    const detailText = (await detail.textContent())!;
    for (const label of ['Payer', 'Trace number', 'Method', 'Date', 'Total paid', 'Claim payments'])
      expect(detailText).toContain(label);
    expect(detailText).toContain(formatCents(remitCents));
    expect(await detail.locator('[data-testid="inbound-download"]').getAttribute('download')).toBe(remitFile);

    // The batch list follows the 999 (read again every few seconds).
    const verdict = answered.groupStatus === 'A' ? 'accepted' : 'partially_accepted';
    await expect.poll(() => ack.getAttribute('data-ack'), { timeout: 30_000 }).toBe(verdict);
    await e2e.screenshot(one, 'clearinghouse-files');

    // On both billers' screens the claims end as the simulator decided.
    await closeSubmissions(one);
    expect(paid.length).toBeGreaterThan(0);
    for (const a of answered.claims) {
      const want = expectedStatus(a);
      await expect.poll(() => statusOf(two, a.patientControlNumber), { timeout: 20_000 }).toBe(want);
      await expect.poll(() => statusOf(one, a.patientControlNumber), { timeout: 20_000 }).toBe(want);
    }

    // One paid claim's detail: the insurance paid amount, and the remittance in its history.
    const claim = paid[0]!;
    await statusOf(two, claim.patientControlNumber);
    await two
      .locator(`tbody tr[data-claim-id="${claim.patientControlNumber}"] [data-testid="open-claim"]`)
      .click();
    const panel = two.locator('[data-testid="claim-detail"]');
    await panel.waitFor();
    const paidRows = await panel
      .locator('.detail-summary tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('td')?.textContent ?? '']),
      );
    const byPayer = paidRows.filter(
      ([label]) => label!.startsWith('Paid by ') && label !== 'Paid by patient',
    );
    expect(byPayer).toEqual([[expect.any(String), formatCents(claim.remit!.paidCents)]]);
    const history = panel.locator('.detail-log');
    await expect.poll(() => history.last().textContent(), { timeout: 10_000 }).toContain('Posting recorded');
    const historyText = (await history.last().textContent())!;
    expect(historyText).toContain('Paid');
    expect(historyText).toContain('remittance (835)');
    await panel.locator('.detail-event-posting_recorded').first().scrollIntoViewIfNeeded();
    await e2e.screenshot(two, 'remittance-claim-detail');
    await two.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(e2e.pageErrors).toEqual([]);
  });

  it('the same 835 uploaded again is already received; one a cent off is quarantined, and nothing is posted', async () => {
    const page = await e2e.newPage('biller1');
    await queueReady(page);
    const paidClaim = answered.claims.find((a) => expectedStatus(a) === 'Paid')!;
    await openSubmissions(page);
    await openClearinghouseFiles(page);
    await expect
      .poll(() => page.locator('[data-testid="inbound-file"]').count(), { timeout: 15_000 })
      .toBe(3);

    const bytes = fs.readFileSync(path.join(simDir, 'outbound', remitFile));
    const again = await upload(page, 'again.835', bytes);
    expect(again).toContain('already received');
    expect(again).toContain('nothing posted twice');
    expect(await page.locator('[data-testid="inbound-file"]').count()).toBe(3);

    // BPR02 one cent more than the claims pay.
    const text = bytes.toString('utf8');
    const broken = text.replace(/BPR\*I\*(\d+(?:\.\d+)?)\*/, (_, amount: string) => {
      const cents = Math.round(Number(amount) * 100) + 1;
      return `BPR*I*${(cents / 100).toFixed(2)}*`;
    });
    expect(broken).not.toBe(text);
    const answer = await upload(page, 'broken.835', Buffer.from(broken));
    expect(answer).toContain('quarantined, nothing posted');
    const row = page.locator('[data-testid="inbound-file"][data-state="quarantined"]');
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-kind')).toBe('835');
    const problem = (await row.locator('[data-testid="inbound-problem"]').textContent())!;
    expect(problem).toMatch(/does not balance/);
    expect(problem).toMatch(/nothing was posted/);
    expect(await row.locator('[data-testid="inbound-state"]').textContent()).toBe('Quarantined');
    expect(await page.locator('[data-testid="inbound-detail"]').getAttribute('data-hash')).toBe(
      await row.getAttribute('data-hash'),
    );
    await e2e.screenshot(page, 'clearinghouse-files-quarantined');

    // Nothing moved: the paid claim is still Paid once, with the same amount.
    await closeSubmissions(page);
    expect(await statusOf(page, paidClaim.patientControlNumber)).toBe('Paid');
    await page
      .locator(`tbody tr[data-claim-id="${paidClaim.patientControlNumber}"] [data-testid="open-claim"]`)
      .click();
    const panel = page.locator('[data-testid="claim-detail"]');
    await panel.waitFor();
    expect(await panel.locator('.detail-event-posting_recorded').count()).toBe(1);
    expect(e2e.pageErrors).toEqual([]);
  });

  it('a claim payment that matches no claim is posted by hand on the claim a biller types', async () => {
    const t = e2e.server;
    const claim = t.practice.claims.find(
      (c) => c.status === 'Submitted' && !answered.claims.some((a) => a.patientControlNumber === c.id),
    )!;
    // The payer cut the patient control number short.
    const text = remittanceFor(t.practice, [claim], {
      patientControlNumber: (c) => c.id.slice(0, 9),
      payerClaimControlNumber: () => 'ICN-BYHAND-1',
    });
    const page = await e2e.newPage('biller1');
    await queueReady(page);
    await openSubmissions(page);
    await openClearinghouseFiles(page);
    await upload(page, 'byhand.835', Buffer.from(text));
    const detail = page.locator('[data-testid="inbound-detail"]');
    const row = detail.locator('[data-testid="unmatched-payment"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(claim.id.slice(0, 9));
    await row.locator('[data-testid="unmatched-claim-id"]').fill('NOSUCHCLAIM');
    await row.locator('[data-testid="unmatched-post"]').click();
    await expect
      .poll(() => row.locator('[data-testid="unmatched-problem"]').textContent())
      .toMatch(/no such claim/);
    await row.locator('[data-testid="unmatched-claim-id"]').fill(claim.id.toLowerCase());
    await row.locator('[data-testid="unmatched-post"]').click();
    await expect.poll(() => detail.locator('[data-testid="unmatched-payment"]').count()).toBe(0);
    expect(await detail.textContent()).toContain(`matched by hand and posted on claim ${claim.id}`);
    await e2e.screenshot(page, 'clearinghouse-files-matched');
    await closeSubmissions(page);
    await expect.poll(() => statusOf(page, claim.id), { timeout: 20_000 }).toBe('Paid');
  });

  it('offline the buttons are disabled and say why; the files read before stay listed', async () => {
    const page = await e2e.newPage('biller2');
    await queueReady(page);
    await openSubmissions(page);
    await openClearinghouseFiles(page);
    await expect
      .poll(() => page.locator('[data-testid="inbound-file"]').count(), { timeout: 15_000 })
      .toBe(5);
    expect(await page.locator('[data-testid="inbound-poll"]').isDisabled()).toBe(false);
    await goOffline(page);
    await expect
      .poll(() => page.locator('[data-testid="inbound-poll"]').isDisabled(), { timeout: 15_000 })
      .toBe(true);
    expect(await page.locator('[data-testid="inbound-upload"]').isDisabled()).toBe(true);
    expect(await page.textContent('[data-testid="inbound-actions-reason"]')).toContain('server');
    expect(await page.locator('[data-testid="inbound-file"]').count()).toBe(5);
  });

  it('a batch sent more than 72 hours ago without a 999 raises the alert in the queue and in Submissions', async () => {
    // A batch marked uploaded by hand (its file never reaches the simulator), then dated 80 hours back.
    const t = e2e.server;
    const practiceId = t.practice.practice.id;
    const base = `/api/practices/${practiceId}/submissions`;
    const plan = await call(t, t.tokens.biller1, 'GET', `${base}/plan?payer=all`);
    const made = await call(t, t.tokens.biller1, 'POST', base, {
      payer: 'all',
      claimIds: plan.json.ready.slice(0, 2),
    });
    expect(made.status, made.text).toBe(201);
    const id: string = made.json.batch.id;
    expect((await call(t, t.tokens.biller1, 'POST', `${base}/${id}/mark-uploaded`)).status).toBe(200);
    const longAgo = new Date(Date.now() - 80 * 3_600_000).toISOString();
    expect(
      t.server.storage.updateSubmissionBatch(practiceId, id, ['marked_uploaded'], {
        state: 'marked_uploaded',
        uploadedAt: longAgo,
      }),
    ).not.toBeNull();

    const page = await e2e.newPage('biller2');
    await queueReady(page);
    const banner = page.locator('[data-testid="overdue-ack-banner"]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain(
      '1 submission batch sent more than 72 hours ago has no acknowledgment from the clearinghouse — check with the clearinghouse or send again',
    );
    await e2e.screenshot(page, 'overdue-ack-banner');
    await banner.locator('[data-testid="overdue-ack-open"]').click();
    const screen = page.locator('[data-testid="submissions"]');
    await screen.waitFor();
    const inside = screen.locator('[data-testid="overdue-ack-banner"]');
    await inside.waitFor({ timeout: 15_000 });
    const row = page.locator(`[data-testid="batch-row"][data-batch-id="${id}"] [data-testid="batch-ack"]`);
    await expect.poll(() => row.getAttribute('data-ack'), { timeout: 15_000 }).toBe('awaiting');
    await inside.locator('[data-testid="overdue-ack-open"]').click();
    await page.locator('[data-testid="clearinghouse-files"]').waitFor();
  });
});
