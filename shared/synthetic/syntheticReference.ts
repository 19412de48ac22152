import { withNpiCheckDigit } from '../domain/npi.ts';
import type { Payer } from '../domain/payer.ts';
import { defaultPracticeSettings, type Practice } from '../domain/practice.ts';
import type { PostalAddress } from '../domain/primitives.ts';
import type { Provider } from '../domain/provider.ts';
import { hashBase32 } from '../util/hash.ts';
import type { Prng } from './prng.ts';
import {
  cities,
  firstNames,
  lastNames,
  middleInitials,
  practiceNames,
  streetNames,
  streetSuffixes,
} from './syntheticNames.ts';

/** What kind of clinician a provider is; decides the codes they render and the ABA modifier. */
export type Specialty = 'bcba' | 'rbt' | 'pt' | 'psych' | 'slp';

/** A provider with what the generator needs to know about them. */
export interface SyntheticProvider {
  provider: Provider;
  specialty: Specialty;
  /** HCPCS level-of-care modifier on ABA lines: HN bachelor's, HO master's, HP doctoral. */
  abaModifier: 'HN' | 'HO' | 'HP' | null;
}

/** A payer with its fee level and the style of its member IDs. */
export interface SyntheticPayer {
  payer: Payer;
  /** Rates relative to the practice's base rates, in basis points (10000 = 100 %). */
  rateBasisPoints: number;
  memberIdStyle: 'digits9' | 'aetna' | 'cigna' | 'bcbs' | 'mbi' | 'humana';
}

interface PayerSpec {
  key: string;
  name: string;
  payerId: string;
  indicator: Payer['claimFilingIndicator'];
  timelyFilingDays: number;
  requiresAuthorization: boolean;
  rateBasisPoints: number;
  memberIdStyle: SyntheticPayer['memberIdStyle'];
}

// Payer IDs in the form clearinghouse payer lists use; typical timely-filing limits (contracts vary).
const payerSpecs: readonly PayerSpec[] = [
  {
    key: 'uhc',
    name: 'UnitedHealthcare',
    payerId: '87726',
    indicator: 'CI',
    timelyFilingDays: 90,
    requiresAuthorization: true,
    rateBasisPoints: 11000,
    memberIdStyle: 'digits9',
  },
  {
    key: 'aetna',
    name: 'Aetna',
    payerId: '60054',
    indicator: 'CI',
    timelyFilingDays: 180,
    requiresAuthorization: true,
    rateBasisPoints: 11500,
    memberIdStyle: 'aetna',
  },
  {
    key: 'cigna',
    name: 'Cigna',
    payerId: '62308',
    indicator: 'CI',
    timelyFilingDays: 90,
    requiresAuthorization: false,
    rateBasisPoints: 10500,
    memberIdStyle: 'cigna',
  },
  {
    key: 'bcbstx',
    name: 'Blue Cross Blue Shield of Texas',
    payerId: '84980',
    indicator: 'BL',
    timelyFilingDays: 95,
    requiresAuthorization: true,
    rateBasisPoints: 10800,
    memberIdStyle: 'bcbs',
  },
  {
    key: 'txmcd',
    name: 'Texas Medicaid (TMHP)',
    payerId: 'MCDTX',
    indicator: 'MC',
    timelyFilingDays: 95,
    requiresAuthorization: true,
    rateBasisPoints: 7200,
    memberIdStyle: 'digits9',
  },
  {
    key: 'superior',
    name: 'Superior HealthPlan Medicaid',
    payerId: '68069',
    indicator: 'MC',
    timelyFilingDays: 95,
    requiresAuthorization: true,
    rateBasisPoints: 7800,
    memberIdStyle: 'digits9',
  },
  {
    key: 'medicare',
    name: 'Medicare Part B Texas (Novitas)',
    payerId: '04412',
    indicator: 'MB',
    timelyFilingDays: 365,
    requiresAuthorization: false,
    rateBasisPoints: 8500,
    memberIdStyle: 'mbi',
  },
  {
    key: 'humana',
    name: 'Humana',
    payerId: '61101',
    indicator: 'CI',
    timelyFilingDays: 180,
    requiresAuthorization: false,
    rateBasisPoints: 9800,
    memberIdStyle: 'humana',
  },
];

/** The practice's payers: commercial, Blue Cross, Medicaid and Medicare, ids `py-<key>`. */
export function syntheticPayers(): SyntheticPayer[] {
  return payerSpecs.map((s) => ({
    payer: {
      id: `py-${s.key}`,
      name: s.name,
      payerId: s.payerId,
      submission: 'electronic',
      claimFilingIndicator: s.indicator,
      timelyFilingDays: s.timelyFilingDays,
      requiresAuthorization: s.requiresAuthorization,
    },
    rateBasisPoints: s.rateBasisPoints,
    memberIdStyle: s.memberIdStyle,
  }));
}

/** A synthetic street address in one of the listed cities. */
export function syntheticAddress(prng: Prng): PostalAddress {
  const place = prng.pick(cities);
  const address: PostalAddress = {
    line1: `${prng.int(100, 9899)} ${prng.pick(streetNames)} ${prng.pick(streetSuffixes)}`,
    city: place.city,
    state: 'TX',
    zip: place.zip,
  };
  if (prng.chance(1200)) address.line2 = `Apt ${prng.int(1, 40)}${prng.pick(['A', 'B', 'C'])}`;
  return address;
}

/** `n` random decimal digits as a string. */
export function randomDigits(prng: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(prng.int(0, 9));
  return s;
}

/** A valid NPI not in `taken` (added to it). NPPES issues NPIs starting with 1 or 2; here people get 1, the practice 2. */
function uniqueNpi(prng: Prng, leading: '1' | '2', taken: Set<string>): string {
  for (;;) {
    const npi = withNpiCheckDigit(leading + randomDigits(prng, 8));
    if (!taken.has(npi)) {
      taken.add(npi);
      return npi;
    }
  }
}

// IRS campus prefixes in use for EINs (00, 07–09, 17–19, 28–29, 49, 69–70, 78–79, 89, 96–97 are not).
const einPrefixes = [
  '20',
  '26',
  '27',
  '45',
  '46',
  '47',
  '74',
  '75',
  '81',
  '82',
  '83',
  '84',
  '86',
  '87',
  '88',
];

/** The practice (billing provider, clearinghouse, settings), its id derived from the seed. */
export function syntheticPractice(seed: number, prng: Prng, npis: Set<string>): Practice {
  const name = prng.pick(practiceNames);
  return {
    id: `pr-${hashBase32(`practice/${seed}`, 8)}`,
    name,
    billingProvider: {
      organizationName: name,
      npi: uniqueNpi(prng, '2', npis),
      taxId: prng.pick(einPrefixes) + randomDigits(prng, 7),
      taxonomy: '103K00000X',
      address: syntheticAddress(prng),
    },
    clearinghouse: {
      name: 'Office Ally',
      receiverId: '330897513',
      submitterId: `OA${randomDigits(prng, 6)}`,
      testMode: true,
    },
    settings: { ...defaultPracticeSettings, settleWriteOff: { ...defaultPracticeSettings.settleWriteOff } },
  };
}

interface SpecialtySpec {
  taxonomy: string;
  credentials: readonly string[];
}

// NUCC taxonomy codes: behavior analyst, behavior technician, physical therapist, clinical social
// worker / psychologist, speech-language pathologist.
const specialtySpecs: Record<Specialty, SpecialtySpec> = {
  bcba: { taxonomy: '103K00000X', credentials: ['BCBA', 'BCBA', 'BCBA', 'BCBA-D'] },
  rbt: { taxonomy: '106S00000X', credentials: ['RBT', 'RBT', 'BT'] },
  pt: { taxonomy: '225100000X', credentials: ['PT, DPT', 'PT'] },
  psych: { taxonomy: '1041C0700X', credentials: ['LCSW', 'LCSW', 'LPC'] },
  slp: { taxonomy: '235Z00000X', credentials: ['CCC-SLP'] },
};

// Every practice has each kind at least once, ABA-heavy; the rest are drawn from this mix.
const baseSpecialties: readonly Specialty[] = ['bcba', 'rbt', 'rbt', 'pt', 'psych', 'slp'];
const extraSpecialties: readonly Specialty[] = ['rbt', 'rbt', 'rbt', 'bcba', 'bcba', 'psych', 'psych', 'pt'];

/** 6–12 rendering providers with valid, distinct NPIs, ids `prv-01`…. */
export function syntheticProviders(prng: Prng, npis: Set<string>): SyntheticProvider[] {
  const count = prng.int(6, 12);
  const out: SyntheticProvider[] = [];
  for (let i = 0; i < count; i++) {
    const specialty = i < baseSpecialties.length ? baseSpecialties[i]! : prng.pick(extraSpecialties);
    const spec = specialtySpecs[specialty];
    let credentials = prng.pick(spec.credentials);
    let taxonomy = spec.taxonomy;
    if (specialty === 'psych' && prng.chance(3000)) {
      credentials = 'PhD';
      taxonomy = '103T00000X';
    }
    const provider: Provider = {
      id: `prv-${String(i + 1).padStart(2, '0')}`,
      name: { last: prng.pick(lastNames), first: prng.pick(firstNames) },
      npi: uniqueNpi(prng, '1', npis),
      taxonomy,
      credentials,
    };
    if (prng.chance(4000)) provider.name.middle = prng.pick(middleInitials);
    let abaModifier: SyntheticProvider['abaModifier'] = null;
    if (specialty === 'rbt') abaModifier = 'HN';
    if (specialty === 'bcba') abaModifier = credentials === 'BCBA-D' ? 'HP' : 'HO';
    out.push({ provider, specialty, abaModifier });
  }
  return out;
}
