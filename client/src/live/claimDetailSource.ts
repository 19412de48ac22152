import type { Role } from '../../../shared/domain/actor.ts';
import type { Authorization } from '../../../shared/domain/authorization.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { Client } from '../../../shared/domain/client.ts';
import type { Payer } from '../../../shared/domain/payer.ts';
import type { PersonName } from '../../../shared/domain/primitives.ts';
import type { Provider } from '../../../shared/domain/provider.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { refMaps } from '../../../shared/sync/layout.ts';
import { buildClaimDetail, type ClaimDetail, type DetailNames } from '../queue/claimDetail.ts';
import { buildEdiHistory, type EdiHistoryItem } from '../queue/ediHistory.ts';
import type { PracticeReplica } from '../sync/practiceReplica.ts';

/** Where times are shown (tests pin a zone; the device's own by default). */
export interface DetailSourceOptions {
  timeZone?: string;
}

const NO_USERS: ReadonlyMap<string, string> = new Map();

function displayName(name: PersonName): string {
  return name.first === '' ? name.last : `${name.last}, ${name.first}`;
}

// Payer names for the claim's payer and every payer that adjudicated it (a secondary's posting names its own).
function payerNames(replica: PracticeReplica, claim: Claim): Map<string, string> {
  const payers = replica.ref.getMap<Payer>(refMaps.payers);
  const out = new Map<string, string>();
  const ids = [claim.payerId];
  for (const p of claim.postings) if (p.kind === 'adjudication') ids.push(p.payerId);
  for (const id of ids) {
    const name = payers.get(id)?.name;
    if (name !== undefined) out.set(id, name);
  }
  return out;
}

function providerNames(replica: PracticeReplica, ids: readonly string[]): Map<string, string> {
  const providers = replica.ref.getMap<Provider>(refMaps.providers);
  const out = new Map<string, string>();
  for (const id of ids) {
    const p = providers.get(id);
    if (p) out.set(id, displayName(p.name));
  }
  return out;
}

/** The authorization the claim draws on: the claim's own link, else the first line's. */
function authorizationOf(replica: PracticeReplica, claim: Claim): Authorization | null {
  const id = claim.authorizationId ?? claim.lines.find((l) => l.authorizationId !== null)?.authorizationId;
  if (!id) return null;
  return replica.ref.getMap<Authorization>(refMaps.authorizations).get(id) ?? null;
}

/**
 * The claim detail view model of one claim as the replica has it (claim, history, session,
 * authorization, names from the reference data), or null when the claim isn't here (yet) or its
 * session is still being read from the device (`PracticeReplica.detailReady`).
 * `users` maps user ids to display names (at least the signed-in user); others show by role.
 */
export function claimDetailFromReplica(
  replica: PracticeReplica,
  claimId: string,
  role: Role,
  users: ReadonlyMap<string, string> = NO_USERS,
  options: DetailSourceOptions = {},
): ClaimDetail | null {
  // A closed claim may still be on its way from the device; the replica's change listeners say when
  // it is here. Asked first: it starts the read.
  if (!replica.detailReady(claimId)) return null;
  const claim = replica.claim(claimId);
  if (claim === null) return null;
  const session: Session | null = replica.sessionOf(claimId);
  const client = replica.ref.getMap<Client>(refMaps.clients).get(claim.clientId);
  const names: DetailNames = {
    patient: client ? displayName(client.name) : null,
    payers: payerNames(replica, claim),
    providers: providerNames(
      replica,
      session ? [claim.renderingProviderId, session.renderingProviderId] : [claim.renderingProviderId],
    ),
    users,
  };
  return buildClaimDetail({
    claim,
    history: replica.history(claimId),
    session,
    authorization: authorizationOf(replica, claim),
    names,
    role,
    timeZone: options.timeZone,
  });
}

/**
 * One claim's electronic message history from the replica, newest first ([] when the claim isn't here);
 * a closed claim is read back from the device first. What the grid's EDI badge calls when someone
 * opens its popover, never per row render.
 */
export async function ediHistoryFromReplica(
  replica: PracticeReplica,
  claimId: string,
  options: DetailSourceOptions = {},
): Promise<EdiHistoryItem[]> {
  await replica.whenDetailReady(claimId);
  const claim = replica.claim(claimId);
  if (claim === null) return [];
  return buildEdiHistory(claim, replica.history(claimId), {
    timeZone: options.timeZone,
    payers: payerNames(replica, claim),
  });
}
