import { type Claim, claimChargeCents } from '../../domain/claim.ts';
import type { Client, InsurancePolicy, PolicyRank } from '../../domain/client.ts';
import type { Payer } from '../../domain/payer.ts';
import type { AdjudicationPosting, LineAdjudication } from '../../domain/posting.ts';
import type { Practice } from '../../domain/practice.ts';
import type { PostalAddress } from '../../domain/primitives.ts';
import type { Provider } from '../../domain/provider.ts';
import { formatCentsDecimal } from '../../money/format.ts';
import { X12WriteError } from '../errors.ts';
import { type WriterDelimiters, type X12Value, X12Writer } from '../segmentWriter.ts';
import {
  type AdjustmentTotals,
  addAdjustments,
  casSegments,
  patientResponsibilityCents,
} from './adjustments.ts';
import { personNm1, requiredText, type X12Stamp, x12Date, x12Stamp, x12Text } from './text.ts';

export const X222A1 = '005010X222A1';

/** Who sends the file (1000A, ISA06, GS02). */
export interface Submitter837P {
  /** 1000A NM103; defaults to the billing provider's organization name. */
  name?: string;
  /** ISA06, GS02 and 1000A NM109; defaults to the practice's clearinghouse submitter ID. */
  id?: string;
  /** ISA05: 'ZZ' mutually defined (default) or '30' federal tax ID. */
  qualifier?: 'ZZ' | '30';
  /** 1000A PER: a contact and at least one of phone (10 digits) and email. */
  contactName: string;
  phone?: string;
  email?: string;
}

/** Who receives it (1000B, ISA08, GS03). */
export interface Receiver837P {
  name: string;
  id: string;
  /** ISA07 */
  qualifier: 'ZZ' | '30';
  /** GS03: Office Ally takes 'OA' or its tax ID. */
  gsCode: string;
}

/** Office Ally per its companion guide: ISA08 and 1000B NM109 = its tax ID 330897513, GS03 'OA'. */
export const OFFICE_ALLY: Readonly<Receiver837P> = Object.freeze({
  name: 'OFFICE ALLY',
  id: '330897513',
  qualifier: '30',
  gsCode: 'OA',
});

/** Another payer of the patient on this claim (a 2320/2330A/2330B loop, and 2430 from its adjudication). */
export interface OtherPayer837P {
  /** Which of the client's policies: 1 primary, 2 secondary, 3 tertiary. */
  rank: PolicyRank;
  payer: Payer;
  /** That payer's adjudication of this claim; required for every payer ranked ahead of the billed one. */
  adjudication?: AdjudicationPosting | null;
}

/** One claim and the records it is written from. */
export interface Claim837PInput {
  claim: Claim;
  client: Client;
  /** The payer billed (the claim's `payerId`): 2010BB. */
  payer: Payer;
  renderingProvider: Provider;
  /** Prior authorization number (2300 REF*G1) when the claim draws on one. */
  authorizationNumber?: string | null;
  /** Other payers (2320 loops), e.g. the primary with its adjudication on a secondary claim. */
  otherPayers?: readonly OtherPayer837P[];
}

export interface Write837PInput {
  practice: Practice;
  submitter: Submitter837P;
  /** Defaults to Office Ally; `gsCode: '330897513'` for receivers that want the tax ID in GS03. */
  receiver?: Partial<Receiver837P>;
  /** ISA13: never repeated for the practice; the caller persists it. */
  interchangeControlNumber: number;
  /** GS06: never repeated for the practice; the caller persists it. */
  groupControlNumber: number;
  /** ISA15. Office Ally ignores it: test files carry OATEST in the file name (see `fileName`). */
  usage: 'T' | 'P';
  /** When the file is made, a UTC instant: ISA09/10, GS04/05, BHT04/05. */
  at: string;
  /** BHT03, the batch's reference (≤ 50 characters); defaults to the interchange control number. */
  reference?: string;
  claims: readonly Claim837PInput[];
  /** Claims per transaction set (ST), at most 5000 (the TR3's recommended limit). */
  maxClaimsPerTransaction?: number;
  /** A newline after each segment terminator (default true). */
  lineBreaks?: boolean;
  delimiters?: Partial<WriterDelimiters>;
}

/** One transaction set of the file: its ST02, the payer it goes to, and its claims in file order. */
export interface Transaction837P {
  controlNumber: string;
  payerId: string;
  claimIds: string[];
}

export interface Write837PResult {
  text: string;
  stCount: number;
  claimCount: number;
  transactions: Transaction837P[];
}

/** Office Ally: at most 5000 transaction sets per file; the TR3: at most 5000 claims per set. */
export const MAX_TRANSACTIONS_PER_FILE = 5000;
export const MAX_CLAIMS_PER_TRANSACTION = 5000;
/** The TR3 allows at most 100 claims (2300) under one subscriber or patient HL. */
const MAX_CLAIMS_PER_HL = 100;

const RESPONSIBILITY: Record<PolicyRank, string> = { 1: 'P', 2: 'S', 3: 'T' };
const PHONE = /^\d{10}$/;

function fail(index: number, segment: string, element: number, reason: string): X12WriteError {
  // The input position, not the claim id or names, identifies the claim (messages may be logged).
  return new X12WriteError(segment, element, `claims[${index}]: ${reason}`);
}

/** A claim with everything resolved that the segments need. */
interface Prepared {
  index: number;
  input: Claim837PInput;
  policy: InsurancePolicy;
  /** Other payers with their policies, in rank order. */
  others: { other: OtherPayer837P; policy: InsurancePolicy }[];
}

function policyOf(client: Client, rank: PolicyRank): InsurancePolicy | undefined {
  return client.policies.find((p) => p.rank === rank);
}

function prepare(input: Claim837PInput, index: number): Prepared {
  const { claim, client, payer } = input;
  if (claim.id.length > 20) throw fail(index, 'CLM', 1, 'the claim ID is longer than 20 characters');
  if (payer.id !== claim.payerId) throw fail(index, 'NM1', 9, "the payer is not the claim's payer");
  if (client.id !== claim.clientId) throw fail(index, 'NM1', 0, "the client is not the claim's client");
  const policy = policyOf(client, claim.policyRank);
  if (policy === undefined || policy.payerId !== claim.payerId) {
    throw fail(index, 'SBR', 0, "the client has no policy of this rank with the claim's payer");
  }
  if ((claim.frequency === '7' || claim.frequency === '8') && !claim.originalReference) {
    throw fail(index, 'REF', 2, 'a corrected or void claim needs the payer claim control number (REF*F8)');
  }
  if (claim.diagnosisCodes.length === 0) throw fail(index, 'HI', 1, 'the claim has no diagnosis code');
  const others: Prepared['others'] = [];
  const seen = new Set<number>();
  for (const other of input.otherPayers ?? []) {
    const p = policyOf(client, other.rank);
    if (other.rank === claim.policyRank || seen.has(other.rank)) {
      throw fail(index, 'SBR', 1, 'other payers need distinct ranks, none equal to the claim rank');
    }
    if (p === undefined || p.payerId !== other.payer.id) {
      throw fail(index, 'SBR', 0, 'an other payer is not the payer of the client policy of that rank');
    }
    seen.add(other.rank);
    others.push({ other, policy: p });
  }
  // A payer ranked ahead of the billed one has adjudicated the claim: its result must travel (2320/2430).
  for (let rank = 1; rank < claim.policyRank; rank++) {
    const o = others.find((x) => x.other.rank === rank);
    if (o === undefined || !o.other.adjudication) {
      throw fail(
        index,
        'SBR',
        1,
        `a rank-${claim.policyRank} claim needs the rank-${rank} payer's adjudication`,
      );
    }
  }
  others.sort((a, b) => a.other.rank - b.other.rank);
  return { index, input, policy, others };
}

function orgNm1(entity: string, name: string, max: number, qualifier: string, id: string): X12Value[] {
  return [entity, '2', requiredText(name, max, 'NM1', 3), '', '', '', '', qualifier, id];
}

function writeAddress(w: X12Writer, a: PostalAddress): void {
  w.segment('N3', requiredText(a.line1, 55, 'N3', 1), x12Text(a.line2 ?? '', 55));
  w.segment('N4', requiredText(a.city, 30, 'N4', 1), a.state, a.zip);
}

function procedure(code: string, modifiers: readonly string[]): X12Value {
  return ['HC', code, ...modifiers];
}

/** Adjudications of this claim's lines by one payer, by line number. */
function linesByNumber(posting: AdjudicationPosting): Map<number, LineAdjudication> {
  const m = new Map<number, LineAdjudication>();
  for (const l of posting.lines) m.set(l.lineNo, l);
  return m;
}

/** Writes a whole 837P. See the module notes at the end of the file for how claims are split into sets. */
export function write837p(input: Write837PInput): Write837PResult {
  const perSet = input.maxClaimsPerTransaction ?? MAX_CLAIMS_PER_TRANSACTION;
  if (!Number.isSafeInteger(perSet) || perSet < 1 || perSet > MAX_CLAIMS_PER_TRANSACTION) {
    throw new X12WriteError('ST', 0, `claims per transaction set must be 1 to ${MAX_CLAIMS_PER_TRANSACTION}`);
  }
  if (input.claims.length === 0) throw new X12WriteError('CLM', 0, 'a file needs at least one claim');
  const prepared = input.claims.map(prepare);

  // One set per payer (first-seen order), cut at `perSet` claims: a 999 that rejects a set then
  // touches one payer's claims only, and the receiver routes each set whole.
  const byPayer = new Map<string, Prepared[]>();
  for (const p of prepared) {
    const key = p.input.payer.payerId;
    const list = byPayer.get(key);
    if (list === undefined) byPayer.set(key, [p]);
    else list.push(p);
  }
  const sets: { payerId: string; claims: Prepared[] }[] = [];
  for (const [payerId, list] of byPayer) {
    for (let i = 0; i < list.length; i += perSet) sets.push({ payerId, claims: list.slice(i, i + perSet) });
  }
  if (sets.length > MAX_TRANSACTIONS_PER_FILE) {
    throw new X12WriteError('ST', 0, `more than ${MAX_TRANSACTIONS_PER_FILE} transaction sets in one file`);
  }

  const r = input.receiver ?? {};
  const receiver: Receiver837P = {
    name: r.name ?? OFFICE_ALLY.name,
    id: r.id ?? OFFICE_ALLY.id,
    qualifier: r.qualifier ?? OFFICE_ALLY.qualifier,
    gsCode: r.gsCode ?? OFFICE_ALLY.gsCode,
  };
  const { practice, submitter } = input;
  const senderId = submitter.id ?? practice.clearinghouse.submitterId;
  const stamp = x12Stamp(input.at);
  const w = new X12Writer({
    lineBreaks: input.lineBreaks ?? true,
    ...(input.delimiters ? { delimiters: input.delimiters } : {}),
  });
  w.beginInterchange({
    senderQualifier: submitter.qualifier ?? 'ZZ',
    senderId,
    receiverQualifier: receiver.qualifier,
    receiverId: receiver.id,
    date: stamp.date.slice(2),
    time: stamp.time,
    controlNumber: input.interchangeControlNumber,
    usage: input.usage,
  });
  w.beginGroup({
    functionalId: 'HC',
    senderCode: senderId,
    receiverCode: receiver.gsCode,
    date: stamp.date,
    time: stamp.time,
    controlNumber: input.groupControlNumber,
    version: X222A1,
  });
  const transactions: Transaction837P[] = [];
  let claimCount = 0;
  sets.forEach((set, i) => {
    const claimIds = writeTransaction(w, input, receiver, senderId, stamp, i + 1, set.claims);
    claimCount += claimIds.length;
    transactions.push({ controlNumber: String(i + 1).padStart(4, '0'), payerId: set.payerId, claimIds });
  });
  w.endGroup();
  w.endInterchange();
  return { text: w.toString(), stCount: sets.length, claimCount, transactions };
}

function writeTransaction(
  w: X12Writer,
  input: Write837PInput,
  receiver: Receiver837P,
  senderId: string,
  stamp: X12Stamp,
  controlNumber: number,
  claims: readonly Prepared[],
): string[] {
  const { practice, submitter } = input;
  const bp = practice.billingProvider;
  w.beginTransaction({ id: '837', controlNumber, implementationReference: X222A1 });
  w.segment(
    'BHT',
    '0019',
    '00',
    input.reference ?? String(input.interchangeControlNumber),
    stamp.date,
    stamp.time,
    'CH',
  );
  // 1000A submitter, 1000B receiver.
  w.segment('NM1', ...orgNm1('41', submitter.name ?? bp.organizationName, 60, '46', senderId));
  const contact: X12Value[] = ['IC', requiredText(submitter.contactName, 60, 'PER', 2)];
  if (submitter.phone !== undefined) {
    if (!PHONE.test(submitter.phone)) throw new X12WriteError('PER', 4, 'the phone number must be 10 digits');
    contact.push('TE', submitter.phone);
  }
  if (submitter.email !== undefined) contact.push('EM', submitter.email);
  if (contact.length === 2)
    throw new X12WriteError('PER', 3, 'the submitter contact needs a phone or an email');
  w.segment('PER', ...contact);
  w.segment('NM1', ...orgNm1('40', receiver.name, 60, '46', receiver.id));

  // 2000A billing provider: the practice (one per set; every claim of a practice bills under it).
  const billingHl = w.hl(null, '20');
  w.segment('PRV', 'BI', 'PXC', bp.taxonomy);
  w.segment('NM1', ...orgNm1('85', bp.organizationName, 60, 'XX', bp.npi));
  writeAddress(w, bp.address);
  w.segment('REF', 'EI', bp.taxId);

  // Claims of one client and policy share a subscriber HL (and a patient HL), up to 100 per HL.
  const groups = new Map<string, Prepared[]>();
  for (const p of claims) {
    const key = `${p.input.client.id}\u0000${p.policy.rank}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [p]);
    else list.push(p);
  }
  const ids: string[] = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i += MAX_CLAIMS_PER_HL) {
      const chunk = list.slice(i, i + MAX_CLAIMS_PER_HL);
      writeSubscriber(w, billingHl, chunk);
      for (const p of chunk) {
        writeClaim(w, practice, p);
        ids.push(p.input.claim.id);
      }
    }
  }
  w.endTransaction();
  return ids;
}

/** 2000B (and 2000C when the patient is not the subscriber) for claims of one client and policy. */
function writeSubscriber(w: X12Writer, billingHl: number, chunk: readonly Prepared[]): void {
  const first = chunk[0]!;
  const { client, payer } = first.input;
  const policy = first.policy;
  const self = policy.relationship === '18';
  const subscriber = self ? client : policy.subscriber;
  if (subscriber === undefined) throw fail(first.index, 'NM1', 0, 'the policy has no subscriber');

  const subscriberHl = w.hl(billingHl, '22');
  w.segment(
    'SBR',
    RESPONSIBILITY[policy.rank],
    self ? '18' : '',
    x12Text(policy.groupNumber ?? '', 50),
    '',
    '',
    '',
    '',
    '',
    payer.claimFilingIndicator,
  );
  w.segment('NM1', ...personNm1('IL', subscriber.name, 'MI', x12Text(policy.memberId, 80)));
  writeAddress(w, subscriber.address);
  w.segment('DMG', 'D8', x12Date(subscriber.dateOfBirth, 'DMG', 2), subscriber.sex);
  // 2010BB: NM109 is the clearinghouse's payer ID, which routes the claim (Office Ally: 35 characters).
  w.segment('NM1', ...orgNm1('PR', payer.name, 35, 'PI', payer.payerId));
  if (self) return;

  w.hl(subscriberHl, '23');
  w.segment('PAT', policy.relationship);
  w.segment('NM1', ...personNm1('QC', client.name));
  writeAddress(w, client.address);
  w.segment('DMG', 'D8', x12Date(client.dateOfBirth, 'DMG', 2), client.sex);
}

/** 2300 claim, 2310B, 2320/2330A/2330B, 2400 lines with 2430. */
function writeClaim(w: X12Writer, practice: Practice, p: Prepared): void {
  const { claim, client, renderingProvider: rendering } = p.input;
  w.segment(
    'CLM',
    claim.id,
    formatCentsDecimal(claimChargeCents(claim)),
    '',
    '',
    [claim.placeOfService, 'B', claim.frequency],
    'Y',
    'A',
    'Y',
    'Y',
  );
  if (p.input.authorizationNumber) w.segment('REF', 'G1', x12Text(p.input.authorizationNumber, 50));
  if (claim.frequency !== '1' && claim.originalReference) w.segment('REF', 'F8', claim.originalReference);
  const hi: X12Value[] = claim.diagnosisCodes.map((code, i) => [
    i === 0 ? 'ABK' : 'ABF',
    code.replace('.', ''),
  ]);
  w.segment('HI', ...hi);

  // 2310B only when someone other than the billing provider rendered the service.
  if (rendering.npi !== practice.billingProvider.npi) {
    w.segment('NM1', ...personNm1('82', rendering.name, 'XX', rendering.npi));
    w.segment('PRV', 'PE', 'PXC', rendering.taxonomy);
  }

  // Per other payer: its line adjudications for the lines of this claim, to split claim vs line CAS.
  const otherLines = p.others.map(({ other }) =>
    other.adjudication ? linesByNumber(other.adjudication) : new Map<number, LineAdjudication>(),
  );
  p.others.forEach(({ other, policy }, i) => {
    const lines = otherLines[i]!;
    const posting = other.adjudication ?? null;
    const self = policy.relationship === '18';
    const subscriber = self ? client : policy.subscriber;
    if (subscriber === undefined) throw fail(p.index, 'NM1', 0, 'an other policy has no subscriber');
    w.segment(
      'SBR',
      RESPONSIBILITY[policy.rank],
      policy.relationship,
      x12Text(policy.groupNumber ?? '', 50),
      '',
      '',
      '',
      '',
      '',
      other.payer.claimFilingIndicator,
    );
    let lineAdjudicated = false;
    if (posting !== null) {
      // 2320 CAS carries what the line CAS (2430) do not: claim totals minus the written lines' sums,
      // so CLM02 = AMT*D + claim CAS + line CAS, the COB balance receivers check.
      const totals: AdjustmentTotals = new Map();
      addAdjustments(totals, posting.adjustments);
      for (const line of claim.lines) {
        const adj = lines.get(line.lineNo);
        if (adj === undefined) continue;
        lineAdjudicated = true;
        addAdjustments(totals, adj.adjustments, -1);
      }
      for (const cas of casSegments(totals)) w.segment('CAS', ...cas);
      w.segment('AMT', 'D', formatCentsDecimal(posting.paidCents));
      const patientOwes = patientResponsibilityCents(posting.adjustments);
      if (patientOwes > 0) w.segment('AMT', 'EAF', formatCentsDecimal(patientOwes));
    }
    w.segment('OI', '', '', 'Y', '', '', 'Y');
    w.segment('NM1', ...personNm1('IL', subscriber.name, 'MI', x12Text(policy.memberId, 80)));
    w.segment('NM1', ...orgNm1('PR', other.payer.name, 35, 'PI', other.payer.payerId));
    // The remittance date goes here when no line carries it (2430 DTP*573).
    if (posting !== null && !lineAdjudicated)
      w.segment('DTP', '573', 'D8', x12Date(posting.at.slice(0, 10), 'DTP', 3));
  });

  claim.lines.forEach((line, n) => {
    w.segment('LX', String(n + 1));
    w.segment(
      'SV1',
      procedure(line.serviceCode, line.modifiers),
      formatCentsDecimal(line.chargeCents),
      'UN',
      String(line.units),
      '',
      '',
      line.diagnosisPointers.map(String),
    );
    w.segment('DTP', '472', 'D8', x12Date(line.dateOfService, 'DTP', 3));
    p.others.forEach(({ other }, i) => {
      const adj = otherLines[i]!.get(line.lineNo);
      if (adj === undefined || !other.adjudication) return;
      const sameCode = adj.serviceCode === line.serviceCode;
      w.segment(
        'SVD',
        other.payer.payerId,
        formatCentsDecimal(adj.paidCents),
        procedure(adj.serviceCode, sameCode ? line.modifiers : []),
        '',
        String(adj.units),
      );
      const totals: AdjustmentTotals = new Map();
      addAdjustments(totals, adj.adjustments);
      for (const cas of casSegments(totals)) w.segment('CAS', ...cas);
      w.segment('DTP', '573', 'D8', x12Date(other.adjudication.at.slice(0, 10), 'DTP', 3));
    });
  });
}

/*
 * How a batch becomes one file (Office Ally: one ISA and one GS per file, at most 5000 ST):
 * - one transaction set per destination payer (by EDI payer ID, in the order payers first appear),
 *   cut every `maxClaimsPerTransaction` claims (default and maximum 5000, the TR3's limit per set);
 *   ST02 runs 0001, 0002, … within the file; `transactions` says which claims went in which set, so a
 *   999 that rejects a set can be traced to its claims.
 * - in each set one billing provider HL (the practice), then one subscriber HL per client and policy
 *   (a patient HL under it when the patient is not the subscriber), at most 100 claims under one HL.
 * Not written (not needed by ClaimGrid's claims today): pay-to address 2010AB/AC, 2310A referring,
 * 2310C service facility, 2310D supervising, 2420x line-level providers, 2410 drug (NDC), line-level
 * REF*G1 when a line draws on another authorization than the claim, SBR05 (Medicare secondary payer
 * type), 2330B REF*F8 (the other payer's claim number), claim notes, attachments (PWK).
 */
