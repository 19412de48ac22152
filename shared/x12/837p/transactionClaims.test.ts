import { describe, expect, it } from 'vitest';
import { claimsByTransactionSet } from './transactionClaims.ts';

describe('claimsByTransactionSet', () => {
  it('lists each transaction set’s CLM01s under its ST02', () => {
    const text = [
      'ISA*00*          *00*          *ZZ*SENDER         *01*330897513      *261122*1200*^*00501*000000001*0*T*:',
      'GS*HC*SENDER*OA*20261122*1200*1*X*005010X222A1',
      'ST*837*0001*005010X222A1',
      'CLM*C1111*100***11:B:1*Y*A*Y*Y',
      'CLM*C2222*50***11:B:1*Y*A*Y*Y',
      'SE*4*0001',
      'ST*837*0002*005010X222A1',
      'CLM*C3333*75***11:B:1*Y*A*Y*Y',
      'SE*3*0002',
      'GE*2*1',
      'IEA*1*000000001',
      '',
    ].join('~');
    expect([...claimsByTransactionSet(text)]).toEqual([
      ['0001', ['C1111', 'C2222']],
      ['0002', ['C3333']],
    ]);
  });
});
