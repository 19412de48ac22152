// Helpers for the submission tests (not used by the server): the vault pointed at a test sshd, REST calls,
// and what the server holds (claims, authorization units).
import fs from 'node:fs';
import path from 'node:path';
import type { Authorization } from '../../shared/domain/authorization.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import { refDocName } from '../../shared/sync/docNames.ts';
import { refMaps } from '../../shared/sync/layout.ts';
import {
  type ClearinghouseCredentials,
  loadVaultKey,
  openCredentialVault,
} from '../clearinghouse/credentialVault.ts';
import { serverClaim } from '../testing/serverClaim.ts';
import type { SshdServer } from '../testing/sshdServer.ts';
import type { TestServer } from '../testing/testServer.ts';
import { unitsByAuthorization } from './recordSubmitted.ts';

/** Saves the practice's clearinghouse credentials in the server's own vault (same data dir, same key). */
export function configureVault(
  t: TestServer,
  sshd: SshdServer,
  overrides: Partial<ClearinghouseCredentials> = {},
): void {
  const vault = openCredentialVault({ dataDir: t.dataDir, key: loadVaultKey(process.env, t.dataDir).key });
  vault.save(t.practice.practice.id, {
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKey: sshd.privateKey,
    hostKeySha256: sshd.hostKeyFingerprint,
    ...overrides,
  });
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read whatever the route answered
  json: any;
  text: string;
  headers: Headers;
}

/** One REST call as a logged-in user (bearer token); `token` null for none. */
export async function call(
  t: TestServer,
  token: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  urlPath: string,
  body?: unknown,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.server.url}${urlPath}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (the .x12 download).
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** The synthetic claim with this id (as seeded). */
export function seeded(t: TestServer, claimId: string): Claim {
  const claim = t.practice.claims.find((c) => c.id === claimId);
  if (!claim) throw new Error(`no seeded claim ${claimId}`);
  return claim;
}

/** The claim as the server holds it now. */
export function onServer(t: TestServer, claimId: string): Claim | null {
  return serverClaim(t.server, t.practice.practice.id, seeded(t, claimId));
}

/** unitsUsed of every authorization in the server's ref document. */
export function unitsUsed(t: TestServer): Map<string, number> {
  const ref = t.server.registry.get(refDocName(t.practice.practice.id))!.doc;
  const out = new Map<string, number>();
  for (const [id, a] of ref.getMap<Authorization>(refMaps.authorizations)) out.set(id, a.unitsUsed);
  return out;
}

/** `before` plus the units the claims draw on their authorizations (what one submission must add). */
export function plusDrawn(
  before: ReadonlyMap<string, number>,
  claims: readonly Claim[],
): Map<string, number> {
  const out = new Map(before);
  for (const [id, units] of unitsByAuthorization(claims)) out.set(id, (out.get(id) ?? 0) + units);
  return out;
}

/** Files (not hidden) in the test sshd's inbound folder. */
export function inbound(sshd: SshdServer): string[] {
  return fs
    .readdirSync(path.join(sshd.rootDir, 'inbound'))
    .filter((n) => !n.startsWith('.'))
    .sort();
}
