import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { X12SyntaxError } from '../errors.ts';
import { thrown } from '../testing/thrown.ts';
import { read277ca } from './read277ca.ts';
import { claims277ca } from './testInput.ts';
import {
  type Ack277CAClaim,
  type Ack277CAProvider,
  type Ack277CASource,
  type ClaimStatusCode,
  type Write277CAInput,
  write277ca,
} from './write277ca.ts';

/** Rejected when the first status's category is one of these (written out here, not imported). */
const REJECTING = ['A3', 'A4', 'A6', 'A7', 'A8'];

const composite = (s: ClaimStatusCode) =>
  s.entity === undefined ? `${s.category}:${s.code}` : `${s.category}:${s.code}:${s.entity}`;

/** What read277ca must give for what write277ca wrote. */
function expectedFrom(input: Write277CAInput) {
  const claims = input.sources.flatMap((source) =>
    source.providers.flatMap((provider) =>
      provider.claims.map((c) => ({
        patientControlNumber: c.patientControlNumber,
        status: REJECTING.includes(c.statuses[0]!.category) ? 'rejected' : 'accepted',
        statuses: c.statuses.map((s) => ({ ...s })),
        statusCodes: c.statuses.map(composite),
        payerClaimControlNumber: c.payerClaimControlNumber ?? null,
        clearinghouseTraceNumber: c.clearinghouseClaimId ?? null,
        message: c.message ? c.message : null,
        chargeCents: c.chargeCents,
        statusDate: source.processedDate,
        serviceFrom: c.serviceFrom,
        serviceTo: c.serviceTo ?? c.serviceFrom,
        patient: { last: c.patient.last, first: c.patient.first, memberId: c.patient.memberId },
        source: { entity: source.entity, name: source.name, id: source.id },
        batchReference: source.receiver.batchReference,
        providerNpi: provider.npi,
        segmentLine: expect.any(Number),
      })),
    ),
  );
  return { claims, references: [input.reference] };
}

const syntaxError = (fn: () => unknown) => thrown(fn, X12SyntaxError);

describe('read277ca: what write277ca wrote', () => {
  it('reads the golden acknowledgment back: accepted, rejected with its message, two payers', () => {
    const { claims } = read277ca(write277ca(claims277ca).text);
    expect(read277ca(write277ca(claims277ca).text)).toEqual(expectedFrom(claims277ca));
    expect(
      claims.map((c) => [c.patientControlNumber, c.status, c.statusCodes, c.payerClaimControlNumber]),
    ).toEqual([
      ['C0GOLDEN00001', 'accepted', ['A2:20'], '26327000000101'],
      ['C0GOLDEN00002', 'rejected', ['A7:562:85'], null],
      ['C0GOLDEN00006', 'accepted', ['A1:19:PR', 'A2:20'], 'AET0000000606'],
    ]);
    expect(claims[1]).toMatchObject({
      message: 'Billing provider NPI is invalid',
      clearinghouseTraceNumber: 'OA77120002',
      chargeCents: 21250,
      serviceFrom: '2026-11-02',
      serviceTo: '2026-11-04',
      batchReference: 'B-GOLDEN',
    });
  });

  it('property: random acknowledgments read back exactly', () => {
    const code = (max: number) => fc.stringMatching(new RegExp(`^[A-Z0-9]{1,${max}}$`));
    const isoDate = fc
      .integer({ min: 0, max: 2000 })
      .map((d) => new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const status: fc.Arbitrary<ClaimStatusCode> = fc
      .record({
        category: fc.constantFrom('A1', 'A2', 'A3', 'A4', 'A6', 'A7', 'A8', 'P1'),
        code: fc.constantFrom('19', '20', '21', '562', '33'),
        entity: fc.option(fc.constantFrom('85', 'PR', 'IL'), { nil: undefined }),
      })
      .map((s) => (s.entity === undefined ? { category: s.category, code: s.code } : s));
    const claim: fc.Arbitrary<Ack277CAClaim> = fc.record({
      patient: fc.record({
        last: fc.constantFrom('Synthetic', 'Example'),
        first: fc.constantFrom('Pat', 'Kid'),
        memberId: code(12),
      }),
      patientControlNumber: code(20),
      chargeCents: fc.integer({ min: 0, max: 9_999_999 }),
      statuses: fc.array(status, { minLength: 1, maxLength: 3 }),
      message: fc.option(fc.constantFrom('Invalid NPI', 'Missing diagnosis'), { nil: undefined }),
      payerClaimControlNumber: fc.option(code(14), { nil: undefined }),
      clearinghouseClaimId: fc.option(code(14), { nil: undefined }),
      serviceFrom: isoDate,
      serviceTo: fc.option(isoDate, { nil: undefined }),
    });
    const provider: fc.Arbitrary<Ack277CAProvider> = fc.record({
      name: fc.constant('Synthetic Therapy Group'),
      npi: fc.constantFrom('1234567893', '2456789017'),
      claims: fc.array(claim, { minLength: 1, maxLength: 4 }),
    });
    const source: fc.Arbitrary<Ack277CASource> = fc.record({
      entity: fc.constantFrom<'PR' | 'AY'>('PR', 'AY'),
      name: fc.constantFrom('Synthetic Health Plan', 'Synthetic Clearinghouse'),
      idQualifier: fc.constant<'PI'>('PI'),
      id: code(10),
      traceNumber: code(15),
      receivedDate: isoDate,
      processedDate: isoDate,
      receiver: fc.record({
        name: fc.constant('Synthetic Therapy Group'),
        id: code(10),
        batchReference: code(20),
      }),
      providers: fc.array(provider, { minLength: 1, maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 3 }), (sources) => {
        const input: Write277CAInput = { ...claims277ca, sources };
        const { text, rejectedCount } = write277ca(input);
        const parsed = read277ca(text);
        expect(parsed).toEqual(expectedFrom(input));
        expect(parsed.claims.filter((c) => c.status === 'rejected')).toHaveLength(rejectedCount);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a service line’s STC (after SVC) out of the claim’s status', () => {
    const text = write277ca(claims277ca).text.replace(
      'DTP*472*D8*20261102~\nHL*5',
      'DTP*472*D8*20261102~\nSVC*HC:97153*150~\nSTC*A7:21*20261123*U*150~\nHL*5',
    );
    const fixed = text.replace(/SE\*60\*/, 'SE*62*');
    const [first] = read277ca(fixed).claims;
    expect([first!.status, first!.statusCodes]).toEqual(['accepted', ['A2:20']]);
  });

  it('reads a rejection in a second STC segment, and a claim under a dependent level (DEP)', () => {
    const text = write277ca(claims277ca)
      .text.replace('STC*A2:20*20261123*WQ*212.5~', 'STC*A2:20*20261123*WQ*212.5~\nSTC*A8:508*20261123*U~')
      .replace(/SE\*60\*/, 'SE*61*')
      .replace('HL*9*8*PT~', 'HL*9*8*DEP~');
    const { claims } = read277ca(text);
    expect(claims.map((c) => [c.patientControlNumber, c.status, c.statusCodes])).toEqual([
      ['C0GOLDEN00001', 'rejected', ['A2:20', 'A8:508']],
      ['C0GOLDEN00002', 'rejected', ['A7:562:85']],
      ['C0GOLDEN00006', 'accepted', ['A1:19:PR', 'A2:20']],
    ]);
  });
});

const BASE = write277ca(claims277ca).text;
// Lines: 1 ISA, 2 GS, 3 ST, 4 BHT, 5 HL*1 (20), 6 NM1, 7 TRN, 8 DTP, 9 DTP, 10 HL*2 (21), 11 NM1, 12 TRN,
// 13 STC, …, 18 HL*3 (19), 19 NM1, 20 TRN, 21 STC, …, 26 HL*4 (PT), 27 NM1, 28 TRN, 29 STC, 30 REF, 31 REF,
// 32 DTP, 33 HL*5 (PT), …, 62 SE.
const lines = BASE.split('~\n').filter((s) => s !== '');
function edit(at: number, replacement: string | null): string {
  const copy = [...lines];
  if (replacement === null) copy.splice(at - 1, 1);
  else copy[at - 1] = replacement;
  const st = copy.findIndex((s) => s.startsWith('ST*'));
  const se = copy.findIndex((s) => s.startsWith('SE*'));
  if (st >= 0 && se >= 0) copy[se] = copy[se]!.replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  return copy.map((s) => `${s}~\n`).join('');
}

describe('read277ca: malformed input is an X12SyntaxError naming segment and line', () => {
  const cases: [string, string, { code: string; segmentId: string; line: number }][] = [
    ['empty input', '', { code: 'no_isa', segmentId: '?', line: 1 }],
    ['a claim level without TRN', edit(28, null), { code: 'structure', segmentId: 'HL', line: 26 }],
    ['a claim level without STC', edit(29, null), { code: 'structure', segmentId: 'HL', line: 26 }],
    [
      'STC01 without a status code',
      edit(29, 'STC*A2*20261123*WQ*212.5'),
      { code: 'bad_value', segmentId: 'STC', line: 29 },
    ],
    ['STC01 empty', edit(29, 'STC**20261123*WQ*212.5'), { code: 'bad_value', segmentId: 'STC', line: 29 }],
    [
      'STC04 not an amount',
      edit(29, 'STC*A2:20*20261123*WQ*212.5.0'),
      { code: 'bad_value', segmentId: 'STC', line: 29 },
    ],
    [
      'a claim TRN01 other than 2',
      edit(28, 'TRN*1*C0GOLDEN00001'),
      { code: 'bad_value', segmentId: 'TRN', line: 28 },
    ],
    ['DTP D8 not a date', edit(32, 'DTP*472*D8*20261132'), { code: 'bad_value', segmentId: 'DTP', line: 32 }],
    [
      'DTP RD8 not a range',
      edit(32, 'DTP*472*RD8*20261102'),
      { code: 'bad_value', segmentId: 'DTP', line: 32 },
    ],
    [
      'an 837 segment (CLM)',
      edit(30, 'CLM*C0GOLDEN00001*212.5'),
      { code: 'structure', segmentId: 'CLM', line: 30 },
    ],
    ['no BHT', edit(4, null), { code: 'structure', segmentId: 'HL', line: 4 }],
    [
      'NM1 before the first HL',
      edit(5, 'NM1*PR*2*UnitedHealthcare*****PI*87726'),
      { code: 'structure', segmentId: 'NM1', line: 5 },
    ],
    [
      'SVC at the provider level',
      edit(21, 'SVC*HC:97153*150'),
      { code: 'structure', segmentId: 'SVC', line: 21 },
    ],
    ['ST01 276', BASE.replace('ST*277*', 'ST*276*'), { code: 'structure', segmentId: 'ST', line: 3 }],
    ['SE01 wrong', BASE.replace('SE*60*', 'SE*59*'), { code: 'structure', segmentId: 'SE', line: 62 }],
    [
      'truncated',
      lines
        .slice(0, 40)
        .map((s) => `${s}~\n`)
        .join(''),
      { code: 'structure', segmentId: 'SE', line: 41 },
    ],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const e = syntaxError(() => read277ca(text));
      expect({ code: e.code, segmentId: e.segmentId, line: e.line }).toEqual(want);
      for (const value of ['C0GOLDEN00001', 'Bennett', '918273645', '212.5.0'])
        expect(e.message).not.toContain(value);
    });
  }

  it('property: random bytes and random edits parse or fail with an X12SyntaxError', () => {
    const anyText = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b)),
      fc
        .array(
          fc.record({
            at: fc.nat(),
            drop: fc.nat({ max: 4 }),
            text: fc.constantFrom('', '~', '*', ':', 'HL*9*8*PT~', 'STC*', 'SVC*', 'DTP*472*RD8*', '\n'),
          }),
          { minLength: 1, maxLength: 4 },
        )
        .map((edits) =>
          edits.reduce((t, e) => {
            const p = e.at % (t.length + 1);
            return t.slice(0, p) + e.text + t.slice(p + e.drop);
          }, BASE),
        ),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          read277ca(text);
        } catch (e) {
          if (!(e instanceof X12SyntaxError)) throw e;
        }
      }),
      { numRuns: 800 },
    );
  });
});

// Public 277CA samples beside the project (../shared/fixtures/x12/277ca, see its SOURCES.md).
const FIXTURES = new URL('../../../../shared/fixtures/x12/277ca/', import.meta.url);
const present = existsSync(FIXTURES);

describe('read277ca over the public samples', () => {
  it.skipIf(!present)(
    present
      ? 'reads every file in ../shared/fixtures/x12/277ca exactly (accepted A2, rejected A7 with | components)'
      : 'SKIPPED: ../shared/fixtures/x12/277ca is not present beside the project (public samples, not in the repo)',
    () => {
      const read = (name: string) => read277ca(readFileSync(new URL(name, FIXTURES), 'utf8')).claims;
      expect(readdirSync(FIXTURES).sort()).toEqual(['ims_277ca_accepted.txt', 'ims_277ca_rejected_a7.txt']);
      expect(read('ims_277ca_accepted.txt')).toEqual([
        expect.objectContaining({
          patientControlNumber: '5781',
          status: 'accepted',
          statusCodes: ['A2:20'],
          payerClaimControlNumber: '1107000000014420',
          message: null,
          chargeCents: 12500,
          batchReference: '000000674',
          providerNpi: '1234567890',
          source: { entity: 'PR', name: 'NYSDOH', id: '141797357' },
        }),
      ]);
      expect(read('ims_277ca_rejected_a7.txt')).toEqual([
        expect.objectContaining({
          patientControlNumber: '3920394930203',
          status: 'rejected',
          statuses: [{ category: 'A7', code: '562', entity: '85' }],
          statusCodes: ['A7:562:85'],
          payerClaimControlNumber: '1107000000001120',
          chargeCents: 19914,
          serviceFrom: '2009-03-11',
        }),
      ]);
    },
  );
});
