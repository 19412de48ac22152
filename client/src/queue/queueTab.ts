import { type ClaimStatus, claimStatuses } from '../../../shared/domain/claimStatus.ts';

/** A tab of the queue: one claim status, or every claim. */
export type QueueTab = ClaimStatus | 'All';

/** The tabs in the order the queue shows them: the lifecycle order of SPEC §3, then All. */
export const queueTabs: readonly QueueTab[] = [...claimStatuses, 'All'];
