import { describe, expect, it } from 'vitest';
import { goldenCases, line, originalClaim, claim as testClaim } from '../../shared/x12/837p/testInput.ts';
import { write837p } from '../../shared/x12/837p/write837p.ts';
import { X12SyntaxError } from '../../shared/x12/errors.ts';
import { thrown } from '../../shared/x12/testing/thrown.ts';
import { parse837pForSimulator } from './parse837p.ts';

const batch = write837p(goldenCases.batch).text;

describe('parse837pForSimulator', () => {
  it('reads the envelope the answers swap, and each set with its submitter and batch reference', () => {
    const parsed = parse837pForSimulator(batch);
    expect(parsed.interchange).toEqual({
      senderQualifier: 'ZZ',
      senderId: 'OA482913',
      receiverQualifier: '30',
      receiverId: '330897513',
      controlNumber: '000001001',
      usage: 'T',
    });
    expect(parsed.group).toMatchObject({
      functionalId: 'HC',
      senderCode: 'OA482913',
      receiverCode: 'OA',
      controlNumber: '2001',
      version: '005010X222A1',
      declaredCount: 3,
      errors: [],
    });
    expect(parsed.transactions.map((t) => [t.controlNumber, t.reference, t.claims.length])).toEqual([
      ['0001', 'B-GOLDEN', 5],
      ['0002', 'B-GOLDEN', 1],
      ['0003', 'B-GOLDEN', 1],
    ]);
    expect(parsed.transactions[0]!.submitter).toEqual({
      name: 'Cedar Ridge Therapy Partners',
      id: 'OA482913',
    });
    for (const t of parsed.transactions) {
      expect(t.segmentErrors).toEqual([]);
      expect(t.setErrors).toEqual([]);
    }
  });

  it('reads what the rules need per claim: NPIs, payer, frequency, lines with codes, modifiers and charges', () => {
    const claims = parse837pForSimulator(batch).transactions.flatMap((t) => t.claims);
    const original = claims.find((c) => c.patientControlNumber === 'C0GOLDEN00001')!;
    expect(original).toMatchObject({
      transactionControlNumber: '0001',
      chargeCents: 21250,
      placeOfService: '12',
      frequency: '1',
      originalReference: null,
      payer: { name: 'UnitedHealthcare', id: '87726' },
      responsibility: 'P',
      filingIndicator: 'CI',
      subscriber: { last: 'Bennett', first: 'Avery', middle: 'L', memberId: '918273645' },
      patient: { last: 'Bennett', first: 'Avery' },
      billingProvider: { name: 'Cedar Ridge Therapy Partners', npi: '2456789017', taxId: '742345678' },
      renderingNpi: '1345678902',
    });
    expect(original.lines).toEqual([
      {
        lineNumber: 1,
        procedure: '97153',
        modifiers: ['HN'],
        chargeCents: 15000,
        units: 8,
        serviceDate: '2026-11-02',
        renderingNpi: null,
      },
      {
        lineNumber: 2,
        procedure: '97155',
        modifiers: ['HO'],
        chargeCents: 6250,
        units: 2,
        serviceDate: '2026-11-02',
        renderingNpi: null,
      },
    ]);
    // Frequency 7/8 with REF*F8; the billing provider rendering (no 2310B); a dependent (2000C).
    expect(claims.find((c) => c.patientControlNumber === 'V0GOLDEN00004')).toMatchObject({
      frequency: '8',
      originalReference: '26324000017751',
    });
    expect(claims.find((c) => c.patientControlNumber === 'C0GOLDEN00007')!.renderingNpi).toBeNull();
    expect(claims.find((c) => c.patientControlNumber === 'C0GOLDEN00006')).toMatchObject({
      patient: { last: 'Alvarez', first: 'Mateo' },
      subscriber: { last: 'Alvarez', first: 'Sophia', memberId: 'W284716903' },
      payer: { id: '60054' },
    });
    // A secondary claim's 2330A/B names (other subscriber, other payer) do not replace its own.
    expect(claims.find((c) => c.patientControlNumber === 'S0GOLDEN00005')).toMatchObject({
      responsibility: 'S',
      payer: { id: 'MCDTX' },
      renderingNpi: '1345678902',
    });
  });

  it('reads a line without modifiers', () => {
    const text = write837p({
      ...goldenCases.original,
      claims: [
        {
          ...originalClaim,
          claim: testClaim({ lines: [line(1, { serviceCode: '97155', modifiers: [], chargeCents: 6250 })] }),
        },
      ],
    }).text;
    const l = parse837pForSimulator(text).transactions[0]!.claims[0]!.lines[0]!;
    expect(l).toMatchObject({ procedure: '97155', modifiers: [], chargeCents: 6250 });
  });

  it('reports syntax findings per set for the 999: counts, control numbers, bad values, missing loops', () => {
    const text = batch
      // Set 0001: SE01 off by one.
      .replace(/SE\*(\d+)\*0001/, (_, n: string) => `SE*${Number(n) + 1}*0001`)
      // Set 0002: SE02 differs from ST02, and a bad place of service and charge on its claim.
      .replace('SE*', 'SE~')
      .replace(/SE\*(\d+)\*0002/, 'SE*$1*0009')
      .replace('CLM*C0GOLDEN00006*125***12:B:1', 'CLM*C0GOLDEN00006*12X5***1:B:5')
      .replace('SE~', 'SE*')
      // Set 0003: the subscriber name is gone.
      .replace(/(SBR\*S\*18[^~]*~\n)NM1\*IL[^~]*~\n/, '$1');
    const [one, two, three] = parse837pForSimulator(text).transactions;
    expect(one!.setErrors).toEqual(['4']);
    expect(two!.setErrors).toEqual(['3']);
    expect(two!.segmentErrors).toEqual([
      {
        segmentId: 'CLM',
        position: 25,
        loop: '2300',
        code: '8',
        elements: [{ position: 2, reference: '782', code: '6', value: '12X5' }],
      },
      {
        segmentId: 'CLM',
        position: 25,
        loop: '2300',
        code: '8',
        elements: [{ position: 5, component: 1, reference: '1331', code: '7', value: '1' }],
      },
      {
        segmentId: 'CLM',
        position: 25,
        loop: '2300',
        code: '8',
        elements: [{ position: 5, component: 3, reference: '1325', code: '7', value: '5' }],
      },
    ]);
    // Set 0003 lost a segment (SE01 now wrong) and its claim its subscriber: reported at the CLM.
    expect(three!.setErrors).toEqual(['4']);
    expect(three!.segmentErrors).toEqual([{ segmentId: 'NM1', position: 18, loop: '2010BA', code: '3' }]);
  });

  it('reports group errors (GE01, GE02) and a set without SE', () => {
    const wrongGe = batch.replace('GE*3*2001', 'GE*2*2002');
    expect(parse837pForSimulator(wrongGe).group.errors).toEqual(['5', '4']);
    const noSe = batch.replace(/SE\*\d+\*0003~\n/, '');
    expect(parse837pForSimulator(noSe).transactions[2]!.setErrors).toEqual(['2']);
  });

  it('refuses a file that does not tokenize or has no functional group, naming segment and line only', () => {
    expect(thrown(() => parse837pForSimulator('hello'), X12SyntaxError).message).toMatch(
      /does not start with an ISA/,
    );
    const isaOnly = batch.split('\n')[0]!;
    expect(thrown(() => parse837pForSimulator(isaOnly), X12SyntaxError).message).toBe(
      'X12 syntax error: GS at line 1: the file has no functional group',
    );
  });
});
