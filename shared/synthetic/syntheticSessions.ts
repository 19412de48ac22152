import { matchAuthorization } from '../claims/authorizationMatch.ts';
import type { Authorization } from '../domain/authorization.ts';
import type { Session, SessionService } from '../domain/session.ts';
import { type Prng, weightedTable } from './prng.ts';
import type { Program, SyntheticClient } from './syntheticClients.ts';
import type { Specialty, SyntheticProvider } from './syntheticReference.ts';

/** The window sessions are spread over: the 180 days before the as-of date. */
export const SESSION_WINDOW_DAYS = 180;

/** Days before as-of of session `i` of `count`: 180 for the first, down to 1 or so for the last. */
export function sessionDaysBefore(i: number, count: number): number {
  return SESSION_WINDOW_DAYS - Math.floor((i * SESSION_WINDOW_DAYS) / count);
}

/** What the session generator draws from. */
export interface SessionSources {
  clientsByProgram: Readonly<Record<Program, readonly SyntheticClient[]>>;
  providersBySpecialty: Readonly<Record<Specialty, readonly SyntheticProvider[]>>;
  authorizationsByClient: ReadonlyMap<string, readonly Authorization[]>;
  /** `dates[k]` is the date k days before as-of. */
  dates: readonly string[];
}

// ABA clients are seen most often (several sessions a week), so they get more of the sessions.
const programTable = weightedTable<Program>([
  ['aba', 55],
  ['psych', 25],
  ['pt', 15],
  ['slp', 5],
]);

interface AbaCode {
  code: string;
  by: 'bcba' | 'rbt';
  min: number;
  max: number;
}

const abaCodes = weightedTable<AbaCode>([
  [{ code: '97153', by: 'rbt', min: 60, max: 240 }, 62],
  [{ code: '97155', by: 'bcba', min: 60, max: 120 }, 14],
  [{ code: '97156', by: 'bcba', min: 60, max: 90 }, 8],
  [{ code: '97151', by: 'bcba', min: 60, max: 240 }, 4],
  [{ code: '97154', by: 'rbt', min: 60, max: 120 }, 3],
  [{ code: '97152', by: 'rbt', min: 60, max: 120 }, 2],
  [{ code: '97158', by: 'bcba', min: 60, max: 120 }, 2],
  [{ code: '97157', by: 'bcba', min: 60, max: 90 }, 1],
  [{ code: '0362T', by: 'rbt', min: 60, max: 180 }, 2],
  [{ code: '0373T', by: 'rbt', min: 60, max: 180 }, 2],
]);

interface PsychCode {
  code: string;
  min: number;
  max: number;
}

const psychCodes = weightedTable<PsychCode>([
  [{ code: '90837', min: 53, max: 75 }, 48],
  [{ code: '90834', min: 38, max: 52 }, 28],
  [{ code: '90791', min: 45, max: 90 }, 8],
  [{ code: '90832', min: 16, max: 37 }, 8],
  [{ code: '90847', min: 26, max: 60 }, 5],
  [{ code: '90846', min: 26, max: 60 }, 3],
]);

// Places of service (CMS codes): 11 office, 12 home, 03 school, 10 telehealth at home, 02 telehealth elsewhere, 99 other.
const abaPlaces = weightedTable([
  ['12', 42],
  ['11', 35],
  ['03', 13],
  ['99', 4],
  ['10', 4],
  ['02', 2],
]);
const psychPlaces = weightedTable([
  ['11', 55],
  ['10', 25],
  ['02', 15],
  ['12', 5],
]);
const ptPlaces = weightedTable([
  ['11', 90],
  ['12', 8],
  ['99', 2],
]);
const slpPlaces = weightedTable([
  ['11', 70],
  ['12', 20],
  ['03', 10],
]);

const PT_TIMED = ['97110', '97112', '97140', '97530'];
const PT_EVALS = ['97161', '97162', '97163'];

// Session length in minutes: mostly on the quarter hour, sometimes a few minutes off as real notes are.
function abaMinutes(prng: Prng, min: number, max: number): number {
  let m = 15 * prng.int(min / 15, max / 15);
  if (prng.chance(2000)) m += prng.int(-7, 7);
  return Math.min(max, Math.max(min, m));
}

function abaServices(
  prng: Prng,
  sources: SessionSources,
): { services: SessionService[]; by: SyntheticProvider } {
  // A few days combine protocol modification and parent training by the same analyst.
  if (prng.chance(300)) {
    const by = prng.pick(sources.providersBySpecialty.bcba);
    const modifiers = by.abaModifier === null ? [] : [by.abaModifier];
    return {
      by,
      services: [
        { serviceCode: '97155', modifiers, minutes: abaMinutes(prng, 60, 120) },
        { serviceCode: '97156', modifiers: modifiers.slice(), minutes: abaMinutes(prng, 30, 60) },
      ],
    };
  }
  const c = prng.pickWeighted(abaCodes);
  const by = prng.pick(sources.providersBySpecialty[c.by]);
  return {
    by,
    services: [
      {
        serviceCode: c.code,
        modifiers: by.abaModifier === null ? [] : [by.abaModifier],
        minutes: abaMinutes(prng, c.min, c.max),
      },
    ],
  };
}

function ptServices(prng: Prng): SessionService[] {
  if (prng.chance(800)) {
    const services: SessionService[] = [
      { serviceCode: prng.pick(PT_EVALS), modifiers: ['GP'], minutes: prng.int(45, 60) },
    ];
    if (prng.chance(3000))
      services.push({ serviceCode: '97110', modifiers: ['GP'], minutes: prng.int(15, 30) });
    return services;
  }
  const r = prng.int(0, 99);
  const count = r < 40 ? 1 : r < 85 ? 2 : 3;
  const codes = PT_TIMED.slice();
  const services: SessionService[] = [];
  for (let i = 0; i < count; i++) {
    const code = codes.splice(prng.int(0, codes.length - 1), 1)[0]!;
    const minutes = count === 1 ? prng.int(30, 60) : count === 2 ? prng.int(15, 30) : prng.int(15, 23);
    services.push({ serviceCode: code, modifiers: ['GP'], minutes });
  }
  return services;
}

// Some notes carry the diagnosis as typed, without the dot; the claim normalises both.
function diagnosesAsWritten(prng: Prng, diagnoses: readonly string[]): string[] {
  if (!prng.chance(1000)) return diagnoses.slice();
  return diagnoses.map((d) => d.replace('.', ''));
}

/**
 * `count` Finalized sessions, ids `ses-0000001`…, dated evenly (and so in date order) over the 180 days
 * before as-of, with codes, minutes and places by program: ABA 97151–97158/0362T/0373T with the
 * rendering level's modifier, psychotherapy (telehealth with modifier 95), physical therapy with GP
 * (often two or three codes a visit), speech therapy. Sessions name the authorization covering them, if any.
 */
export function syntheticSessions(prng: Prng, count: number, sources: SessionSources): Session[] {
  const sessions = new Array<Session>(count);
  for (let i = 0; i < count; i++) {
    const dateOfService = sources.dates[sessionDaysBefore(i, count)]!;
    const program = prng.pickWeighted(programTable);
    const { client, diagnoses } = prng.pick(sources.clientsByProgram[program]);
    let services: SessionService[];
    let by: SyntheticProvider;
    let placeOfService: string;
    switch (program) {
      case 'aba': {
        ({ services, by } = abaServices(prng, sources));
        placeOfService = prng.pickWeighted(abaPlaces);
        break;
      }
      case 'psych': {
        const c = prng.pickWeighted(psychCodes);
        by = prng.pick(sources.providersBySpecialty.psych);
        placeOfService = prng.pickWeighted(psychPlaces);
        const telehealth = placeOfService === '02' || placeOfService === '10';
        services = [
          { serviceCode: c.code, modifiers: telehealth ? ['95'] : [], minutes: prng.int(c.min, c.max) },
        ];
        break;
      }
      case 'pt':
        by = prng.pick(sources.providersBySpecialty.pt);
        services = ptServices(prng);
        placeOfService = prng.pickWeighted(ptPlaces);
        break;
      case 'slp':
        by = prng.pick(sources.providersBySpecialty.slp);
        services = [{ serviceCode: '92507', modifiers: [], minutes: prng.int(30, 60) }];
        placeOfService = prng.pickWeighted(slpPlaces);
        break;
    }
    const session: Session = {
      id: `ses-${String(i + 1).padStart(7, '0')}`,
      clientId: client.id,
      renderingProviderId: by.provider.id,
      dateOfService,
      placeOfService,
      diagnosisCodes: diagnosesAsWritten(prng, diagnoses),
      services,
      noteStatus: 'Finalized',
    };
    const auths = sources.authorizationsByClient.get(client.id);
    const primary = client.policies[0];
    if (auths !== undefined && primary !== undefined) {
      const auth = matchAuthorization(auths, {
        clientId: client.id,
        payerId: primary.payerId,
        serviceCode: services[0]!.serviceCode,
        dateOfService,
      });
      if (auth !== null) session.authorizationId = auth.id;
    }
    sessions[i] = session;
  }
  return sessions;
}
