import { describe, expect, it } from 'vitest';
import type { ClaimRow } from '../../../shared/sync/claimRow.ts';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { StringPool } from './stringPool.ts';

const claims = generateSyntheticPractice({ seed: 5, claims: 40, asOf: '2026-11-22' }).claims;

/** A row as JSON.parse hands it over: every string its own copy. */
function parsedRow(i: number): ClaimRow {
  const claim = claims[i]!;
  return JSON.parse(
    JSON.stringify({
      claimId: claim.id,
      partition: claim.dateOfService.slice(0, 7),
      rowSeq: i,
      claim,
      history: [],
    }),
  ) as ClaimRow;
}

describe('StringPool', () => {
  it('leaves every value as it was', () => {
    const pool = new StringPool();
    for (let i = 0; i < claims.length; i++) {
      const row = parsedRow(i);
      pool.row(row);
      expect(row.claim).toEqual(claims[i]);
    }
    expect(pool.size).toBeGreaterThan(0);
  });

  it('keeps repeated values of shared fields only, not ids or instants', () => {
    const pool = new StringPool();
    for (let i = 0; i < claims.length; i++) pool.row(parsedRow(i));
    const c = claims[0]!;
    for (const shared of [c.payerId, c.clientId, c.status, c.dateOfService, c.lines[0]!.serviceCode])
      expect(pool.has(shared), shared).toBe(true);
    // Claim ids, session ids and instants are unique: pooling them would only grow the pool.
    for (const unique of [c.id, c.sessionId!, c.createdAt]) expect(pool.has(unique), unique).toBe(false);
  });
});
