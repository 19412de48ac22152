import { describe, expect, it } from 'vitest';
import { claimSchema } from '../domain/claim.ts';
import { generateSyntheticPractice } from '../synthetic/generateSyntheticPractice.ts';
import { assembleClaim, splitClaim } from './assembleClaim.ts';
import { factsDocName, parseDocName, partitionOf, refDocName, workDocName } from './docNames.ts';
import { factFields, workFields } from './layout.ts';

describe('document names', () => {
  it('round-trips every kind and refuses anything else', () => {
    expect(parseDocName(refDocName('p1'))).toEqual({ practiceId: 'p1', kind: 'ref', partition: null });
    expect(parseDocName(workDocName('p-1', '2026-11'))).toEqual({
      practiceId: 'p-1',
      kind: 'work',
      partition: '2026-11',
    });
    expect(parseDocName(factsDocName('p1', '2025-01'))).toEqual({
      practiceId: 'p1',
      kind: 'facts',
      partition: '2025-01',
    });
    for (const bad of [
      'p1',
      'p1:work',
      'p1:work:2026-13',
      'p1:facts:26-11',
      'p 1:ref',
      'p1:ref:2026-11',
      '',
      '../x:ref',
    ]) {
      expect(parseDocName(bad)).toBeNull();
    }
    expect(partitionOf('2026-11-05')).toBe('2026-11');
  });
});

describe('claim layout', () => {
  it('puts every claim field in exactly one place', () => {
    const all = [...workFields, ...factFields, 'postings'];
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(Object.keys(claimSchema.shape)));
  });

  it('keeps fixed fields in one value and each editable field under its own key', () => {
    const { claims } = generateSyntheticPractice({ seed: 5, claims: 1, asOf: '2026-11-22' });
    const { work } = splitClaim(claims[0]!, 1);
    expect(Object.keys(work).sort()).toEqual([
      'authorizationId',
      'diagnosisCodes',
      'fixed',
      'lines',
      'placeOfService',
      'renderingProviderId',
    ]);
  });

  it('split then assemble gives the claim back', () => {
    const { claims } = generateSyntheticPractice({ seed: 5, claims: 200, asOf: '2026-11-22' });
    for (const claim of claims) {
      const { work, facts } = splitClaim(claim, 7);
      expect(facts.seq).toBe(7);
      expect(assembleClaim(work, facts, claim.postings)).toEqual(claim);
    }
  });

  it('refuses a work record with a missing field', () => {
    const { claims } = generateSyntheticPractice({ seed: 5, claims: 1, asOf: '2026-11-22' });
    const { work, facts } = splitClaim(claims[0]!, 1);
    const noLines = { ...work };
    delete noLines.lines;
    expect(assembleClaim(noLines, facts, [])).toBeNull();
    const noFixedId = { ...work, fixed: { ...(work.fixed as object), id: undefined } };
    delete (noFixedId.fixed as Record<string, unknown>).id;
    expect(assembleClaim(noFixedId, facts, [])).toBeNull();
    expect(assembleClaim({ ...work, fixed: 'x' }, facts, [])).toBeNull();
  });
});
