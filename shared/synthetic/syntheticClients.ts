import type { Authorization } from '../domain/authorization.ts';
import type { Client, InsurancePolicy, Subscriber } from '../domain/client.ts';
import type { IsoDate, PostalAddress } from '../domain/primitives.ts';
import { addDays } from '../util/dates.ts';
import { type Prng, weightedTable } from './prng.ts';
import { firstNames, lastNames, middleInitials } from './syntheticNames.ts';
import { randomDigits, type SyntheticPayer, syntheticAddress } from './syntheticReference.ts';

/** The care a client receives; decides their age, diagnoses, payers and session codes. */
export type Program = 'aba' | 'psych' | 'pt' | 'slp';

/** A client with what the session generator needs: their program and stable diagnoses (as written). */
export interface SyntheticClient {
  client: Client;
  program: Program;
  diagnoses: string[];
}

const programTable = weightedTable<Program>([
  ['aba', 45],
  ['psych', 30],
  ['pt', 18],
  ['slp', 7],
]);
const programOrder: readonly Program[] = ['aba', 'psych', 'pt', 'slp'];

const ageRange: Record<Program, readonly [number, number]> = {
  aba: [2, 17],
  psych: [12, 80],
  pt: [18, 80],
  slp: [3, 70],
};

const abaExtraDiagnoses = ['F90.2', 'F80.2', 'R62.50', 'F88'];
const psychDiagnoses = ['F41.1', 'F32.9', 'F33.1', 'F43.10', 'F90.2', 'F41.9', 'F43.23'];
const ptDiagnoses = ['M54.50', 'M25.561', 'M62.81', 'M54.2', 'R26.89', 'M79.604'];
const slpDiagnoses = ['F80.2', 'F80.1', 'F80.0'];

function diagnosesFor(prng: Prng, program: Program): string[] {
  const twoOf = (list: readonly string[]): string[] => {
    const first = prng.pick(list);
    if (!prng.chance(4000)) return [first];
    const second = prng.pick(list);
    return second === first ? [first] : [first, second];
  };
  switch (program) {
    case 'aba':
      return prng.chance(4000) ? ['F84.0', prng.pick(abaExtraDiagnoses)] : ['F84.0'];
    case 'psych':
      return twoOf(psychDiagnoses);
    case 'pt':
      return twoOf(ptDiagnoses);
    case 'slp':
      return prng.chance(3000) ? [prng.pick(slpDiagnoses), 'R48.8'] : [prng.pick(slpDiagnoses)];
  }
}

// Primary payers by who the client is: Medicare from 65, Medicaid common for children in ABA.
const seniorPrimary = weightedTable([
  ['py-medicare', 80],
  ['py-humana', 20],
]);
const abaPrimary = weightedTable([
  ['py-txmcd', 30],
  ['py-superior', 20],
  ['py-uhc', 15],
  ['py-bcbstx', 15],
  ['py-aetna', 10],
  ['py-cigna', 10],
]);
const adultPrimary = weightedTable([
  ['py-uhc', 20],
  ['py-bcbstx', 22],
  ['py-aetna', 15],
  ['py-cigna', 15],
  ['py-humana', 8],
  ['py-superior', 10],
  ['py-txmcd', 10],
]);
const childSecondary = weightedTable([
  ['py-txmcd', 60],
  ['py-superior', 40],
]);
const seniorSecondary = weightedTable([
  ['py-bcbstx', 50],
  ['py-aetna', 25],
  ['py-uhc', 25],
]);
const otherSecondary = weightedTable([
  ['py-bcbstx', 30],
  ['py-uhc', 25],
  ['py-aetna', 25],
  ['py-cigna', 20],
]);

const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const bcbsPrefixes = ['XOF', 'ZGD', 'YUX', 'XOD'];

// Medicare Beneficiary Identifier shape: C A AN N A AN N A A N N (no S, L, O, I, B, Z).
function mbi(prng: Prng): string {
  const letter = () => MBI_LETTERS[prng.int(0, MBI_LETTERS.length - 1)]!;
  const digit = () => String(prng.int(0, 9));
  const either = () => (prng.chance(5000) ? letter() : digit());
  return `${prng.int(1, 9)}${letter()}${either()}${digit()}${letter()}${either()}${digit()}${letter()}${letter()}${digit()}${digit()}`;
}

function memberId(prng: Prng, style: SyntheticPayer['memberIdStyle']): string {
  switch (style) {
    case 'digits9':
      return String(prng.int(1, 9)) + randomDigits(prng, 8);
    case 'aetna':
      return `W${randomDigits(prng, 9)}`;
    case 'cigna':
      return `U${randomDigits(prng, 8)}01`;
    case 'bcbs':
      return prng.pick(bcbsPrefixes) + randomDigits(prng, 9);
    case 'mbi':
      return mbi(prng);
    case 'humana':
      return `H${randomDigits(prng, 8)}`;
  }
}

function dateOfBirth(prng: Prng, asOf: IsoDate, age: number): IsoDate {
  const year = Number(asOf.slice(0, 4)) - age - 1;
  return `${year}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
}

function sex(prng: Prng): 'F' | 'M' | 'U' {
  const r = prng.int(0, 99);
  return r < 49 ? 'F' : r < 98 ? 'M' : 'U';
}

function policy(
  prng: Prng,
  rank: 1 | 2,
  payer: SyntheticPayer,
  effectiveFrom: IsoDate,
  subscriber: Subscriber | undefined,
  relationship: InsurancePolicy['relationship'],
): InsurancePolicy {
  const indicator = payer.payer.claimFilingIndicator;
  const p: InsurancePolicy = {
    rank,
    payerId: payer.payer.id,
    memberId: memberId(prng, payer.memberIdStyle),
    relationship: subscriber === undefined ? '18' : relationship,
    effectiveFrom,
  };
  if (indicator === 'CI' || indicator === 'BL') p.groupNumber = String(prng.int(100000, 99999999));
  if (subscriber !== undefined) p.subscriber = subscriber;
  return p;
}

function parentOf(prng: Prng, last: string, asOf: IsoDate, address: PostalAddress): Subscriber {
  return {
    name: { last, first: prng.pick(firstNames) },
    dateOfBirth: dateOfBirth(prng, asOf, prng.int(24, 52)),
    sex: prng.chance(6000) ? 'F' : 'M',
    address: { ...address },
  };
}

/**
 * `count` clients, ids `cl-00001`…, each with a primary policy in effect through the 180 days before
 * `asOf` and about 30 % with a secondary. Children on commercial plans are covered as a parent's child;
 * Medicaid and Medicare members are their own subscribers. The first four clients cover every program.
 */
export function syntheticClients(
  prng: Prng,
  count: number,
  payers: ReadonlyMap<string, SyntheticPayer>,
  asOf: IsoDate,
): SyntheticClient[] {
  const out: SyntheticClient[] = [];
  const payerById = (id: string) => payers.get(id)!;
  for (let i = 0; i < count; i++) {
    const program = i < programOrder.length ? programOrder[i]! : prng.pickWeighted(programTable);
    const [minAge, maxAge] = ageRange[program];
    const age = prng.int(minAge, maxAge);
    const last = prng.pick(lastNames);
    const address = syntheticAddress(prng);
    const name: Client['name'] = { last, first: prng.pick(firstNames) };
    if (prng.chance(3000)) name.middle = prng.pick(middleInitials);

    const primary = payerById(
      prng.pickWeighted(age >= 65 ? seniorPrimary : program === 'aba' ? abaPrimary : adultPrimary),
    );
    const effectiveFrom = addDays(asOf, -prng.int(200, 1500));
    const commercial =
      primary.payer.claimFilingIndicator === 'CI' || primary.payer.claimFilingIndicator === 'BL';
    let subscriber: Subscriber | undefined;
    let relationship: InsurancePolicy['relationship'] = '18';
    if (commercial && age < 18) {
      subscriber = parentOf(prng, last, asOf, address);
      relationship = '19';
    } else if (commercial && prng.chance(1500)) {
      subscriber = { ...parentOf(prng, last, asOf, address), dateOfBirth: dateOfBirth(prng, asOf, age) };
      relationship = '01';
    }
    const policies = [policy(prng, 1, primary, effectiveFrom, subscriber, relationship)];

    // Medicaid pays last, so a Medicaid primary has no secondary; others get one ~45 % of the time.
    if (primary.payer.claimFilingIndicator !== 'MC' && prng.chance(4500)) {
      const table = age >= 65 ? seniorSecondary : age < 18 ? childSecondary : otherSecondary;
      let secondaryId = prng.pickWeighted(table);
      if (secondaryId === primary.payer.id)
        secondaryId = primary.payer.id === 'py-cigna' ? 'py-aetna' : 'py-cigna';
      const secondary = payerById(secondaryId);
      const secondaryIsCommercial = secondary.payer.claimFilingIndicator !== 'MC';
      const sub = secondaryIsCommercial && age < 18 ? parentOf(prng, last, asOf, address) : undefined;
      policies.push(policy(prng, 2, secondary, addDays(asOf, -prng.int(200, 900)), sub, '19'));
    }

    out.push({
      client: {
        id: `cl-${String(i + 1).padStart(5, '0')}`,
        name,
        dateOfBirth: dateOfBirth(prng, asOf, age),
        sex: sex(prng),
        address,
        policies,
      },
      program,
      diagnoses: diagnosesFor(prng, program),
    });
  }
  return out;
}

// What each program's authorizations cover; ABA splits assessment from treatment, as payers do.
const authorizedCodes: Record<Program, readonly (readonly string[])[]> = {
  aba: [
    ['97151', '97152', '0362T'],
    ['97153', '97154', '97155', '97156', '97157', '97158', '0373T'],
  ],
  psych: [['90791', '90832', '90834', '90837', '90846', '90847']],
  pt: [['97161', '97162', '97163', '97110', '97112', '97140', '97530']],
  slp: [['92507']],
};

/**
 * Prior authorizations for clients whose primary payer requires them: two consecutive ~6-month periods
 * covering the 180 days before `asOf`, each with the program's authorizations (ABA: an assessment and a
 * treatment one). One client in ten has a gap of 5–20 days between periods, so sessions there have no
 * authorization. Units are placeholders here; the generator sizes them once it knows the claims.
 */
export function syntheticAuthorizations(
  prng: Prng,
  clients: readonly SyntheticClient[],
  payers: ReadonlyMap<string, SyntheticPayer>,
  asOf: IsoDate,
): Authorization[] {
  const out: Authorization[] = [];
  for (const { client, program } of clients) {
    const primary = client.policies[0];
    if (primary === undefined) continue;
    const payer = payers.get(primary.payerId);
    if (payer === undefined || !payer.payer.requiresAuthorization) continue;
    const firstStart = addDays(asOf, -prng.int(185, 240));
    const firstEnd = addDays(firstStart, 179);
    const gap = prng.chance(1000) ? prng.int(5, 20) : 0;
    const secondStart = addDays(firstEnd, 1 + gap);
    const periods: [IsoDate, IsoDate][] = [
      [firstStart, firstEnd],
      [secondStart, addDays(secondStart, 179)],
    ];
    const prefix = payer.payer.claimFilingIndicator === 'MC' ? 'PA' : 'A';
    for (const [startDate, endDate] of periods) {
      for (const serviceCodes of authorizedCodes[program]) {
        out.push({
          id: `auth-${String(out.length + 1).padStart(6, '0')}`,
          clientId: client.id,
          payerId: primary.payerId,
          number: prefix + randomDigits(prng, 10),
          serviceCodes: serviceCodes.slice(),
          startDate,
          endDate,
          unitsAuthorized: 0,
          unitsUsed: 0,
        });
      }
    }
  }
  return out;
}
