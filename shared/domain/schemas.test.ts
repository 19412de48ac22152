import { describe, expect, it } from 'vitest';
import { authorizationSchema, remainingUnits } from './authorization.ts';
import { clientSchema } from './client.ts';
import { postingSchema } from './posting.ts';
import { centsSchema, isoDateSchema, npiSchema } from './primitives.ts';

const address = { line1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' };
const baseClient = {
  id: 'cl-1',
  name: { last: 'Testperson', first: 'Alex' },
  dateOfBirth: '2015-03-04',
  sex: 'U',
  address,
  policies: [{ rank: 1, payerId: 'py-1', memberId: 'M1', relationship: '18', effectiveFrom: '2026-01-01' }],
};

describe('primitives', () => {
  it('accepts real calendar dates only', () => {
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2026-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('2026-13-01').success).toBe(false);
    expect(isoDateSchema.safeParse('2026-1-01').success).toBe(false);
  });

  it('money is integer cents', () => {
    expect(centsSchema.safeParse(1050).success).toBe(true);
    expect(centsSchema.safeParse(10.5).success).toBe(false);
    expect(centsSchema.safeParse(2 ** 60).success).toBe(false);
  });

  it('an NPI is ten digits', () => {
    expect(npiSchema.safeParse('1234567893').success).toBe(true);
    expect(npiSchema.safeParse('123456789').success).toBe(false);
  });
});

describe('client policies', () => {
  it('keeps policies ranked in order', () => {
    expect(clientSchema.safeParse(baseClient).success).toBe(true);
    const secondFirst = { ...baseClient, policies: [{ ...baseClient.policies[0], rank: 2 }] };
    expect(clientSchema.safeParse(secondFirst).success).toBe(false);
  });

  it('needs a subscriber exactly when the patient is not the subscriber', () => {
    const child = { ...baseClient, policies: [{ ...baseClient.policies[0], relationship: '19' }] };
    expect(clientSchema.safeParse(child).success).toBe(false);
    const withSubscriber = {
      ...child,
      policies: [
        {
          ...child.policies[0],
          subscriber: {
            name: { last: 'Testperson', first: 'Sam' },
            dateOfBirth: '1985-01-01',
            sex: 'F',
            address,
          },
        },
      ],
    };
    expect(clientSchema.safeParse(withSubscriber).success).toBe(true);
  });
});

describe('authorization', () => {
  const auth = {
    id: 'au-1',
    clientId: 'cl-1',
    payerId: 'py-1',
    number: 'PA123',
    serviceCodes: ['97153'],
    startDate: '2026-01-01',
    endDate: '2026-06-30',
    unitsAuthorized: 480,
    unitsUsed: 500,
  };
  it('refuses a range that ends before it starts and computes remaining units', () => {
    expect(authorizationSchema.safeParse(auth).success).toBe(true);
    expect(authorizationSchema.safeParse({ ...auth, endDate: '2025-12-31' }).success).toBe(false);
    expect(remainingUnits(auth)).toBe(-20);
  });
});

describe('postings', () => {
  it('refuses a float amount and an unknown kind', () => {
    const pay = { id: 'p1', at: '2026-11-01T00:00:00.000Z', kind: 'patient_payment', amountCents: 2500 };
    expect(postingSchema.safeParse(pay).success).toBe(true);
    expect(postingSchema.safeParse({ ...pay, amountCents: 25.5 }).success).toBe(false);
    expect(postingSchema.safeParse({ ...pay, kind: 'gift' }).success).toBe(false);
  });
});
