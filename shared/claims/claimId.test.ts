import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimSchema } from '../domain/claim.ts';
import { hashBase32 } from '../util/hash.ts';
import { claimIdFor, correctedClaimId, secondaryClaimId, voidClaimId } from './claimId.ts';

const idShape = claimSchema.shape.id;

describe('claim ids', () => {
  it('are C + 12 base-32 characters of the practice and session, as hashBase32 gives them', () => {
    const id = claimIdFor('pr-1', 'ses-42');
    expect(id).toBe(`C${hashBase32('pr-1/ses-42', 12)}`);
    expect(id).toMatch(/^C[0-9A-Z]{12}$/);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(9), (practice, session, n) => {
        const original = claimIdFor(practice, session);
        expect(original).toBe(`C${hashBase32(`${practice}/${session}`, 12)}`);
        expect(correctedClaimId(original, n)).toBe(`R${hashBase32(`${original}/corrected/${n}`, 12)}`);
        expect(voidClaimId(original)).toBe(`V${hashBase32(`${original}/void`, 12)}`);
        expect(secondaryClaimId(original)).toBe(`S${hashBase32(`${original}/secondary`, 12)}`);
      }),
    );
  });

  it('are the same for the same inputs and valid patient control numbers for any inputs', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.nat(20),
        (practice, session, n) => {
          const id = claimIdFor(practice, session);
          expect(claimIdFor(practice, session)).toBe(id);
          for (const derived of [id, correctedClaimId(id, n), voidClaimId(id), secondaryClaimId(id)]) {
            expect(derived).toMatch(/^[A-Z0-9]{1,20}$/);
            expect(idShape.safeParse(derived).success).toBe(true);
          }
        },
      ),
    );
  });

  it('differ between sessions, practices and derived kinds', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) ids.add(claimIdFor('pr-1', `ses-${i}`));
    for (let i = 0; i < 5000; i++) ids.add(claimIdFor('pr-2', `ses-${i}`));
    expect(ids.size).toBe(10000);
    const original = claimIdFor('pr-1', 'ses-1');
    const derived = [
      correctedClaimId(original, 1),
      correctedClaimId(original, 2),
      voidClaimId(original),
      secondaryClaimId(original),
    ];
    expect(new Set([original, ...derived]).size).toBe(5);
    expect(derived.map((d) => d[0])).toEqual(['R', 'R', 'V', 'S']);
    expect(correctedClaimId(original, 1)).toBe(correctedClaimId(original, 1));
  });
});
