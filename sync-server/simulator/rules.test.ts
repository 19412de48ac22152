import { describe, expect, it } from 'vitest';
import type { SimClaim, SimLine } from './parse837p.ts';
import { adjudicate, defaultRules, denyWithoutModifier, rulesFor, type SimulatorRules } from './rules.ts';

const VALID_NPI = '2456789017';
const VALID_RENDERING = '1345678902';
const BAD_NPI = '2456789018';

function simLine(overrides: Partial<SimLine> = {}): SimLine {
  return {
    lineNumber: 1,
    procedure: '97153',
    modifiers: ['HN'],
    chargeCents: 15000,
    units: 8,
    serviceDate: '2026-11-02',
    renderingNpi: null,
    ...overrides,
  };
}

function simClaim(overrides: Partial<SimClaim> = {}): SimClaim {
  const lines = overrides.lines ?? [simLine()];
  let charge = 0;
  for (const l of lines) charge += l.chargeCents;
  return {
    transactionControlNumber: '0001',
    patientControlNumber: 'C1',
    chargeCents: charge,
    placeOfService: '12',
    frequency: '1',
    originalReference: null,
    payer: { name: 'UnitedHealthcare', id: '87726' },
    responsibility: 'P',
    filingIndicator: 'CI',
    subscriber: { last: 'Bennett', first: 'Avery', memberId: '918273645' },
    patient: { last: 'Bennett', first: 'Avery' },
    billingProvider: { name: 'Cedar Ridge Therapy Partners', npi: VALID_NPI, taxId: '742345678' },
    renderingNpi: VALID_RENDERING,
    ...overrides,
    lines,
  };
}

describe('default payer rules', () => {
  const rules = defaultRules();

  it('rejects a claim whose billing NPI fails the check digit (277CA A7:562, billing provider)', () => {
    const d = adjudicate(simClaim({ billingProvider: { name: 'X', npi: BAD_NPI, taxId: null } }), rules);
    expect(d).toEqual({
      outcome: 'rejected',
      rejection: {
        statuses: [{ category: 'A7', code: '562', entity: '85' }],
        message: 'Billing provider NPI is invalid (check digit)',
      },
    });
  });

  it('rejects a claim whose rendering NPI fails, at claim or line level (entity 82)', () => {
    const claimLevel = adjudicate(simClaim({ renderingNpi: BAD_NPI }), rules);
    const lineLevel = adjudicate(simClaim({ lines: [simLine({ renderingNpi: BAD_NPI })] }), rules);
    for (const d of [claimLevel, lineLevel]) {
      expect(d.outcome === 'rejected' && d.rejection.statuses).toEqual([
        { category: 'A7', code: '562', entity: '82' },
      ]);
    }
  });

  it('pays 80 % of each line rounded down to the cent, the rest PR-2 coinsurance, to the cent', () => {
    const d = adjudicate(
      simClaim({
        lines: [
          simLine(),
          simLine({ lineNumber: 2, procedure: '97155', modifiers: ['HO'], chargeCents: 6333 }),
        ],
      }),
      rules,
    );
    expect(d).toMatchObject({ outcome: 'adjudicated', status: '1', paidCents: 12000 + 5066 });
    if (d.outcome !== 'adjudicated') throw new Error('expected adjudication');
    expect(d.lines.map((l) => [l.paidCents, l.adjustments, l.allowedCents])).toEqual([
      [12000, [{ group: 'PR', reason: '2', amountCents: 3000 }], 15000],
      [5066, [{ group: 'PR', reason: '2', amountCents: 1267 }], 6333],
    ]);
    for (const l of d.lines) {
      let adjusted = 0;
      for (const a of l.adjustments) adjusted += a.amountCents;
      expect(l.paidCents + adjusted).toBe(l.line.chargeCents);
    }
  });

  it('denies 97155 without a modifier with CO-4 and pays the other lines', () => {
    const d = adjudicate(
      simClaim({
        lines: [simLine(), simLine({ lineNumber: 2, procedure: '97155', modifiers: [], chargeCents: 6250 })],
      }),
      rules,
    );
    if (d.outcome !== 'adjudicated') throw new Error('expected adjudication');
    expect(d.status).toBe('1');
    expect(d.lines[1]).toMatchObject({
      paidCents: 0,
      adjustments: [{ group: 'CO', reason: '4', amountCents: 6250 }],
      allowedCents: null,
    });
    expect(d.paidCents).toBe(12000);
  });

  it('denies the claim (CLP02 4) when no line is paid, and pays a secondary as 2', () => {
    const denied = adjudicate(simClaim({ lines: [simLine({ procedure: '97155', modifiers: [] })] }), rules);
    expect(denied).toMatchObject({ outcome: 'adjudicated', status: '4', paidCents: 0 });
    expect(adjudicate(simClaim({ responsibility: 'S' }), rules)).toMatchObject({ status: '2' });
    expect(adjudicate(simClaim({ responsibility: 'T' }), rules)).toMatchObject({ status: '3' });
  });

  it('always rejects a claim whose charge is not the sum of its lines (A3:400), or that has no line', () => {
    const outOfBalance = adjudicate({ ...simClaim(), chargeCents: 15001 }, rules);
    expect(outOfBalance.outcome === 'rejected' && outOfBalance.rejection.statuses).toEqual([
      { category: 'A3', code: '400' },
    ]);
    const noRules: SimulatorRules = { ...rules, rejections: [] };
    expect(adjudicate({ ...simClaim(), lines: [] }, noRules).outcome).toBe('rejected');
  });
});

describe('configured rules', () => {
  it('applies per-payer overrides and leaves other payers on the defaults', () => {
    const rules: SimulatorRules = {
      ...defaultRules(),
      byPayer: {
        '60054': { paidPercent: 100, denials: [denyWithoutModifier('97153', '4')] },
      },
    };
    const aetna = { name: 'Aetna', id: '60054' };
    const full = adjudicate(simClaim({ payer: aetna, lines: [simLine({ procedure: '97155' })] }), rules);
    expect(full).toMatchObject({ paidCents: 15000, lines: [{ adjustments: [] }] });
    const denied = adjudicate(simClaim({ payer: aetna, lines: [simLine({ modifiers: [] })] }), rules);
    expect(denied).toMatchObject({ status: '4' });
    // UnitedHealthcare keeps 80 % and the 97155 rule.
    expect(adjudicate(simClaim(), rules)).toMatchObject({ paidCents: 12000 });
  });

  it('takes a custom claim rule and a deductible instead of coinsurance', () => {
    const rules: SimulatorRules = {
      ...defaultRules(),
      patientShareReason: '1',
      paidPercent: 50,
      rejections: [
        (c) =>
          c.frequency === '7' && !c.originalReference
            ? { statuses: [{ category: 'A7', code: '464' }], message: 'Corrected claim without the original' }
            : null,
      ],
    };
    expect(adjudicate(simClaim({ frequency: '7' }), rules)).toMatchObject({ outcome: 'rejected' });
    const paid = adjudicate(simClaim(), rules);
    expect(paid).toMatchObject({
      paidCents: 7500,
      lines: [{ adjustments: [{ group: 'PR', reason: '1', amountCents: 7500 }] }],
    });
  });

  it('refuses a paid percent that is not a whole number from 0 to 100', () => {
    expect(() => rulesFor({ ...defaultRules(), paidPercent: 80.5 }, 'x')).toThrow(RangeError);
    expect(() => rulesFor({ ...defaultRules(), paidPercent: 101 }, 'x')).toThrow(RangeError);
  });
});
