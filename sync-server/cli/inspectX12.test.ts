import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { X12SyntaxError } from '../../shared/x12/errors.ts';
import { thrown } from '../../shared/x12/testing/thrown.ts';
import { inspectX12, UnsupportedX12Error } from './inspectX12.ts';

// Small hand-written files (synthetic values) in each transaction's envelope.
function envelope(version: string, ...body: string[]): string {
  const sets = body.filter((s) => s.startsWith('ST*')).length;
  const segments = [
    'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261122*1200*^*00501*000000001*0*T*:',
    `GS*XX*SENDER*RECEIVER*20261122*1200*1*X*${version}`,
    ...body,
    `GE*${sets}*1`,
    'IEA*1*000000001',
  ];
  return `${segments.join('~\n')}~\n`;
}

// Hand-computed: Σ CLP04 = 100.00 + 0 − 10.00 = 90.00; PLB L6 −1.25 adds: BPR02 = 91.25.
const REMIT = [
  'ST*835*0001',
  'BPR*I*91.25*C*ACH*CCP*01*011000015*DA*123456*1999999999**01*011000028*DA*654321*20261130',
  'TRN*1*EFT77*1999999999',
  'N1*PR*SYNTHETIC HEALTH PLAN',
  'N1*PE*SYNTHETIC THERAPY GROUP*XX*1234567893',
  'LX*1',
  'CLP*C1*1*150*100*20*12*ICN1*11*1',
  'CAS*CO*45*30',
  'SVC*HC:97153:HN*150*100**8',
  'CAS*PR*1*20',
  'CLP*C2*4*50*0**12*ICN2',
  'SVC*HC:97155*50*0**2',
  'CAS*CO*4*50',
  'LQ*HE*N519',
  'CLP*C3*22*-10*-10**12*ICN0',
  'PLB*1234567893*20261231*L6:INT*-1.25',
  'SE*17*0001',
];

const REMIT_DOCUMENT = {
  balanced: true,
  payment: { totalCents: 9125, method: 'ACH', trace: 'EFT77', date: '2026-11-30' },
  claims: [
    {
      patientControlNumber: 'C1',
      status: 'processed_primary',
      chargeCents: 15000,
      paidCents: 10000,
      patientRespCents: 2000,
      payerClaimControlNumber: 'ICN1',
      adjustments: [{ group: 'CO', reason: '45', amountCents: 3000 }],
      remarks: [],
      lines: [
        {
          procedure: '97153',
          chargeCents: 15000,
          paidCents: 10000,
          units: 8,
          adjustments: [{ group: 'PR', reason: '1', amountCents: 2000 }],
        },
      ],
    },
    {
      patientControlNumber: 'C2',
      status: 'denied',
      chargeCents: 5000,
      paidCents: 0,
      patientRespCents: 0,
      payerClaimControlNumber: 'ICN2',
      adjustments: [],
      remarks: ['N519'],
      lines: [
        {
          procedure: '97155',
          chargeCents: 5000,
          paidCents: 0,
          units: 2,
          adjustments: [{ group: 'CO', reason: '4', amountCents: 5000 }],
        },
      ],
    },
    {
      patientControlNumber: 'C3',
      status: 'reversal',
      chargeCents: -1000,
      paidCents: -1000,
      patientRespCents: 0,
      payerClaimControlNumber: 'ICN0',
      adjustments: [],
      remarks: [],
      lines: [],
    },
  ],
  providerAdjustments: [{ reason: 'L6', amountCents: -125 }],
};

describe('inspectX12', () => {
  it('describes an 835: payment, balance, claims with lines and adjustments, PLB (issue shape)', () => {
    const doc = inspectX12(envelope('005010X221A1', ...REMIT));
    expect(doc).toEqual({ type: '835', ...REMIT_DOCUMENT });
    expect(Object.keys(doc)).toEqual(['type', 'balanced', 'payment', 'claims', 'providerAdjustments']);
  });

  it('puts each payment of a multi-payment 835 in `transactions`; balanced only when all are', () => {
    const second = REMIT.map((s) =>
      s
        .replace('ST*835*0001', 'ST*835*0002')
        .replace('SE*17*0001', 'SE*17*0002')
        .replace('BPR*I*91.25', 'BPR*I*91.52'),
    );
    const doc = inspectX12(envelope('005010X221A1', ...REMIT, ...second));
    expect(doc).toEqual({
      type: '835',
      balanced: false,
      transactions: [
        REMIT_DOCUMENT,
        { ...REMIT_DOCUMENT, balanced: false, payment: { ...REMIT_DOCUMENT.payment, totalCents: 9152 } },
      ],
    });
  });

  it('describes a 999: group status, each set with its errors flattened', () => {
    const text = envelope(
      '005010X231A1',
      'ST*999*0001*005010X231A1',
      'AK1*HC*1*005010X222A1',
      'AK2*837*0001*005010X222A1',
      'IK5*A',
      'AK2*837*0002*005010X222A1',
      'IK3*CLM*19*2300*8',
      'IK4*5:1*1331*7*98',
      'IK3*NM1*7**3',
      'IK5*R*5',
      'AK2*837*0003*005010X222A1',
      'IK5*E',
      'AK2*837*0004',
      'IK5*R*4',
      'AK9*P*4*4*2',
      'SE*15*0001',
    );
    expect(inspectX12(text)).toEqual({
      type: '999',
      groupStatus: 'P',
      transactions: [
        { controlNumber: '0001', status: 'A', errors: [] },
        {
          controlNumber: '0002',
          status: 'R',
          errors: [
            { segment: 'CLM', position: 19, element: 'CLM05-1', code: '7', value: '98' },
            { segment: 'NM1', position: 7, element: null, code: '3', value: null },
          ],
        },
        { controlNumber: '0003', status: 'E', errors: [] },
        {
          controlNumber: '0004',
          status: 'R',
          errors: [{ segment: null, position: null, element: null, code: '4', value: null }],
        },
      ],
    });
  });

  it('describes a 277CA: each claim accepted or rejected with its codes and message', () => {
    const text = envelope(
      '005010X214',
      'ST*277*0001*005010X214',
      'BHT*0085*08*ACK1*20261122*1200*TH',
      'HL*1**20*1',
      'NM1*PR*2*SYNTHETIC HEALTH PLAN*****PI*99999',
      'TRN*1*T1',
      'HL*2*1*21*1',
      'NM1*41*2*SYNTHETIC THERAPY GROUP*****46*SUB1',
      'TRN*2*B1',
      'HL*3*2*19*1',
      'NM1*85*2*SYNTHETIC THERAPY GROUP*****XX*1234567893',
      'HL*4*3*PT',
      'TRN*2*C1',
      'STC*A2:20*20261122*WQ*150',
      'REF*1K*ICN1',
      'HL*5*3*PT',
      'TRN*2*C2',
      'STC*A7:562:85*20261122*U*50********NPI is invalid',
      'SE*18*0001',
    );
    expect(inspectX12(text)).toEqual({
      type: '277CA',
      claims: [
        {
          patientControlNumber: 'C1',
          status: 'accepted',
          statusCodes: ['A2:20'],
          payerClaimControlNumber: 'ICN1',
          message: null,
        },
        {
          patientControlNumber: 'C2',
          status: 'rejected',
          statusCodes: ['A7:562:85'],
          payerClaimControlNumber: null,
          message: 'NPI is invalid',
        },
      ],
    });
  });

  it('refuses other transactions by kind, and malformed files with segment and line', () => {
    const institutional = envelope('005010X223A2', 'ST*837*0001*005010X223A2', 'SE*2*0001');
    expect(thrown(() => inspectX12(institutional), UnsupportedX12Error).kind).toBe('837I');
    const e = thrown(
      () => inspectX12(envelope('005010X221A1', ...REMIT.slice(0, 8), 'svc*x', ...REMIT.slice(8))),
      X12SyntaxError,
    );
    expect([e.code, e.segmentId, e.line]).toEqual(['bad_segment_id', '?', 11]);
    const count = thrown(
      () => inspectX12(envelope('005010X221A1', ...REMIT.slice(0, -1), 'SE*18*0001')),
      X12SyntaxError,
    );
    expect([count.code, count.segmentId, count.line]).toEqual(['structure', 'SE', 19]);
    const ack = thrown(
      () =>
        inspectX12(
          envelope('005010X231A1', 'ST*999*0001', 'AK1*HC*1', 'AK2*837*0001', 'AK9*R*1*1*0', 'SE*5*0001'),
        ),
      X12SyntaxError,
    );
    expect([ack.code, ack.segmentId, ack.line]).toEqual(['structure', 'AK9', 6]);
  });
});

// Public samples beside the project (see ../shared/fixtures/x12/SOURCES.md); never in the repo.
const FIXTURES = new URL('../../../shared/fixtures/x12/', import.meta.url);
const present = existsSync(FIXTURES);

describe('inspectX12 over the public samples', () => {
  it.skipIf(!present)(
    present
      ? 'inspects every 835, 999 and 277CA in ../shared/fixtures/x12 into its issue shape'
      : 'SKIPPED: ../shared/fixtures/x12 is not present beside the project (public samples, not in the repo)',
    () => {
      const keys: Record<string, string[]> = {
        '835': ['type', 'balanced', 'payment', 'claims', 'providerAdjustments'],
        '999': ['type', 'groupStatus', 'transactions'],
        '277ca': ['type', 'claims'],
      };
      let files = 0;
      for (const [folder, want] of Object.entries(keys)) {
        for (const name of readdirSync(new URL(`${folder}/`, FIXTURES))) {
          const doc = inspectX12(readFileSync(new URL(`${folder}/${name}`, FIXTURES), 'utf8'));
          expect([name, Object.keys(doc)]).toEqual([name, want]);
          expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
          files++;
        }
      }
      expect(files).toBeGreaterThanOrEqual(9);
    },
  );
});
