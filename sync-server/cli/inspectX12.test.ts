import { describe, expect, it } from 'vitest';
import { X12SyntaxError } from '../../shared/x12/errors.ts';
import { thrown } from '../../shared/x12/testing/thrown.ts';
import { inspectX12, UnsupportedX12Error } from './inspectX12.ts';

// Small hand-written files (synthetic values) in each transaction's envelope.
function envelope(version: string, ...body: string[]): string {
  const segments = [
    'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261122*1200*^*00501*000000001*0*T*:',
    `GS*XX*SENDER*RECEIVER*20261122*1200*1*X*${version}`,
    ...body,
    'GE*1*1',
    'IEA*1*000000001',
  ];
  return `${segments.join('~\n')}~\n`;
}

describe('inspectX12', () => {
  it('describes an 835 by its claim and service payments', () => {
    const text = envelope(
      '005010X221A1',
      'ST*835*0001',
      'BPR*I*100*C*ACH',
      'CLP*C1*1*150*100**12*ICN1',
      'SVC*HC:97153*150*100**8',
      'CLP*C2*4*50*0**12*ICN2',
      'SVC*HC:97155*50*0**2',
      'SVC*HC:97156*0*0**1',
      'SE*8*0001',
    );
    expect(inspectX12(text)).toEqual({
      type: '835',
      transactionSets: 1,
      segments: 12,
      claims: 2,
      serviceLines: 3,
    });
  });

  it('describes a 999 by the sets it accepts and rejects', () => {
    const text = envelope(
      '005010X231A1',
      'ST*999*0001*005010X231A1',
      'AK1*HC*1*005010X222A1',
      'AK2*837*0001*005010X222A1',
      'IK5*A',
      'AK2*837*0002*005010X222A1',
      'IK5*R*5',
      'AK2*837*0003*005010X222A1',
      'IK5*E',
      'AK9*P*3*3*2',
      'SE*10*0001',
    );
    expect(inspectX12(text)).toEqual({
      type: '999',
      transactionSets: 1,
      segments: 14,
      acknowledgedSets: 3,
      acceptedSets: 2,
      rejectedSets: 1,
    });
  });

  it('describes a 277CA by its claim levels and statuses', () => {
    const text = envelope(
      '005010X214',
      'ST*277*0001*005010X214',
      'HL*1**20*1',
      'HL*2*1*21*1',
      'HL*3*2*19*1',
      'HL*4*3*PT',
      'STC*A2:20*20261122*WQ*150',
      'HL*5*3*PT',
      'STC*A7:562*20261122*U*50',
      'SE*9*0001',
    );
    expect(inspectX12(text)).toEqual({
      type: '277CA',
      transactionSets: 1,
      segments: 13,
      claims: 2,
      statuses: 2,
    });
  });

  it('refuses other transactions by kind, and malformed files with segment and line', () => {
    const institutional = envelope('005010X223A2', 'ST*837*0001*005010X223A2', 'SE*2*0001');
    expect(thrown(() => inspectX12(institutional), UnsupportedX12Error).kind).toBe('837I');
    const e = thrown(
      () => inspectX12(envelope('005010X221A1', 'ST*835*0001', 'CLP*C1', 'svc*x', 'SE*4*0001')),
      X12SyntaxError,
    );
    expect([e.segmentId, e.line]).toEqual(['?', 5]);
  });
});
