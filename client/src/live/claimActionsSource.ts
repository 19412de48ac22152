import type { Role } from '../../../shared/domain/actor.ts';
import type { Client } from '../../../shared/domain/client.ts';
import type { Payer } from '../../../shared/domain/payer.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import { refMaps } from '../../../shared/sync/layout.ts';
import type { ClaimActionsContext } from '../queue/claimActions.ts';
import type { PracticeReplica } from '../sync/practiceReplica.ts';

/**
 * What the claim detail's server actions need, from the replica: the claim as this device has it, its
 * client (policies, name for the invoice), the practice and payer names. Null when the claim isn't here.
 */
export function claimActionsFromReplica(
  replica: PracticeReplica,
  claimId: string,
  base: { practiceId: string; role: Role; online: boolean; onOpenClaim: (claimId: string) => void },
): ClaimActionsContext | null {
  const claim = replica.claim(claimId);
  if (claim === null) return null;
  const payers = new Map<string, string>();
  for (const p of replica.ref.getMap<Payer>(refMaps.payers).values()) payers.set(p.id, p.name);
  return {
    ...base,
    claim,
    client: replica.ref.getMap<Client>(refMaps.clients).get(claim.clientId) ?? null,
    practice: replica.ref.getMap<Practice>(refMaps.practice).get('practice') ?? null,
    payers,
    isClaimHere: (id) => replica.has(id),
  };
}
