// Fixed synthetic input for the acknowledgment writers' tests and golden files: the same synthetic
// practice, patients and payers as the 837P goldens (../837p/testInput.ts). Not exported from index.ts.
import { adult, child, practice } from '../837p/testInput.ts';
import type { AckEnvelope } from './envelope.ts';
import type { Write277CAInput } from './write277ca.ts';
import type { Write835Input } from './write835.ts';
import type { Write999Input } from './write999.ts';

/** Office Ally answering the practice's golden 837P (ISA13 1001, GS06 2001). */
export const ackEnvelope: AckEnvelope = {
  sender: { qualifier: '30', id: '330897513', gsCode: 'OA' },
  receiver: { qualifier: 'ZZ', id: practice.clearinghouse.submitterId },
  interchangeControlNumber: 7001,
  groupControlNumber: 7001,
  usage: 'T',
  at: '2026-11-23T16:20:00Z',
};

const acknowledged = { functionalId: 'HC', controlNumber: '2001', version: '005010X222A1' };

export const accepted999: Write999Input = {
  ...ackEnvelope,
  group: acknowledged,
  transactions: [
    { id: '837', controlNumber: '0001', version: '005010X222A1' },
    { id: '837', controlNumber: '0002', version: '005010X222A1' },
  ],
};

/** Set 0001 accepted; 0002 rejected for a bad place of service (CLM05-1); 0003 for a wrong SE01. */
export const partial999: Write999Input = {
  ...ackEnvelope,
  group: { ...acknowledged, declaredCount: 3 },
  transactions: [
    { id: '837', controlNumber: '0001', version: '005010X222A1' },
    {
      id: '837',
      controlNumber: '0002',
      version: '005010X222A1',
      segmentErrors: [
        {
          segmentId: 'CLM',
          position: 19,
          loop: '2300',
          code: '8',
          elements: [{ position: 5, component: 1, reference: '1331', code: '7', value: 'X1' }],
        },
      ],
    },
    { id: '837', controlNumber: '0003', version: '005010X222A1', setErrors: ['4'] },
  ],
};

const uhcSource = {
  entity: 'PR' as const,
  name: 'UnitedHealthcare',
  idQualifier: 'PI' as const,
  id: '87726',
  traceNumber: 'UHC2611230001',
  receivedDate: '2026-11-23',
  processedDate: '2026-11-23',
  receiver: { name: practice.billingProvider.organizationName, id: 'OA482913', batchReference: 'B-GOLDEN' },
};

/** Two UnitedHealthcare claims (one accepted, one rejected for the billing NPI) and an Aetna claim. */
export const claims277ca: Write277CAInput = {
  ...ackEnvelope,
  reference: 'ACK-B-GOLDEN',
  sources: [
    {
      ...uhcSource,
      providers: [
        {
          name: practice.billingProvider.organizationName,
          npi: practice.billingProvider.npi,
          claims: [
            {
              patient: { ...adult.name, memberId: '918273645' },
              patientControlNumber: 'C0GOLDEN00001',
              chargeCents: 21250,
              statuses: [{ category: 'A2', code: '20' }],
              payerClaimControlNumber: '26327000000101',
              clearinghouseClaimId: 'OA77120001',
              serviceFrom: '2026-11-02',
            },
            {
              patient: { ...adult.name, memberId: '918273645' },
              patientControlNumber: 'C0GOLDEN00002',
              chargeCents: 21250,
              statuses: [{ category: 'A7', code: '562', entity: '85' }],
              message: 'Billing provider NPI is invalid',
              clearinghouseClaimId: 'OA77120002',
              serviceFrom: '2026-11-02',
              serviceTo: '2026-11-04',
            },
          ],
        },
      ],
    },
    {
      ...uhcSource,
      name: 'Aetna',
      id: '60054',
      traceNumber: 'AET2611230001',
      providers: [
        {
          name: practice.billingProvider.organizationName,
          npi: practice.billingProvider.npi,
          claims: [
            {
              patient: { ...child.name, memberId: 'W284716903' },
              patientControlNumber: 'C0GOLDEN00006',
              chargeCents: 12500,
              statuses: [
                { category: 'A1', code: '19', entity: 'PR' },
                { category: 'A2', code: '20' },
              ],
              payerClaimControlNumber: 'AET0000000606',
              serviceFrom: '2026-11-02',
            },
          ],
        },
      ],
    },
  ],
};

const payer = {
  name: 'UnitedHealthcare',
  identifier: '1411289245',
  address: { line1: 'PO Box 740800', city: 'Atlanta', state: 'GA', zip: '303740800' },
  contact: { name: 'EDI Support', phone: '8005550100' },
};
const payee = {
  name: practice.billingProvider.organizationName,
  npi: practice.billingProvider.npi,
  taxId: practice.billingProvider.taxId,
};

/**
 * One check: a claim paid at 80 % with PR-2 coinsurance on each line, a claim whose 97155 line without a
 * modifier is denied CO-4, a claim denied whole (CLP02 4), and a PLB with interest (L6, negative) and a
 * recoupment (WO). BPR02 = 170.00 + 120.00 + 0 − (−1.25 + 20.00) = 271.25.
 */
export const remit835: Write835Input = {
  ...ackEnvelope,
  payments: [
    {
      payer,
      payee,
      method: 'CHK',
      traceNumber: '91000417',
      paymentDate: '2026-11-30',
      fiscalPeriodEnd: '2026-12-31',
      claims: [
        {
          patientControlNumber: 'C0GOLDEN00001',
          status: '1',
          chargeCents: 21250,
          paidCents: 17000,
          filingIndicator: '12',
          payerClaimControlNumber: '26327000000101',
          placeOfService: '12',
          frequency: '1',
          patient: { ...adult.name, memberId: '918273645' },
          lines: [
            {
              procedure: '97153',
              modifiers: ['HN'],
              chargeCents: 15000,
              paidCents: 12000,
              units: 8,
              serviceDate: '2026-11-02',
              adjustments: [{ group: 'PR', reason: '2', amountCents: 3000 }],
              allowedCents: 15000,
            },
            {
              procedure: '97155',
              modifiers: ['HO'],
              chargeCents: 6250,
              paidCents: 5000,
              units: 2,
              serviceDate: '2026-11-02',
              adjustments: [{ group: 'PR', reason: '2', amountCents: 1250 }],
              allowedCents: 6250,
            },
          ],
        },
        {
          patientControlNumber: 'C0GOLDEN00003',
          status: '1',
          chargeCents: 21250,
          paidCents: 12000,
          filingIndicator: '12',
          payerClaimControlNumber: '26327000000103',
          placeOfService: '12',
          frequency: '1',
          patient: { ...adult.name, memberId: '918273645' },
          lines: [
            {
              procedure: '97153',
              modifiers: ['HN'],
              chargeCents: 15000,
              paidCents: 12000,
              units: 8,
              serviceDate: '2026-11-03',
              adjustments: [{ group: 'PR', reason: '2', amountCents: 3000 }],
              allowedCents: 15000,
            },
            {
              procedure: '97155',
              chargeCents: 6250,
              paidCents: 0,
              units: 2,
              serviceDate: '2026-11-03',
              adjustments: [{ group: 'CO', reason: '4', amountCents: 6250 }],
              remarks: ['N519'],
            },
          ],
        },
        {
          patientControlNumber: 'C0GOLDEN00004',
          status: '4',
          chargeCents: 6250,
          paidCents: 0,
          filingIndicator: '12',
          payerClaimControlNumber: '26327000000104',
          placeOfService: '12',
          frequency: '1',
          patient: { ...adult.name, memberId: '918273645' },
          lines: [
            {
              procedure: '97155',
              chargeCents: 6250,
              paidCents: 0,
              units: 2,
              serviceDate: '2026-11-04',
              adjustments: [{ group: 'CO', reason: '4', amountCents: 6250 }],
            },
          ],
        },
      ],
      providerAdjustments: [
        { reason: 'L6', reference: 'INTEREST', amountCents: -125 },
        { reason: 'WO', reference: '26327000000099', amountCents: 2000 },
      ],
    },
  ],
};

/** The goldens, by file name. */
export const ackGoldenCases = {
  'accepted.999.x12': accepted999,
  'partial.999.x12': partial999,
  'claims.277ca.x12': claims277ca,
  'remit.835.x12': remit835,
};
