import { createHash } from 'node:crypto';
import type { AckEnvelope } from '../../shared/x12/ack/envelope.ts';
import {
  type Ack277CAClaim,
  type Ack277CAProvider,
  type Ack277CASource,
  write277ca,
} from '../../shared/x12/ack/write277ca.ts';
import {
  CLAIM_FILING_CODES_835,
  type ClaimStatus835,
  type Remit835Claim,
  type Remit835Payment,
  write835,
} from '../../shared/x12/ack/write835.ts';
import { type Ack999Status, write999 } from '../../shared/x12/ack/write999.ts';
import type { Sim837P, SimClaim } from './parse837p.ts';
import { adjudicate, type ClaimDecision, type SimulatorRules } from './rules.ts';

export interface AnswerOptions {
  rules: SimulatorRules;
  /** When the answers are made (UTC instant): envelope dates, 277CA dates, the 835's payment date. */
  at: string;
  /** ISA13 / GS06 of each file made; never repeated (the simulator persists its counter). */
  nextControlNumber: () => number;
  /** The inbound file's SHA-256 (hex): payer claim control numbers and trace numbers derive from it. */
  fileId: string;
}

/** What happened to one claim, for the simulator's record and the tests. */
export interface ClaimAnswer {
  patientControlNumber: string;
  transactionControlNumber: string;
  /** set_rejected: its transaction set failed the 999; rejected: the 277CA rejects it; else adjudicated. */
  outcome: 'set_rejected' | 'rejected' | 'adjudicated';
  /** 277CA statuses as `category:code[:entity]`. */
  statusCodes: string[];
  payerClaimControlNumber: string | null;
  /** CLP02 and CLP04 when it is in the 835 (voids are acknowledged but not remitted). */
  remit: { status: ClaimStatus835; paidCents: number } | null;
}

export interface Answer {
  ack999: { text: string; groupStatus: Ack999Status };
  /** Null when no transaction set was accepted. */
  ack277ca: { text: string } | null;
  /** Null when no claim was adjudicated. */
  remit835: { text: string; totals: number[] } | null;
  claims: ClaimAnswer[];
}

/** 837 SBR09 → 835 CLP06: the 835 has no 'CI' (commercial) or 'BL'; a PPO code stands in for them. */
const FILING_835: Readonly<Record<string, string>> = { CI: '12', BL: '12', '11': 'ZZ' };

function filingIndicator835(sbr09: string): string {
  return CLAIM_FILING_CODES_835.has(sbr09) ? sbr09 : (FILING_835[sbr09] ?? 'ZZ');
}

/** A synthetic payer tax id for TRN03 ('1' + 9 digits), stable per payer ID. */
function payerIdentifier(payerId: string): string {
  const n = createHash('sha256').update(payerId).digest().readUInt32BE(0) % 1_000_000_000;
  return `1${String(n).padStart(9, '0')}`;
}

const PAYER_ADDRESS = { line1: 'PO Box 1000', city: 'Austin', state: 'TX', zip: '787011000' };
const PAYER_CONTACT = { name: 'Simulated payer EDI support', phone: '8005550100' };

function dateOf(at: string): string {
  return at.slice(0, 10);
}

function serviceDates(claim: SimClaim, fallback: string): { from: string; to: string } {
  const dates = claim.lines.map((l) => l.serviceDate).filter((d): d is string => d !== null);
  if (dates.length === 0) return { from: fallback, to: fallback };
  dates.sort();
  return { from: dates[0]!, to: dates[dates.length - 1]! };
}

function code(s: { category: string; code: string; entity?: string }): string {
  return [s.category, s.code, s.entity].filter(Boolean).join(':');
}

/**
 * The clearinghouse's and payer's answers to one parsed 837P: a 999 for the group (sets with syntax
 * findings rejected), a 277CA for the claims of the accepted sets (rejected by the rules, or accepted
 * into adjudication with a payer claim control number), and an 835 paying the adjudicated claims per
 * payer and billing provider (voids, frequency 8, are acknowledged but not remitted).
 */
export function answer837p(parsed: Sim837P, options: AnswerOptions): Answer {
  const { interchange, group } = parsed;
  const envelope = (): AckEnvelope => {
    const n = options.nextControlNumber();
    return {
      sender: {
        qualifier: interchange.receiverQualifier,
        id: interchange.receiverId,
        gsCode: group.receiverCode,
      },
      receiver: {
        qualifier: interchange.senderQualifier,
        id: interchange.senderId,
        gsCode: group.senderCode,
      },
      interchangeControlNumber: n,
      groupControlNumber: n,
      usage: interchange.usage,
      at: options.at,
    };
  };

  const ack999 = write999({
    ...envelope(),
    group: {
      functionalId: group.functionalId,
      controlNumber: group.controlNumber,
      version: group.version,
      ...(group.declaredCount !== null ? { declaredCount: group.declaredCount } : {}),
      errors: group.errors,
    },
    transactions: parsed.transactions.map((t) => ({
      id: t.id,
      controlNumber: t.controlNumber,
      ...(t.version ? { version: t.version } : {}),
      segmentErrors: t.segmentErrors,
      setErrors: t.setErrors,
    })),
  });
  const groupRejected = ack999.groupStatus === 'R';
  const acceptedSets = new Set(
    groupRejected ? [] : ack999.transactions.filter((t) => t.status === 'A').map((t) => t.controlNumber),
  );

  const today = dateOf(options.at);
  const claims: ClaimAnswer[] = [];
  const decided: { claim: SimClaim; decision: ClaimDecision; answer: ClaimAnswer }[] = [];
  type Provider = Ack277CAProvider & { claims: Ack277CAClaim[] };
  const sources = new Map<string, Omit<Ack277CASource, 'providers'> & { providers: Provider[] }>();
  let index = 0;
  for (const t of parsed.transactions) {
    for (const claim of t.claims) {
      index++;
      const answer: ClaimAnswer = {
        patientControlNumber: claim.patientControlNumber,
        transactionControlNumber: t.controlNumber,
        outcome: 'set_rejected',
        statusCodes: [],
        payerClaimControlNumber: null,
        remit: null,
      };
      claims.push(answer);
      if (!acceptedSets.has(t.controlNumber)) continue;
      const decision = adjudicate(claim, options.rules);
      const statuses =
        decision.outcome === 'rejected' ? decision.rejection.statuses : [{ category: 'A2', code: '20' }];
      answer.outcome = decision.outcome;
      answer.statusCodes = statuses.map(code);
      if (decision.outcome === 'adjudicated') {
        answer.payerClaimControlNumber = `SIM${options.fileId.slice(0, 8).toUpperCase()}${String(index).padStart(5, '0')}`;
        decided.push({ claim, decision, answer });
      }
      let source = sources.get(claim.payer.id);
      if (source === undefined) {
        source = {
          entity: 'PR',
          name: claim.payer.name || claim.payer.id,
          idQualifier: 'PI',
          id: claim.payer.id,
          traceNumber: options.fileId.slice(0, 16).toUpperCase(),
          receivedDate: today,
          processedDate: today,
          receiver: {
            name: t.submitter.name || t.submitter.id,
            id: t.submitter.id,
            batchReference: t.reference,
          },
          providers: [],
        };
        sources.set(claim.payer.id, source);
      }
      let provider: Provider | undefined = source.providers.find((p) => p.npi === claim.billingProvider.npi);
      if (provider === undefined) {
        provider = { name: claim.billingProvider.name, npi: claim.billingProvider.npi, claims: [] };
        source.providers.push(provider);
      }
      const dates = serviceDates(claim, today);
      provider.claims.push({
        patient: { ...claim.patient, memberId: claim.subscriber.memberId },
        patientControlNumber: claim.patientControlNumber,
        chargeCents: claim.chargeCents,
        statuses,
        ...(decision.outcome === 'rejected' ? { message: decision.rejection.message } : {}),
        ...(answer.payerClaimControlNumber
          ? { payerClaimControlNumber: answer.payerClaimControlNumber }
          : {}),
        // Office Ally's own number for the claim (what its support desk asks for).
        clearinghouseClaimId: `OA${options.fileId.slice(0, 8).toUpperCase()}${String(index).padStart(5, '0')}`,
        serviceFrom: dates.from,
        serviceTo: dates.to,
      });
    }
  }

  const ack277ca =
    sources.size === 0
      ? null
      : {
          text: write277ca({
            ...envelope(),
            reference: options.fileId.slice(0, 20).toUpperCase(),
            sources: [...sources.values()],
          }).text,
        };

  const payments = new Map<string, Remit835Payment & { claims: Remit835Claim[] }>();
  for (const { claim, decision, answer } of decided) {
    if (decision.outcome !== 'adjudicated' || claim.frequency === '8') continue;
    const key = `${claim.payer.id}\u0000${claim.billingProvider.npi}`;
    let payment = payments.get(key);
    if (payment === undefined) {
      payment = {
        payer: {
          name: claim.payer.name || claim.payer.id,
          identifier: payerIdentifier(claim.payer.id),
          address: PAYER_ADDRESS,
          contact: PAYER_CONTACT,
        },
        payee: {
          name:
            typeof claim.billingProvider.name === 'string'
              ? claim.billingProvider.name
              : claim.billingProvider.name.last,
          npi: claim.billingProvider.npi,
          ...(claim.billingProvider.taxId ? { taxId: claim.billingProvider.taxId } : {}),
        },
        method: 'CHK',
        traceNumber: `${options.fileId.slice(0, 10).toUpperCase()}${payments.size + 1}`,
        paymentDate: today,
        claims: [],
      };
      payments.set(key, payment);
    }
    payment.claims.push({
      patientControlNumber: claim.patientControlNumber,
      status: decision.status,
      chargeCents: claim.chargeCents,
      paidCents: decision.paidCents,
      filingIndicator: filingIndicator835(claim.filingIndicator),
      payerClaimControlNumber: answer.payerClaimControlNumber!,
      placeOfService: claim.placeOfService,
      frequency: claim.frequency,
      patient: { ...claim.patient, memberId: claim.subscriber.memberId },
      lines: decision.lines.map((l) => ({
        procedure: l.line.procedure,
        modifiers: l.line.modifiers,
        chargeCents: l.line.chargeCents,
        paidCents: l.paidCents,
        ...(l.line.units !== null ? { units: l.line.units } : {}),
        ...(l.line.serviceDate ? { serviceDate: l.line.serviceDate } : {}),
        adjustments: l.adjustments,
        ...(l.allowedCents !== null ? { allowedCents: l.allowedCents } : {}),
        remarks: l.remarks,
      })),
    });
    answer.remit = { status: decision.status, paidCents: decision.paidCents };
  }
  for (const p of payments.values()) {
    let total = 0;
    for (const c of p.claims) total += c.paidCents;
    if (total === 0) p.method = 'NON';
  }
  const remit835 = payments.size === 0 ? null : write835({ ...envelope(), payments: [...payments.values()] });

  return {
    ack999: { text: ack999.text, groupStatus: ack999.groupStatus },
    ack277ca,
    remit835: remit835 && { text: remit835.text, totals: remit835.totals },
    claims,
  };
}
