import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import {
  CLAIM_ROWS_PAGE_LIMIT,
  type ClaimRow,
  type ClaimRowBody,
  type ClaimRowsPage,
  claimRowBodySchema,
} from '../../shared/sync/claimRow.ts';
import { partitionOf } from '../../shared/sync/docNames.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 40 });
});
afterAll(async () => {
  await t?.stop();
});

function partitions(token: string | null) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return fetch(`${t.server.url}/api/practices/${t.practice.practice.id}/partitions`, { headers });
}

describe('GET /api/practices/:id/partitions', () => {
  it('lists the seeded service months to a member', async () => {
    const res = await partitions(t.tokens.viewer);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partitions: [...t.partitions].sort() });
  });

  it('refuses someone from another practice, and anyone without a session', async () => {
    const outsider = await partitions(t.tokens.outsider);
    expect(outsider.status).toBe(403);
    expect((await outsider.json()).error.code).toBe('forbidden');
    const anonymous = await partitions(null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('login_required');
  });
});

function claimRows(token: string | null, query = '', practiceId = t.practice.practice.id) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return fetch(`${t.server.url}/api/practices/${practiceId}/claim-rows${query}`, { headers });
}

/** Writes rows for real claims of the seeded practice; returns what was written and the seq before. */
function writeRows(claims: Claim[], history: (claim: Claim) => HistoryEvent[] = () => []) {
  const practiceId = t.practice.practice.id;
  const before = t.server.storage.lastClaimRowSeq(practiceId);
  const bodies = claims.map((claim): ClaimRowBody => ({ claim, history: history(claim) }));
  const last = t.server.storage.putClaimRows(
    practiceId,
    claims.map((claim, i) => ({
      claimId: claim.id,
      partition: partitionOf(claim.dateOfService),
      body: JSON.stringify(bodies[i]),
    })),
  );
  const expected = claims.map(
    (claim, i): ClaimRow => ({
      claimId: claim.id,
      partition: partitionOf(claim.dateOfService),
      rowSeq: before + i + 1,
      ...bodies[i]!,
    }),
  );
  return { before, last, expected };
}

describe('GET /api/practices/:id/claim-rows', () => {
  it('gives a member the rows after `after` in row order, with the newest row number, bodies intact', async () => {
    const claims = t.practice.claims.slice(0, 3);
    const created = (claim: Claim): HistoryEvent[] => [
      {
        id: `${claim.id}:created`,
        claimId: claim.id,
        at: '2026-11-01T10:00:00.000Z',
        actor: { kind: 'user', userId: t.userIds.biller1, role: 'biller' },
        kind: 'created',
        toStatus: 'Ready',
        detail: 'note with "quotes", a \\ and é',
      },
    ];
    const { before, last, expected } = writeRows(claims, created);
    expect(last).toBe(before + 3);

    const res = await claimRows(t.tokens.viewer, `?after=${before}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const page = (await res.json()) as ClaimRowsPage;
    expect(page).toEqual({ rows: expected, last: before + 3 });
    // Exactly the ClaimRow keys, and each body a valid ClaimRowBody holding the claim as written.
    for (const [i, row] of page.rows.entries()) {
      expect(Object.keys(row).sort()).toEqual(['claim', 'claimId', 'history', 'partition', 'rowSeq']);
      expect(claimRowBodySchema.parse({ claim: row.claim, history: row.history }).claim).toEqual(claims[i]);
    }
  });

  it('defaults `after` to 0: the whole feed, ending at `last`', async () => {
    writeRows(t.practice.claims.slice(3, 5));
    const page = (await (await claimRows(t.tokens.biller2)).json()) as ClaimRowsPage;
    expect(page.last).toBe(t.server.storage.lastClaimRowSeq(t.practice.practice.id));
    expect(page.rows.map((r) => r.rowSeq)).toEqual(
      t.server.storage.claimRowsAfter(t.practice.practice.id, 0, 1_000_000).map((r) => r.rowSeq),
    );
    expect(page.rows.at(-1)?.rowSeq).toBe(page.last);
  });

  it('pages with after and limit, and a rewritten claim moves to the end', async () => {
    const claims = t.practice.claims.slice(5, 10);
    const { before, expected } = writeRows(claims);
    const page = async (query: string) =>
      (await (await claimRows(t.tokens.biller1, query)).json()) as ClaimRowsPage;

    const first = await page(`?after=${before}&limit=2`);
    expect(first).toEqual({ rows: expected.slice(0, 2), last: before + 5 });
    const second = await page(`?after=${before + 2}&limit=2`);
    expect(second.rows).toEqual(expected.slice(2, 4));
    const third = await page(`?after=${before + 4}&limit=2`);
    expect(third.rows).toEqual(expected.slice(4));
    expect(await page(`?after=${before + 5}&limit=2`)).toEqual({ rows: [], last: before + 5 });
    expect(await page(`?after=${before}&limit=0`)).toEqual({ rows: [], last: before + 5 });

    // The first claim written again: it leaves its old place and comes after the others.
    const rewrite = writeRows(claims.slice(0, 1));
    const all = await page(`?after=${before}`);
    expect(all.rows.map((r) => r.claimId)).toEqual([...claims.slice(1), claims[0]!].map((c) => c.id));
    expect(all.rows.at(-1)?.rowSeq).toBe(rewrite.last);
    expect(all.last).toBe(before + 6);
  });

  it('refuses someone from another practice, and anyone without a session', async () => {
    const outsider = await claimRows(t.tokens.outsider);
    expect(outsider.status).toBe(403);
    expect((await outsider.json()).error.code).toBe('forbidden');
    const anonymous = await claimRows(null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('login_required');
  });

  it('answers 400 to an `after` or `limit` that is not a whole number ≥ 0', async () => {
    for (const query of [
      '?after=-1',
      '?after=1.5',
      '?after=abc',
      '?after=',
      '?after=1e3',
      '?limit=-5',
      '?limit=ten',
    ]) {
      const res = await claimRows(t.tokens.viewer, query);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code, query).toBe('invalid_query');
      expect(body.error.param, query).toBe(query.slice(1, query.indexOf('=')));
    }
  });

  it('caps `limit` at CLAIM_ROWS_PAGE_LIMIT', async () => {
    const practiceId = t.practice.practice.id;
    const claim = t.practice.claims[10]!;
    const body = JSON.stringify({ claim, history: [] } satisfies ClaimRowBody);
    const before = t.server.storage.lastClaimRowSeq(practiceId);
    // The same claim written over and over keeps one row, so write distinct claim ids.
    const rows = Array.from({ length: CLAIM_ROWS_PAGE_LIMIT + 1 }, (_, i) => ({
      claimId: `cap-${i}`,
      partition: partitionOf(claim.dateOfService),
      body,
    }));
    t.server.storage.putClaimRows(practiceId, rows);
    const page = (await (
      await claimRows(t.tokens.viewer, `?after=${before}&limit=999999`)
    ).json()) as ClaimRowsPage;
    expect(page.rows.length).toBe(CLAIM_ROWS_PAGE_LIMIT);
    expect(page.rows[0]?.rowSeq).toBe(before + 1);
    expect(page.rows.at(-1)?.rowSeq).toBe(before + CLAIM_ROWS_PAGE_LIMIT);
    expect(page.last).toBe(before + CLAIM_ROWS_PAGE_LIMIT + 1);
    const rest = (await (
      await claimRows(t.tokens.viewer, `?after=${before + CLAIM_ROWS_PAGE_LIMIT}`)
    ).json()) as ClaimRowsPage;
    expect(rest.rows.map((r) => r.claimId)).toEqual([`cap-${CLAIM_ROWS_PAGE_LIMIT}`]);
  });
});
