import type { Parsed835Claim } from '../x12/ack/read835.ts';
import type { RemittanceEntry } from './entryProblems.ts';

/** One CLP as read from an 835, as the posting engine takes it (lines numbered in file order). */
export function remittanceEntry(c: Parsed835Claim): RemittanceEntry {
  return {
    patientControlNumber: c.patientControlNumber,
    statusCode: c.statusCode,
    chargeCents: c.chargeCents,
    paidCents: c.paidCents,
    patientResponsibilityCents: c.patientRespCents,
    allowedCents: c.allowedCents,
    payerClaimControlNumber: c.payerClaimControlNumber,
    adjustments: c.adjustments.map((a) => ({ ...a })),
    remarks: [...c.remarks],
    lines: c.lines.map((l, i) => ({
      lineNo: i + 1,
      serviceCode: l.procedure,
      chargeCents: l.chargeCents,
      paidCents: l.paidCents,
      units: l.units,
      adjustments: l.adjustments.map((a) => ({ ...a })),
    })),
  };
}
