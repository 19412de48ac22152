import { dollars, lineLabel, shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isBillableUnits, MAX_LINES, MAX_POINTERS, MAX_UNITS } from './limits.ts';
import { isNonNegativeCents, isRecord, type Loose, lineNoOf } from './read.ts';
import { isServiceCode } from './serviceCode.ts';

const REGENERATE = 'regenerate the claim from its session note';

/**
 * Service lines: 1 to 50 of them; on each a valid service code, units > 0, a rate, charge = units × rate,
 * and diagnosis pointers (1–4) that point at diagnoses the claim has.
 */
export function checkLines(claim: Loose, diagnosisCount: number, out: ScrubFinding[]): void {
  const lines = claim.lines;
  if (!Array.isArray(lines) || lines.length === 0) {
    out.push(finding('lines_missing', 'error', `The claim has no service lines — ${REGENERATE}.`, 'lines'));
    return;
  }
  if (lines.length > MAX_LINES) {
    out.push(
      finding(
        'lines_too_many',
        'error',
        `The claim has ${lines.length} service lines; an electronic claim carries at most ${MAX_LINES} — split the services over several claims.`,
        'lines',
      ),
    );
  }
  const n = Math.min(lines.length, MAX_LINES);
  for (let i = 0; i < n; i++) {
    const line: unknown = lines[i];
    const lineNo = lineNoOf(line, i);
    if (!isRecord(line)) {
      out.push(
        finding(
          'line_unreadable',
          'error',
          `${lineLabel(lineNo)} could not be read — ${REGENERATE}.`,
          'lines',
          lineNo,
        ),
      );
      continue;
    }
    checkLine(line, lineNo, diagnosisCount, out);
  }
}

// Messages (and their "Line n" labels) are built only when a finding is made: clean lines allocate nothing.
function checkLine(line: Loose, lineNo: number, diagnosisCount: number, out: ScrubFinding[]): void {
  const code = line.serviceCode;
  if (!isServiceCode(code)) {
    out.push(
      finding(
        'service_code_invalid',
        'error',
        `${lineLabel(lineNo)} service code ${shown(code)} is not a CPT/HCPCS code (5 letters or digits) — correct it on the session note and regenerate the claim.`,
        'serviceCode',
        lineNo,
      ),
    );
  }

  const units = line.units;
  const unitsOk = isBillableUnits(units);
  if (!unitsOk) {
    out.push(
      finding(
        'units_invalid',
        'error',
        `${lineLabel(lineNo)} bills ${shown(units)} units — units must be a whole number from 1 to ${MAX_UNITS}; check the session's minutes, then ${REGENERATE}.`,
        'units',
        lineNo,
      ),
    );
  }

  const rate = line.rateCents;
  let rateOk = false;
  if (rate === null || rate === undefined) {
    out.push(
      finding(
        'rate_missing',
        'error',
        `${lineLabel(lineNo)}${codeSuffix(code)} has no rate — add the code to the payer's fee schedule in Settings → Fee schedules, then ${REGENERATE}.`,
        'rateCents',
        lineNo,
      ),
    );
  } else if (!isNonNegativeCents(rate)) {
    out.push(
      finding(
        'rate_invalid',
        'error',
        `${lineLabel(lineNo)}${codeSuffix(code)} has an invalid rate (${shown(rate)}) — correct the payer's fee schedule, then ${REGENERATE}.`,
        'rateCents',
        lineNo,
      ),
    );
  } else {
    rateOk = true;
  }

  // The charge can only be judged once its factors are sound; their own findings say what to fix first.
  if (unitsOk && rateOk) {
    const expected = (units as number) * (rate as number);
    const charge = line.chargeCents;
    if (charge !== expected) {
      const chargeText = isNonNegativeCents(charge) ? dollars(charge) : shown(charge);
      out.push(
        finding(
          'charge_mismatch',
          'error',
          `${lineLabel(lineNo)} charge ${chargeText} does not equal ${units} units × ${dollars(rate as number)} = ${dollars(expected)} — the claim's data is inconsistent; ${REGENERATE}.`,
          'chargeCents',
          lineNo,
        ),
      );
    }
  }

  checkPointers(line.diagnosisPointers, lineNo, diagnosisCount, out);
}

function codeSuffix(code: unknown): string {
  return isServiceCode(code) ? ` (${code})` : '';
}

function checkPointers(pointers: unknown, lineNo: number, diagnosisCount: number, out: ScrubFinding[]): void {
  if (!Array.isArray(pointers) || pointers.length === 0) {
    out.push(
      finding(
        'diagnosis_pointer_missing',
        'error',
        `${lineLabel(lineNo)} is not linked to any diagnosis — link it to at least one of the claim's diagnoses.`,
        'diagnosisPointers',
        lineNo,
      ),
    );
    return;
  }
  if (pointers.length > MAX_POINTERS) {
    out.push(
      finding(
        'diagnosis_pointer_invalid',
        'error',
        `${lineLabel(lineNo)} is linked to ${pointers.length} diagnoses; a line can carry at most ${MAX_POINTERS} — keep the ${MAX_POINTERS} most relevant.`,
        'diagnosisPointers',
        lineNo,
      ),
    );
    return;
  }
  // With no diagnosis on the claim every pointer would dangle; diagnosis_missing already says what to fix.
  if (diagnosisCount === 0) return;
  for (let j = 0; j < pointers.length; j++) {
    const p: unknown = pointers[j];
    if (typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= diagnosisCount) continue;
    const has = diagnosisCount === 1 ? 'has 1 diagnosis' : `has ${diagnosisCount} diagnoses`;
    out.push(
      finding(
        'diagnosis_pointer_invalid',
        'error',
        `${lineLabel(lineNo)} points at diagnosis ${shown(p)}, but the claim ${has} — relink the line to one of the claim's diagnoses.`,
        'diagnosisPointers',
        lineNo,
      ),
    );
    // One finding per line is enough to send the biller to the right place.
    return;
  }
}
