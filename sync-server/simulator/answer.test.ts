import { describe, expect, it } from 'vitest';
import {
  claim,
  dependentClaim,
  envelope,
  line,
  originalClaim,
  rbt,
  secondaryClaim,
  voidClaim,
} from '../../shared/x12/837p/testInput.ts';
import { write837p } from '../../shared/x12/837p/write837p.ts';
import { envelopeProblems } from '../../shared/x12/ack/envelopeCheck.ts';
import { x12DecimalToCents } from '../../shared/x12/decimal.ts';
import { detectX12 } from '../../shared/x12/detect.ts';
import { components, tokenize } from '../../shared/x12/tokenize.ts';
import { answer837p } from './answer.ts';
import { parse837pForSimulator } from './parse837p.ts';
import { defaultRules } from './rules.ts';

const FILE_ID = 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12';
const AT = '2026-11-24T10:00:00Z';

/** The golden claims plus: a 97155 line without modifier, an all-denied claim, a bad rendering NPI. */
const mixed = envelope([
  originalClaim,
  {
    ...originalClaim,
    claim: claim({
      id: 'C0NOMOD00009',
      lines: [line(1), line(2, { serviceCode: '97155', modifiers: [], units: 2, chargeCents: 6333 })],
    }),
  },
  {
    ...originalClaim,
    claim: claim({
      id: 'C0ALLDENY010',
      lines: [line(1, { serviceCode: '97155', modifiers: [], chargeCents: 6333 })],
    }),
  },
  { ...originalClaim, claim: claim({ id: 'C0BADRND011' }), renderingProvider: { ...rbt, npi: '1345678901' } },
  voidClaim,
  dependentClaim,
  secondaryClaim,
]);

function answer(text: string) {
  let n = 500;
  return answer837p(parse837pForSimulator(text), {
    rules: defaultRules(),
    at: AT,
    nextControlNumber: () => n++,
    fileId: FILE_ID,
  });
}

describe('answer837p', () => {
  const text = write837p(mixed).text;
  const result = answer(text);

  it('writes a 999, a 277CA and an 835 that tokenize, count right and are what they say', () => {
    expect(detectX12(result.ack999.text).kind).toBe('999');
    expect(detectX12(result.ack277ca!.text).kind).toBe('277CA');
    expect(detectX12(result.remit835!.text).kind).toBe('835');
    for (const t of [result.ack999.text, result.ack277ca!.text, result.remit835!.text]) {
      expect(envelopeProblems(t)).toEqual([]);
    }
    // The 837's sender and receiver, swapped; each file its own control number.
    const isa = (t: string) => tokenize(t).segments[0]!.elements;
    expect(
      isa(result.ack999.text)
        .slice(5, 9)
        .map((s) => s.trim()),
    ).toEqual(['30', '330897513', 'ZZ', 'OA482913']);
    expect([result.ack999.text, result.ack277ca!.text, result.remit835!.text].map((t) => isa(t)[13])).toEqual(
      ['000000500', '000000501', '000000502'],
    );
  });

  it('accepts every set in the 999 and names the 837 group', () => {
    expect(result.ack999.groupStatus).toBe('A');
    const ak1 = tokenize(result.ack999.text).segments.find((s) => s.id === 'AK1')!;
    expect(ak1.elements).toEqual(['AK1', 'HC', '2001', '005010X222A1']);
  });

  it('answers each claim per the rules, with a payer claim control number for the accepted ones', () => {
    const byPcn = new Map(result.claims.map((c) => [c.patientControlNumber, c]));
    expect(byPcn.get('C0GOLDEN00001')).toMatchObject({
      outcome: 'adjudicated',
      statusCodes: ['A2:20'],
      remit: { status: '1', paidCents: 17000 },
    });
    expect(byPcn.get('C0GOLDEN00001')!.payerClaimControlNumber).toMatch(/^SIMAB12CD34\d{5}$/);
    expect(byPcn.get('C0NOMOD00009')!.remit).toEqual({ status: '1', paidCents: 12000 });
    expect(byPcn.get('C0ALLDENY010')!.remit).toEqual({ status: '4', paidCents: 0 });
    expect(byPcn.get('C0BADRND011')).toMatchObject({
      outcome: 'rejected',
      statusCodes: ['A7:562:82'],
      payerClaimControlNumber: null,
      remit: null,
    });
    // A void is acknowledged but not remitted; a secondary is paid as secondary.
    expect(byPcn.get('V0GOLDEN00004')).toMatchObject({ outcome: 'adjudicated', remit: null });
    expect(byPcn.get('S0GOLDEN00005')!.remit).toEqual({ status: '2', paidCents: 17000 });
  });

  it('puts the same decisions in the 277CA (STC per TRN) and the 835 (CLP per claim)', () => {
    const segs = tokenize(result.ack277ca!.text).segments;
    const { delimiters } = tokenize(result.ack277ca!.text);
    const stcOf = (pcn: string) => {
      const i = segs.findIndex((s) => s.id === 'TRN' && s.elements[2] === pcn);
      return segs[i + 1]!;
    };
    expect(components(stcOf('C0BADRND011').elements[1]!, delimiters)).toEqual(['A7', '562', '82']);
    expect(stcOf('C0BADRND011').elements[3]).toBe('U');
    expect(components(stcOf('C0GOLDEN00001').elements[1]!, delimiters)).toEqual(['A2', '20']);
    // One information source per payer.
    expect(segs.filter((s) => s.id === 'NM1' && s.elements[1] === 'PR').map((s) => s.elements[9])).toEqual([
      '87726',
      '60054',
      'MCDTX',
    ]);

    const remit = tokenize(result.remit835!.text).segments;
    const clp = remit.filter((s) => s.id === 'CLP').map((s) => [s.elements[1], s.elements[2], s.elements[4]]);
    expect(clp).toEqual([
      ['C0GOLDEN00001', '1', '170'],
      ['C0NOMOD00009', '1', '120'],
      ['C0ALLDENY010', '4', '0'],
      ['C0GOLDEN00006', '1', '100'],
      ['S0GOLDEN00005', '2', '170'],
    ]);
    // CLP06 from SBR09: commercial (CI) has no 835 code, Medicaid keeps MC.
    expect(remit.filter((s) => s.id === 'CLP').map((s) => s.elements[6])).toEqual([
      '12',
      '12',
      '12',
      '12',
      'MC',
    ]);
    // Each payment's BPR02 is its claims' payments.
    let paid = 0;
    const totals: number[] = [];
    for (const s of remit) {
      if (s.id === 'ST') paid = 0;
      if (s.id === 'CLP') paid += x12DecimalToCents(s.elements[4]!)!;
      if (s.id === 'SE') totals.push(paid);
    }
    expect(totals).toEqual(result.remit835!.totals);
    expect(totals).toEqual([17000 + 12000, 10000, 17000]);
  });

  it('answers a set with a syntax error with IK5 R and leaves its claims out of the 277CA and 835', () => {
    const broken = write837p(envelope([originalClaim, dependentClaim])).text.replace(
      /SE\*(\d+)\*0002/,
      (_, n: string) => `SE*${Number(n) + 1}*0002`,
    );
    const r = answer(broken);
    expect(r.ack999.groupStatus).toBe('P');
    const ik5 = tokenize(r.ack999.text).segments.filter((s) => s.id === 'IK5');
    expect(ik5.map((s) => s.elements.slice(1))).toEqual([['A'], ['R', '4']]);
    expect(r.claims.map((c) => [c.patientControlNumber, c.outcome])).toEqual([
      ['C0GOLDEN00001', 'adjudicated'],
      ['C0GOLDEN00006', 'set_rejected'],
    ]);
    expect(r.ack277ca!.text).not.toContain('C0GOLDEN00006');
    expect(r.remit835!.text).not.toContain('C0GOLDEN00006');
  });

  it('sends no 277CA or 835 when the whole group is rejected, and no 835 when every claim is rejected', () => {
    const groupBroken = write837p(envelope([originalClaim])).text.replace('GE*1*2001', 'GE*1*2002');
    const r = answer(groupBroken);
    expect(r.ack999.groupStatus).toBe('R');
    expect(r.ack277ca).toBeNull();
    expect(r.remit835).toBeNull();
    const allRejected = answer(
      write837p(envelope([{ ...originalClaim, renderingProvider: { ...rbt, npi: '1345678901' } }])).text,
    );
    expect(allRejected.ack277ca).not.toBeNull();
    expect(allRejected.remit835).toBeNull();
  });
});
