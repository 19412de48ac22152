import { describe, expect, it } from 'vitest';
import { x12DecimalToCents } from '../decimal.ts';
import { X12WriteError } from '../errors.ts';
import { thrown } from '../testing/thrown.ts';
import { element, tokenize, type X12Segment } from '../tokenize.ts';
import { fileName } from './fileName.ts';
import { read837p } from './read837p.ts';
import {
  adult,
  billingRendersClaim,
  claim,
  correctedClaim,
  dependentClaim,
  envelope,
  line,
  medicaid,
  originalClaim,
  practice,
  primaryAdjudication,
  priorAuthClaim,
  rbt,
  secondaryClaim,
  uhc,
  voidClaim,
} from './testInput.ts';
import { type Claim837PInput, write837p } from './write837p.ts';

function segments(text: string): X12Segment[] {
  return tokenize(text).segments;
}

function ids(segs: readonly X12Segment[]): string {
  return segs
    .map((s) => (s.id === 'NM1' || s.id === 'REF' || s.id === 'DTP' ? `${s.id}*${s.elements[1]}` : s.id))
    .join(' ');
}

/** The segments of the first claim: CLM up to the next CLM, HL or SE. */
function claimSegments(segs: readonly X12Segment[], pcn?: string): X12Segment[] {
  const start = segs.findIndex((s) => s.id === 'CLM' && (pcn === undefined || s.elements[1] === pcn));
  expect(start).toBeGreaterThanOrEqual(0);
  let end = start + 1;
  while (end < segs.length && !['CLM', 'HL', 'SE'].includes(segs[end]!.id)) end++;
  return segs.slice(start, end);
}

const writeError = (fn: () => unknown) => thrown(fn, X12WriteError);

describe('write837p envelope (Office Ally)', () => {
  it('writes ISA/GS/1000A/1000B per the companion guide', () => {
    const { text } = write837p(envelope([originalClaim]));
    const segs = segments(text);
    const isa = segs[0]!;
    expect(element(isa, 5)).toBe('ZZ');
    expect(element(isa, 6)).toBe('OA482913       ');
    expect(element(isa, 7)).toBe('30');
    expect(element(isa, 8)).toBe('330897513      ');
    expect(element(isa, 13)).toBe('000001001');
    expect(element(isa, 15)).toBe('T');
    expect(segs[1]!.elements).toEqual([
      'GS',
      'HC',
      'OA482913',
      'OA',
      '20261123',
      '1504',
      '2001',
      'X',
      '005010X222A1',
    ]);
    expect(text).toContain('~\nNM1*40*2*OFFICE ALLY*****46*330897513~\n');
    expect(text).toContain(
      '~\nNM1*41*2*Cedar Ridge Therapy Partners*****46*OA482913~\nPER*IC*Billing Office*TE*5125550142~\n',
    );
    expect(text).toContain('~\nBHT*0019*00*B-GOLDEN*20261123*1504*CH~\n');
    expect(segs.at(-1)!.elements).toEqual(['IEA', '1', '000001001']);
  });

  it('takes GS03 = 330897513, production usage and other delimiters when asked', () => {
    const input = {
      ...envelope([originalClaim]),
      receiver: { gsCode: '330897513' },
      usage: 'P' as const,
      lineBreaks: false,
      delimiters: { element: '|', component: '>', segment: '\\' },
    };
    const { text } = write837p(input);
    expect(text).not.toContain('\n');
    const { segments: segs, delimiters } = tokenize(text);
    expect(delimiters).toMatchObject({ element: '|', component: '>', segment: '\\' });
    expect(element(segs[0]!, 15)).toBe('P');
    expect(element(segs[1]!, 3)).toBe('330897513');
    expect(read837p(text).claims[0]).toMatchObject({ frequency: '1', chargeCents: 21250 });
  });

  it('names files with 837P, and OATEST in test mode', () => {
    const at = '2026-11-22T14:05:09Z';
    expect(fileName({ practiceId: 'pr-1', batchId: 'b:9.x', testMode: true, at })).toBe(
      'pr-1_b-9-x_20261122140509_837P_OATEST.x12',
    );
    expect(fileName({ practiceId: 'pr-1', batchId: 'b-9', testMode: false, at })).toBe(
      'pr-1_b-9_20261122140509_837P.x12',
    );
  });
});

describe('write837p claim kinds round-trip through read837p', () => {
  it('original: CLM05-3 = 1, no REF*F8, lines with SV1 and DTP*472, rendering provider 2310B', () => {
    const { text, claimCount, stCount } = write837p(envelope([originalClaim]));
    expect([claimCount, stCount]).toEqual([1, 1]);
    expect(read837p(text).claims).toEqual([
      {
        patientControlNumber: 'C0GOLDEN00001',
        frequency: '1',
        originalReference: null,
        chargeCents: 21250,
        lineCount: 2,
        payerId: '87726',
      },
    ]);
    const c = claimSegments(segments(text));
    expect(ids(c)).toBe('CLM HI NM1*82 PRV LX SV1 DTP*472 LX SV1 DTP*472');
    expect(c[0]!.elements).toEqual(['CLM', 'C0GOLDEN00001', '212.5', '', '', '12:B:1', 'Y', 'A', 'Y', 'Y']);
    expect(c[1]!.elements).toEqual(['HI', 'ABK:F840', 'ABF:F902']);
    expect(c[2]!.elements).toEqual(['NM1', '82', '1', 'Castillo', 'Riley', '', '', '', 'XX', rbt.npi]);
    expect(c[5]!.elements).toEqual(['SV1', 'HC:97153:HN', '150', 'UN', '8', '', '', '1']);
    expect(c[6]!.elements).toEqual(['DTP', '472', 'D8', '20261102']);
  });

  it('prior authorization: REF*G1 in 2300', () => {
    const { text } = write837p(envelope([priorAuthClaim]));
    const c = claimSegments(segments(text));
    expect(c[1]!.elements).toEqual(['REF', 'G1', 'UHC-PA-5521903']);
    expect(read837p(text).claims[0]).toMatchObject({ frequency: '1', originalReference: null });
  });

  it('corrected (7) and void (8) carry REF*F8 with the payer claim control number', () => {
    for (const [input, frequency, cents, lines] of [
      [correctedClaim, '7', 11250, 1],
      [voidClaim, '8', 21250, 2],
    ] as const) {
      const { text } = write837p(envelope([input]));
      expect(read837p(text).claims).toEqual([
        {
          patientControlNumber: input.claim.id,
          frequency,
          originalReference: '26324000017751',
          chargeCents: cents,
          lineCount: lines,
          payerId: '87726',
        },
      ]);
      expect(ids(claimSegments(segments(text)).slice(0, 3))).toBe('CLM REF*F8 HI');
    }
  });

  it('patient ≠ subscriber: 2000C under 2000B with PAT, SBR02 empty, HL04 of the subscriber = 1', () => {
    const { text } = write837p(envelope([dependentClaim]));
    const segs = segments(text);
    const hls = segs.filter((s) => s.id === 'HL').map((s) => s.elements.slice(1));
    expect(hls).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '1'],
      ['3', '2', '23', '0'],
    ]);
    expect(segs.find((s) => s.id === 'SBR')!.elements).toEqual([
      'SBR',
      'P',
      '',
      '8839201',
      '',
      '',
      '',
      '',
      '',
      'CI',
    ]);
    const subscriber = segs.find((s) => s.id === 'NM1' && s.elements[1] === 'IL')!;
    expect(subscriber.elements.slice(3, 5)).toEqual(['Alvarez', 'Sophia']);
    const hl3 = segs.findIndex((s) => s.id === 'HL' && s.elements[1] === '3');
    expect(ids(segs.slice(hl3, hl3 + 7))).toBe('HL PAT NM1*QC N3 N4 DMG CLM');
    expect(segs[hl3 + 1]!.elements).toEqual(['PAT', '19']);
    expect(segs[hl3 + 2]!.elements).toEqual(['NM1', 'QC', '1', 'Alvarez', 'Mateo']);
    // The payer comes from the parent (subscriber) HL's 2010BB.
    expect(read837p(text).claims[0]).toMatchObject({
      patientControlNumber: 'C0GOLDEN00006',
      payerId: '60054',
    });
  });

  it('rendering provider = billing provider: no 2310B', () => {
    const { text } = write837p(envelope([billingRendersClaim]));
    const c = claimSegments(segments(text));
    expect(c.some((s) => s.id === 'NM1' && s.elements[1] === '82')).toBe(false);
    expect(read837p(text).claims[0]!.lineCount).toBe(2);
  });

  it("secondary: SBR*S, 2320 with the primary's CAS and AMT*D, 2330A/B, 2430 per line; COB balances", () => {
    const { text } = write837p(envelope([secondaryClaim]));
    const segs = segments(text);
    expect(segs.find((s) => s.id === 'SBR')!.elements).toEqual([
      'SBR',
      'S',
      '18',
      '',
      '',
      '',
      '',
      '',
      '',
      'MC',
    ]);
    const c = claimSegments(segs);
    expect(ids(c)).toBe(
      'CLM HI NM1*82 PRV SBR CAS AMT AMT OI NM1*IL NM1*PR ' +
        'LX SV1 DTP*472 SVD CAS CAS DTP*573 LX SV1 DTP*472 SVD CAS CAS DTP*573',
    );
    const at = (i: number) => c[i]!.elements;
    expect(at(4)).toEqual(['SBR', 'P', '18', '70412', '', '', '', '', '', 'CI']);
    expect(at(5)).toEqual(['CAS', 'CO', '253', '2.1']);
    expect(at(6)).toEqual(['AMT', 'D', '133.9']);
    expect(at(7)).toEqual(['AMT', 'EAF', '34']);
    expect(at(8)).toEqual(['OI', '', '', 'Y', '', '', 'Y']);
    expect(at(9)).toEqual(['NM1', 'IL', '1', 'Bennett', 'Avery', 'L', '', '', 'MI', '918273645']);
    expect(at(10)).toEqual(['NM1', 'PR', '2', 'UnitedHealthcare', '', '', '', '', 'PI', '87726']);
    expect(at(14)).toEqual(['SVD', '87726', '96', 'HC:97153:HN', '', '8']);
    expect(at(15)).toEqual(['CAS', 'CO', '45', '30']);
    expect(at(16)).toEqual(['CAS', 'PR', '2', '24']);
    expect(at(17)).toEqual(['DTP', '573', 'D8', '20261120']);

    // CLM02 = AMT*D + 2320 CAS + every 2430 CAS, and each SV102 = SVD02 + its CAS.
    const cents = (s: string) => x12DecimalToCents(s)!;
    const casSum = (s: X12Segment) => cents(s.elements[3]!) + cents(s.elements[6] ?? '0');
    const firstLx = c.findIndex((s) => s.id === 'LX');
    const claimCas = c.slice(0, firstLx).filter((s) => s.id === 'CAS');
    const lineCas = c.slice(firstLx).filter((s) => s.id === 'CAS');
    const total = cents(at(6)[2]!) + [...claimCas, ...lineCas].reduce((n, s) => n + casSum(s), 0);
    expect(total).toBe(cents(at(0)[2]!));
    expect(cents('96') + cents('30') + cents('24')).toBe(15000);

    // The 2330B NM1*PR is not mistaken for the claim's payer, nor the 2320 SBR for a line.
    expect(read837p(text).claims).toEqual([
      {
        patientControlNumber: 'S0GOLDEN00005',
        frequency: '1',
        originalReference: null,
        chargeCents: 21250,
        lineCount: 2,
        payerId: 'MCDTX',
      },
    ]);
  });

  it('secondary without line adjudication: all CAS in 2320 and the remittance date in 2330B', () => {
    const adjudication = { ...primaryAdjudication, lines: [] };
    const input = { ...secondaryClaim, otherPayers: [{ rank: 1 as const, payer: uhc, adjudication }] };
    const c = claimSegments(segments(write837p(envelope([input])).text));
    expect(ids(c)).toBe(
      'CLM HI NM1*82 PRV SBR CAS CAS AMT AMT OI NM1*IL NM1*PR DTP*573 LX SV1 DTP*472 LX SV1 DTP*472',
    );
    expect(c[5]!.elements).toEqual(['CAS', 'CO', '45', '42.5', '', '253', '2.1']);
    expect(c[6]!.elements).toEqual(['CAS', 'PR', '2', '34']);
  });

  it('puts more than 6 reasons of one group in a second CAS, and refuses more than 5 CAS', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({
      group: 'OA' as const,
      reason: String(100 + i),
      amountCents: 1,
    }));
    const adjudication = { ...primaryAdjudication, lines: [], adjustments: many };
    const input = { ...secondaryClaim, otherPayers: [{ rank: 1 as const, payer: uhc, adjudication }] };
    const cas = claimSegments(segments(write837p(envelope([input])).text)).filter((s) => s.id === 'CAS');
    expect(cas.map((s) => s.elements.length)).toEqual([1 + 1 + 6 * 3 - 1, 1 + 1 + 2 * 3 - 1]);
    const tooMany = Array.from({ length: 31 }, (_, i) => ({
      group: 'CO' as const,
      reason: String(i + 1),
      amountCents: 1,
    }));
    const refused = {
      ...input,
      otherPayers: [
        { rank: 1 as const, payer: uhc, adjudication: { ...adjudication, adjustments: tooMany } },
      ],
    };
    expect(writeError(() => write837p(envelope([refused]))).segmentId).toBe('CAS');
  });

  it('a primary claim may list the secondary payer as another payer (2320 without adjudication)', () => {
    const input: Claim837PInput = { ...originalClaim, otherPayers: [{ rank: 2, payer: medicaid }] };
    const c = claimSegments(segments(write837p(envelope([input])).text));
    expect(ids(c.slice(4, 8))).toBe('SBR OI NM1*IL NM1*PR');
    expect(c[4]!.elements).toEqual(['SBR', 'S', '18', '', '', '', '', '', '', 'MC']);
  });
});

describe('write837p sets and HLs', () => {
  it('writes one set per payer, claims of one client and policy under one subscriber HL', () => {
    const result = write837p(
      envelope([originalClaim, dependentClaim, priorAuthClaim, secondaryClaim, correctedClaim, voidClaim]),
    );
    expect(result.stCount).toBe(3);
    expect(result.claimCount).toBe(6);
    expect(result.transactions).toEqual([
      {
        controlNumber: '0001',
        payerId: '87726',
        claimIds: ['C0GOLDEN00001', 'C0GOLDEN00002', 'R0GOLDEN00003', 'V0GOLDEN00004'],
      },
      { controlNumber: '0002', payerId: '60054', claimIds: ['C0GOLDEN00006'] },
      { controlNumber: '0003', payerId: 'MCDTX', claimIds: ['S0GOLDEN00005'] },
    ]);
    const read = read837p(result.text).claims;
    expect(read.map((c) => c.patientControlNumber)).toEqual(result.transactions.flatMap((t) => t.claimIds));
    expect(read.map((c) => c.payerId)).toEqual(['87726', '87726', '87726', '87726', '60054', 'MCDTX']);
    const segs = segments(result.text);
    expect(segs.filter((s) => s.id === 'HL' && s.elements[3] === '22')).toHaveLength(3);
    expect(element(segs.find((s) => s.id === 'GE')!, 1)).toBe('3');
  });

  it('cuts a payer’s claims into sets of maxClaimsPerTransaction', () => {
    const claims = Array.from({ length: 7 }, (_, i) => ({
      ...originalClaim,
      claim: claim({ id: `C0SPLIT${String(i).padStart(5, '0')}` }),
    }));
    const result = write837p({ ...envelope(claims), maxClaimsPerTransaction: 3 });
    expect(result.transactions.map((t) => t.claimIds.length)).toEqual([3, 3, 1]);
    expect(result.transactions.map((t) => t.controlNumber)).toEqual(['0001', '0002', '0003']);
    const segs = segments(result.text);
    expect(segs.filter((s) => s.id === 'ST').map((s) => s.elements[2])).toEqual(['0001', '0002', '0003']);
    expect(read837p(result.text).claims).toHaveLength(7);
    expect(() => write837p({ ...envelope(claims), maxClaimsPerTransaction: 5001 })).toThrow(X12WriteError);
  });

  it('starts a new subscriber HL after 100 claims', () => {
    const claims = Array.from({ length: 205 }, (_, i) => ({
      ...originalClaim,
      claim: claim({ id: `C0MANY${String(i).padStart(6, '0')}` }),
    }));
    const segs = segments(write837p(envelope(claims)).text);
    const hls = segs.filter((s) => s.id === 'HL').map((s) => s.elements.slice(1));
    expect(hls).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '0'],
      ['3', '1', '22', '0'],
      ['4', '1', '22', '0'],
    ]);
    const perHl: number[] = [];
    for (const s of segs) {
      if (s.id === 'HL' && s.elements[3] === '22') perHl.push(0);
      if (s.id === 'CLM') perHl[perHl.length - 1]!++;
    }
    expect(perHl).toEqual([100, 100, 5]);
  });
});

describe('write837p refuses bad input, naming the claim by position only', () => {
  it('corrected or void without the payer claim control number', () => {
    const input = { ...originalClaim, claim: claim({ frequency: '7', originalReference: null }) };
    const e = writeError(() => write837p(envelope([originalClaim, input])));
    expect(e.message).toBe(
      'X12 write error: REF02: claims[1]: a corrected or void claim needs the payer claim control number (REF*F8)',
    );
  });

  it("a secondary claim without the primary's adjudication", () => {
    expect(() => write837p(envelope([{ ...secondaryClaim, otherPayers: [] }]))).toThrow(
      /rank-1 payer's adjudication/,
    );
    const noPosting = { ...secondaryClaim, otherPayers: [{ rank: 1 as const, payer: uhc }] };
    expect(() => write837p(envelope([noPosting]))).toThrow(X12WriteError);
  });

  it('a payer or client that does not match the claim, or another payer on the wrong policy', () => {
    expect(() => write837p(envelope([{ ...originalClaim, payer: medicaid }]))).toThrow(
      /not the claim's payer/,
    );
    const wrongPolicy = { ...originalClaim, claim: claim({ payerId: medicaid.id }), payer: medicaid };
    expect(() => write837p(envelope([wrongPolicy]))).toThrow(/no policy of this rank/);
    const wrongOther = {
      ...secondaryClaim,
      otherPayers: [{ rank: 1 as const, payer: medicaid, adjudication: primaryAdjudication }],
    };
    expect(() => write837p(envelope([wrongOther]))).toThrow(/not the payer of the client policy/);
    const sameRank = { ...secondaryClaim, otherPayers: [{ rank: 2 as const, payer: medicaid }] };
    expect(() => write837p(envelope([sameRank]))).toThrow(/distinct ranks/);
  });

  it('a name holding a delimiter, without echoing it; accents are folded to ASCII', () => {
    const starred = { ...adult, name: { last: 'Ben*nett', first: 'Avery' } };
    const e = writeError(() => write837p(envelope([{ ...originalClaim, client: starred }])));
    expect(e.message).not.toContain('Ben');
    expect(e.element).toBe(3);
    const accented = { ...adult, name: { last: 'Núñez', first: 'Zoë' } };
    const { text } = write837p(envelope([{ ...originalClaim, client: accented }]));
    expect(text).toContain('NM1*IL*1*Nunez*Zoe*');
  });

  it('an empty batch, a claim ID over 20 characters, a bad file time', () => {
    expect(() => write837p(envelope([]))).toThrow(X12WriteError);
    const long = { ...originalClaim, claim: claim({ id: 'C'.repeat(21) }) };
    expect(writeError(() => write837p(envelope([long]))).segmentId).toBe('CLM');
    expect(() => write837p({ ...envelope([originalClaim]), at: '2026-11-23 15:04' })).toThrow(X12WriteError);
  });

  it('a submitter without phone or email, or a malformed phone', () => {
    const base = envelope([originalClaim]);
    expect(() => write837p({ ...base, submitter: { contactName: 'Billing' } })).toThrow(/phone or an email/);
    expect(() => write837p({ ...base, submitter: { contactName: 'Billing', phone: '555-0142' } })).toThrow(
      /10 digits/,
    );
    const email = write837p({
      ...base,
      submitter: { contactName: 'Billing', email: 'billing@example.test' },
    });
    expect(email.text).toContain('PER*IC*Billing*EM*billing@example.test~');
  });

  it('keeps the line order and numbers LX from 1 even when line numbers skip', () => {
    const lines = [line(3), line(7, { serviceCode: '97155', chargeCents: 100 })];
    const { text } = write837p(envelope([{ ...originalClaim, claim: claim({ lines }) }]));
    const lx = segments(text)
      .filter((s) => s.id === 'LX')
      .map((s) => s.elements[1]);
    expect(lx).toEqual(['1', '2']);
    expect(read837p(text).claims[0]).toMatchObject({ chargeCents: 15100, lineCount: 2 });
    expect(practice.billingProvider.npi).not.toBe(rbt.npi);
  });
});
