import { formatCents } from '../../../shared/money/format.ts';
import type { ClaimFindings, Finding, PlannedClaim, SubmissionPlan } from './submissionSchemas.ts';
import { computeTotals, payerNameOf, summaryText, type Totals } from './submissionTotals.ts';

/**
 * "New submission" as the screen shows it (SPEC §6, seed 000): the server's plan grouped by payer, the
 * claims that can't go with the scrubber's messages, and the selection (default: every passing claim).
 * The server decides what passes; this only arranges its answer.
 */

/** One file holds at most this many claims (sync-server/submissions/generateBatch.ts MAX_BATCH_CLAIMS). */
export const MAX_FILE_CLAIMS = 5000;

/** The payer choice meaning every payer that takes electronic claims. */
export const ALL_PAYERS = 'all';

/**
 * What this device knows of a claim (its replica's queue row), to name it on screen. The server's
 * submission answers carry ids and codes only, never patient data.
 */
export interface ClaimInfo {
  patient: string;
  payerId: string;
  serviceCodes: string;
}

export interface PayerInfo {
  id: string;
  name: string;
  submission: 'electronic' | 'paper';
}

export interface PayerOption {
  value: string;
  label: string;
}

/** The payer picker: "All EDI payers" first, then each electronic payer by name (paper-only ones can't be in an 837P). */
export function payerOptions(payers: Iterable<PayerInfo>): PayerOption[] {
  const electronic = [...payers]
    .filter((p) => p.submission === 'electronic')
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((p) => ({ value: p.id, label: p.name }));
  return [{ value: ALL_PAYERS, label: 'All EDI payers' }, ...electronic];
}

export interface PlanClaimView {
  claimId: string;
  dateOfService: string;
  units: number;
  chargeCents: number;
  charge: string;
  /** Scrubber warnings: the claim goes, but a biller should know (few authorization units left…). */
  warnings: string[];
}

export interface PlanGroup {
  payerId: string;
  payerName: string;
  claims: PlanClaimView[];
  totalCents: number;
  total: string;
}

export interface FailingClaimView {
  claimId: string;
  /** Errors first (why it can't go), then warnings; each once. */
  messages: string[];
}

export interface FailingGroup {
  payerId: string;
  payerName: string;
  claims: FailingClaimView[];
}

/** Why claims can't go, counted: "Timely filing expired — 12 claims". */
export interface FailingReason {
  code: string;
  label: string;
  claimCount: number;
}

export interface PlanView {
  groups: PlanGroup[];
  failing: FailingGroup[];
  failingCount: number;
  failingReasons: FailingReason[];
  readyCount: number;
  totals: Totals;
}

/** "timely_filing_expired" → "Timely filing expired"; "billing_npi_check_digit" → "Billing NPI check digit". */
export function findingLabel(code: string): string {
  const words = code
    .split('_')
    .filter(Boolean)
    .map((w) => (w === 'npi' || w === 'id' ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function messagesOf(findings: readonly Finding[]): string[] {
  const ordered = [
    ...findings.filter((f) => f.severity === 'error'),
    ...findings.filter((f) => f.severity !== 'error'),
  ];
  return [...new Set(ordered.map((f) => f.message))];
}

const byName = <T extends { payerName: string; payerId: string }>(a: T, b: T) =>
  a.payerName.localeCompare(b.payerName) || a.payerId.localeCompare(b.payerId);

/**
 * Groups the plan by payer (by name; claims keep the server's order, oldest date of service first).
 * `payerOfClaim` places failing claims, which the plan lists by id only (the replica knows their payer).
 */
export function buildPlanView(
  plan: SubmissionPlan,
  payerNames: ReadonlyMap<string, string>,
  payerOfClaim: (claimId: string) => string | undefined = () => undefined,
): PlanView {
  const warnings = new Map(plan.warnings.map((w) => [w.claimId, messagesOf(w.findings)]));
  const groups = new Map<string, PlanGroup>();
  for (const c of plan.claims) {
    let g = groups.get(c.payerId);
    if (!g) {
      g = {
        payerId: c.payerId,
        payerName: payerNameOf(payerNames, c.payerId),
        claims: [],
        totalCents: 0,
        total: '',
      };
      groups.set(c.payerId, g);
    }
    g.claims.push({
      claimId: c.claimId,
      dateOfService: c.dateOfService,
      units: c.units,
      chargeCents: c.chargeCents,
      charge: formatCents(c.chargeCents),
      warnings: warnings.get(c.claimId) ?? [],
    });
    g.totalCents += c.chargeCents;
  }
  for (const g of groups.values()) g.total = formatCents(g.totalCents);

  const failing = new Map<string, FailingGroup>();
  const reasons = new Map<string, FailingReason>();
  for (const f of plan.failing) {
    const payerId = payerOfClaim(f.claimId) ?? '';
    let g = failing.get(payerId);
    if (!g) {
      g = {
        payerId,
        payerName: payerId === '' ? 'Unknown payer' : payerNameOf(payerNames, payerId),
        claims: [],
      };
      failing.set(payerId, g);
    }
    g.claims.push({ claimId: f.claimId, messages: messagesOf(f.findings) });
    countReasons(reasons, f);
  }

  return {
    groups: [...groups.values()].sort(byName),
    failing: [...failing.values()].sort(byName),
    failingCount: plan.failing.length,
    failingReasons: [...reasons.values()].sort(
      (a, b) => b.claimCount - a.claimCount || a.label.localeCompare(b.label),
    ),
    readyCount: plan.claims.length,
    totals: computeTotals(plan.claims, payerNames),
  };
}

/** Each error code counts a claim once, however many lines it is found on. */
function countReasons(reasons: Map<string, FailingReason>, f: ClaimFindings): void {
  const codes = new Set(f.findings.filter((x) => x.severity === 'error').map((x) => x.code));
  for (const code of codes) {
    const r = reasons.get(code) ?? { code, label: findingLabel(code), claimCount: 0 };
    r.claimCount += 1;
    reasons.set(code, r);
  }
}

/** The claims chosen now, in the plan's order. */
export function selectedClaims(plan: SubmissionPlan, selected: ReadonlySet<string>): PlannedClaim[] {
  return plan.claims.filter((c) => selected.has(c.claimId));
}

/** The one line under the list: "12 claims · $2,550.00 selected". */
export function selectionText(plan: SubmissionPlan, selected: ReadonlySet<string>): string {
  let cents = 0;
  let n = 0;
  for (const c of plan.claims) {
    if (!selected.has(c.claimId)) continue;
    n += 1;
    cents += c.chargeCents;
  }
  return `${summaryText(n, cents)} selected`;
}

/** Toggles every claim of `claimIds` on (when any is off) or off (when all are on). */
export function toggleAll(selected: ReadonlySet<string>, claimIds: readonly string[]): Set<string> {
  const next = new Set(selected);
  const allOn = claimIds.length > 0 && claimIds.every((id) => next.has(id));
  for (const id of claimIds) {
    if (allOn) next.delete(id);
    else next.add(id);
  }
  return next;
}

export type GenerateRequest = { payer: string; claimIds?: string[] };

/**
 * What Generate sends: the chosen claims by id, so the file holds exactly what the biller saw. When every
 * claim is chosen and there are more than one file holds, no ids: the server takes the first 5,000 (oldest
 * first) and says how many remain for the next batch.
 */
export function generateRequest(
  plan: SubmissionPlan,
  selected: ReadonlySet<string>,
): { ok: true; request: GenerateRequest } | { ok: false; message: string } {
  const chosen = selectedClaims(plan, selected).map((c) => c.claimId);
  if (chosen.length === 0) return { ok: false, message: 'Choose at least one claim to put in the file.' };
  if (chosen.length <= MAX_FILE_CLAIMS) return { ok: true, request: { payer: plan.payer, claimIds: chosen } };
  if (chosen.length === plan.claims.length) return { ok: true, request: { payer: plan.payer } };
  return {
    ok: false,
    message: `One file holds at most ${MAX_FILE_CLAIMS.toLocaleString('en-US')} claims — choose fewer, or choose all and the oldest ${MAX_FILE_CLAIMS.toLocaleString('en-US')} go first.`,
  };
}
