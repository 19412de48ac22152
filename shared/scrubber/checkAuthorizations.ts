import { lineLabel, payerLabel, shown } from './display.ts';
import { finding, type ScrubFinding, type ScrubSeverity } from './findings.ts';
import { isIsoDate } from './isoDate.ts';
import { isBillableUnits, MAX_LINES } from './limits.ts';
import { isRecord, type Loose, lineNoOf } from './read.ts';
import type { ScrubContext } from './scrubContext.ts';
import { isServiceCode } from './serviceCode.ts';

// A linked authorization is checked even when the payer does not require one (its units are drawn on
// submission either way), but then its problems are warnings: unlinking it is also a fix.
const OPTIONAL_NOTE = ' (this payer does not require authorization, so unlinking it also works)';

function isRequired(payer: Loose | undefined): boolean {
  return payer !== undefined && payer.requiresAuthorization === true;
}

function severityFor(payer: Loose | undefined): ScrubSeverity {
  return isRequired(payer) ? 'error' : 'warning';
}

function noteFor(payer: Loose | undefined): string {
  return isRequired(payer) ? '' : OPTIONAL_NOTE;
}

function authName(auth: Loose): string {
  return `Authorization ${shown(auth.number)}`;
}

/**
 * Prior authorizations. When the payer requires one, every line must link one; every linked authorization
 * must exist, belong to the claim's client and payer, cover the line's code and date, and have enough
 * remaining units for all of this claim's lines that draw on it (warning when under 10% would be left).
 */
export function checkAuthorizations(
  claim: Loose,
  ctx: ScrubContext,
  payer: Loose | undefined,
  out: ScrubFinding[],
): void {
  const claimAuthId = claim.authorizationId;
  if (claimAuthId !== null && claimAuthId !== undefined) {
    if (typeof claimAuthId !== 'string' || !isRecord(ctx.authorizationsById.get(claimAuthId))) {
      out.push(
        finding(
          'authorization_not_found',
          severityFor(payer),
          `The claim's authorization is not on file (it may have been deleted) — link a current authorization from the client's Authorizations${noteFor(payer)}.`,
          'authorizationId',
        ),
      );
    }
  }

  const lines = claim.lines;
  if (!Array.isArray(lines)) return;
  const count = Math.min(lines.length, MAX_LINES);
  for (let i = 0; i < count; i++) {
    const line: unknown = lines[i];
    if (!isRecord(line)) continue;
    const authId = line.authorizationId;
    if (authId === null || authId === undefined) {
      if (isRequired(payer)) {
        const lineNo = lineNoOf(line, i);
        out.push(
          finding(
            'authorization_missing',
            'error',
            `${lineLabel(lineNo)} has no prior authorization, and ${payerLabel(payer)} requires one — link the client's authorization for this service (client → Authorizations).`,
            'authorizationId',
            lineNo,
          ),
        );
      }
      continue;
    }
    checkLinkedAuthorization(claim, lines, count, payer, ctx, i, out);
  }
}

// True when no earlier line links the same authorization: authorization-wide problems are reported
// once, on the first line drawing on it. Lines are few (≤ 50), so a scan beats allocating a set.
function isFirstLineDrawingOn(lines: readonly unknown[], authId: unknown, index: number): boolean {
  for (let j = 0; j < index; j++) {
    const other: unknown = lines[j];
    if (isRecord(other) && other.authorizationId === authId) return false;
  }
  return true;
}

function checkLinkedAuthorization(
  claim: Loose,
  lines: readonly unknown[],
  count: number,
  payer: Loose | undefined,
  ctx: ScrubContext,
  index: number,
  out: ScrubFinding[],
): void {
  const line = lines[index] as Loose;
  const authId = line.authorizationId;
  const lineNo = lineNoOf(line, index);
  const auth: unknown = typeof authId === 'string' ? ctx.authorizationsById.get(authId) : undefined;
  const first = isFirstLineDrawingOn(lines, authId, index);
  if (!isRecord(auth)) {
    if (first) {
      out.push(
        finding(
          'authorization_not_found',
          severityFor(payer),
          `${lineLabel(lineNo)}'s authorization is not on file (it may have been deleted) — link a current authorization from the client's Authorizations${noteFor(payer)}.`,
          'authorizationId',
          lineNo,
        ),
      );
    }
    return;
  }
  if (first) {
    if (auth.clientId !== claim.clientId) {
      out.push(
        finding(
          'authorization_wrong_client',
          severityFor(payer),
          `${authName(auth)} belongs to a different client — link this client's own authorization${noteFor(payer)}.`,
          'authorizationId',
          lineNo,
        ),
      );
    }
    if (auth.payerId !== claim.payerId) {
      out.push(
        finding(
          'authorization_wrong_payer',
          severityFor(payer),
          `${authName(auth)} was issued by another payer than this claim's (${payerLabel(payer)}) — link the authorization from this claim's payer${noteFor(payer)}.`,
          'authorizationId',
          lineNo,
        ),
      );
    }
    checkRemainingUnits(lines, count, payer, auth, index, lineNo, out);
  }
  checkCoverage(payer, auth, line, lineNo, out);
}

function covers(serviceCodes: unknown, code: string): boolean {
  if (!Array.isArray(serviceCodes)) return false;
  for (let i = 0; i < serviceCodes.length; i++) if (serviceCodes[i] === code) return true;
  return false;
}

function checkCoverage(
  payer: Loose | undefined,
  auth: Loose,
  line: Loose,
  lineNo: number,
  out: ScrubFinding[],
): void {
  const code = line.serviceCode;
  // An unreadable code is reported by checkLines; whether an authorization covers it cannot be judged.
  if (isServiceCode(code) && !covers(auth.serviceCodes, code)) {
    out.push(
      finding(
        'authorization_code_not_covered',
        severityFor(payer),
        `${authName(auth)} does not cover service code ${shown(code)} (line ${lineNo}) — ask the payer to add the code, or link an authorization that covers it${noteFor(payer)}.`,
        'authorizationId',
        lineNo,
      ),
    );
  }
  const dos = line.dateOfService;
  // An unreadable date of service is reported by checkDatesOfService.
  if (!isIsoDate(dos)) return;
  const start = auth.startDate;
  const end = auth.endDate;
  if (!isIsoDate(start) || dos < start) {
    const why = isIsoDate(start)
      ? `starts on ${start}, after`
      : 'has no valid start date, so it cannot cover';
    out.push(
      finding(
        'authorization_not_started',
        severityFor(payer),
        `${authName(auth)} ${why} the date of service ${dos} (line ${lineNo}) — link the authorization that covered that date, or correct its dates${noteFor(payer)}.`,
        'authorizationId',
        lineNo,
      ),
    );
  } else if (!isIsoDate(end) || dos > end) {
    const why = isIsoDate(end) ? `expired on ${end}, before` : 'has no valid end date, so it cannot cover';
    out.push(
      finding(
        'authorization_expired',
        severityFor(payer),
        `${authName(auth)} ${why} the date of service ${dos} (line ${lineNo}) — request a new authorization from the payer and link it${noteFor(payer)}.`,
        'authorizationId',
        lineNo,
      ),
    );
  }
}

function isUnitCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function checkRemainingUnits(
  lines: readonly unknown[],
  count: number,
  payer: Loose | undefined,
  auth: Loose,
  index: number,
  lineNo: number,
  out: ScrubFinding[],
): void {
  const authId = (lines[index] as Loose).authorizationId;
  // Units this claim draws on the authorization: every line linking it (none before `index` does).
  let drawn = 0;
  for (let j = index; j < count; j++) {
    const other: unknown = lines[j];
    if (isRecord(other) && other.authorizationId === authId && isBillableUnits(other.units))
      drawn += other.units;
  }
  if (drawn === 0) return;
  const authorized = auth.unitsAuthorized;
  const used = auth.unitsUsed;
  if (!isUnitCount(authorized) || !isUnitCount(used)) {
    out.push(
      finding(
        'authorization_units_exceeded',
        severityFor(payer),
        `${authName(auth)} has no readable unit counts — enter its authorized and used units in the client's Authorizations${noteFor(payer)}.`,
        'authorizationId',
        lineNo,
      ),
    );
    return;
  }
  const remaining = authorized - used;
  if (drawn > remaining) {
    const left = remaining > 0 ? `has only ${remaining} units left` : 'has no units left';
    out.push(
      finding(
        'authorization_units_exceeded',
        severityFor(payer),
        `${authName(auth)} ${left} (${used} of ${authorized} used) but this claim bills ${drawn} — request more units from the payer, or bill fewer units${noteFor(payer)}.`,
        'authorizationId',
        lineNo,
      ),
    );
    return;
  }
  // (remaining after this claim) / authorized < 10%, in integers: no division, no float.
  const after = remaining - drawn;
  if (after * 10 < authorized) {
    out.push(
      finding(
        'authorization_units_low',
        'warning',
        `${authName(auth)} will have ${after} of ${authorized} units left after this claim (under 10%) — request a renewal from the payer soon.`,
        'authorizationId',
        lineNo,
      ),
    );
  }
}
