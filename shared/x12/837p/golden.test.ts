import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { read837p } from './read837p.ts';
import { goldenCases } from './testInput.ts';
import { write837p } from './write837p.ts';

/*
 * Golden files: the writer's exact output for fixed synthetic input (testInput.ts), one per claim kind and
 * one mixed batch. Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run
 * shared/x12/837p/golden.test.ts`, then re-validate every file with pyx12 outside the repo (copy the
 * files to a scratch folder first: pyx12 writes a .997 beside its input):
 *   PYTHONPATH=<pyx12 checkout> python3 -m pyx12.scripts.x12valid /tmp/golden/*.x12
 *
 * pyx12 3.1.0 verdict (2026-11-23), every file: OK, and its 999 answer IK5*A / AK9*A for every set —
 *   original.x12 OK · prior-auth.x12 OK · corrected.x12 OK · void.x12 OK · secondary.x12 OK ·
 *   patient-not-subscriber.x12 OK · billing-renders.x12 OK · batch.x12 OK (3 sets accepted).
 * pyx12 checks SE/GE counts (a wrong SE01 fails) but not HL04 child codes, NPI check digits or COB
 * balancing; the write837p tests check those.
 */

const GOLDEN = new URL('./golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

describe('837P golden files', () => {
  for (const [kind, input] of Object.entries(goldenCases)) {
    it(`${kind}.x12 is the writer's output byte for byte`, () => {
      const file = new URL(`${kind}.x12`, GOLDEN);
      const { text, claimCount } = write837p(input);
      if (update) writeFileSync(file, text);
      expect(existsSync(file), `${kind}.x12 missing: run with UPDATE_GOLDEN=1`).toBe(true);
      const golden = readFileSync(file, 'utf8');
      expect(text).toBe(golden);
      // The golden reads back to its input claims.
      const read = read837p(golden).claims;
      expect(read).toHaveLength(claimCount);
      expect(read.map((c) => c.patientControlNumber).sort()).toEqual(
        input.claims.map((c) => c.claim.id).sort(),
      );
    });
  }
});
