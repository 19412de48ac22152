import { describe, expect, it } from 'vitest';
import { createPrng } from '../../synthetic/prng.ts';
import { firstNames, lastNames } from '../../synthetic/syntheticNames.ts';
import { tokenize } from '../tokenize.ts';
import { formatFinding, validate837p } from '../validate837p.ts';
import { DEMO_KINDS, demo837pInput, synthesizePrimaryAdjudication } from './demoInput.ts';
import { read837p } from './read837p.ts';
import { claim as goldenClaim, line } from './testInput.ts';
import { write837p } from './write837p.ts';

const FREQUENCY = { original: '1', corrected: '7', void: '8', secondary: '1' } as const;

describe('demo837pInput', () => {
  for (const kind of DEMO_KINDS) {
    it(`${kind}: exactly N claims that the writer writes, the reader reads back and the validator passes`, () => {
      const input = demo837pInput({ claims: 40, kind, seed: 7, test: true });
      expect(input.claims).toHaveLength(40);
      const { text, claimCount } = write837p(input);
      expect(claimCount).toBe(40);
      expect(validate837p(text).findings.map(formatFinding)).toEqual([]);
      const read = read837p(text).claims;
      expect(read).toHaveLength(40);
      for (const c of read) {
        expect(c.frequency).toBe(FREQUENCY[kind]);
        if (kind === 'corrected' || kind === 'void') expect(c.originalReference).toMatch(/^26\d{12}$/);
        else expect(c.originalReference).toBeNull();
      }
      expect(new Set(read.map((c) => c.patientControlNumber)).size).toBe(40);
      expect(tokenize(text).segments[0]!.elements[15]).toBe('T');
    });
  }

  it('is deterministic by seed: same options, same bytes; another seed, other claims', () => {
    const a = write837p(demo837pInput({ claims: 25, kind: 'secondary', seed: 11, test: false })).text;
    const b = write837p(demo837pInput({ claims: 25, kind: 'secondary', seed: 11, test: false })).text;
    const c = write837p(demo837pInput({ claims: 25, kind: 'secondary', seed: 12, test: false })).text;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(tokenize(a).segments[0]!.elements[15]).toBe('P');
  });

  it('secondary claims bill the client’s secondary payer and carry the primary’s adjudication', () => {
    const input = demo837pInput({ claims: 30, kind: 'secondary', seed: 3, test: true });
    for (const c of input.claims) {
      expect(c.claim.policyRank).toBe(2);
      expect(c.client.policies.find((p) => p.rank === 2)?.payerId).toBe(c.payer.id);
      const [primary] = c.otherPayers ?? [];
      expect(primary?.rank).toBe(1);
      expect(c.client.policies.find((p) => p.rank === 1)?.payerId).toBe(primary?.payer.id);
      const adjudication = primary?.adjudication;
      expect(adjudication?.lines.map((l) => l.lineNo)).toEqual(c.claim.lines.map((l) => l.lineNo));
    }
  });

  it('names come from the synthetic word lists only', () => {
    const input = demo837pInput({ claims: 50, kind: 'original', seed: 5, test: true });
    const firsts = new Set<string>(firstNames);
    const lasts = new Set<string>(lastNames);
    for (const { client } of input.claims) {
      expect(lasts.has(client.name.last), client.name.last).toBe(true);
      expect(firsts.has(client.name.first), client.name.first).toBe(true);
    }
  });

  it('refuses a count outside 1…100000 and a non-integer seed', () => {
    expect(() => demo837pInput({ claims: 0, kind: 'original', seed: 1, test: true })).toThrow(RangeError);
    expect(() => demo837pInput({ claims: 100_001, kind: 'original', seed: 1, test: true })).toThrow(
      RangeError,
    );
    expect(() => demo837pInput({ claims: 1, kind: 'original', seed: 1.5, test: true })).toThrow(RangeError);
  });
});

describe('synthesizePrimaryAdjudication', () => {
  it('balances: paid + adjustments = billed on every line and on the claim', () => {
    const prng = createPrng(9, 'test');
    for (let i = 0; i < 200; i++) {
      const claim = goldenClaim({
        lines: [
          line(1, { chargeCents: 1 + prng.int(0, 90_000) }),
          line(2, { chargeCents: 1 + prng.int(0, 90_000) }),
          line(3, { chargeCents: 1 }),
        ],
      });
      const a = synthesizePrimaryAdjudication(
        prng,
        claim,
        'py-uhc',
        '2026-11-20T12:00:00Z',
        '26324000000001',
      );
      const sum = (xs: { amountCents: number }[]) => xs.reduce((s, x) => s + x.amountCents, 0);
      for (const [n, l] of a.lines.entries()) {
        expect(l.paidCents + sum(l.adjustments)).toBe(claim.lines[n]!.chargeCents);
        for (const adj of l.adjustments) expect(adj.amountCents).toBeGreaterThanOrEqual(0);
        expect(l.paidCents).toBeGreaterThanOrEqual(0);
      }
      expect(a.paidCents + sum(a.adjustments)).toBe(claim.lines.reduce((s, l) => s + l.chargeCents, 0));
      expect(a.adjustments.every((x) => x.group === 'CO' || x.group === 'PR')).toBe(true);
    }
  });
});
