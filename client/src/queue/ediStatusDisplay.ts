import type { EdiStatus } from '../../../shared/domain/claimStatus.ts';

/** Colour family of an EDI status (seed 002): red rejected, blue on its way, green accepted. */
export type EdiTone = 'none' | 'progress' | 'accepted' | 'rejected';

/** How one EDI status reads in the grid. */
export interface EdiStatusDisplay {
  label: string;
  tone: EdiTone;
}

const displays: Record<EdiStatus, EdiStatusDisplay> = {
  not_sent: { label: 'Not sent', tone: 'none' },
  sent: { label: 'Sent', tone: 'progress' },
  accepted_clearinghouse: { label: 'Accepted by clearinghouse', tone: 'accepted' },
  accepted_payer: { label: 'Accepted by payer', tone: 'accepted' },
  rejected_clearinghouse: { label: 'Rejected by clearinghouse', tone: 'rejected' },
  rejected_payer: { label: 'Rejected by payer', tone: 'rejected' },
};

/** Label and colour family of an EDI status. */
export function ediStatusDisplay(status: EdiStatus): EdiStatusDisplay {
  return displays[status];
}
