import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Role } from '../../shared/domain/actor.ts';
import { parseDocName } from '../../shared/sync/docNames.ts';
import type { Logger } from '../log.ts';
import { closeCodes, MAX_MESSAGE_BYTES } from './protocol.ts';
import type { Connection } from './room.ts';
import type { RoomRegistry } from './roomRegistry.ts';

/** Who a token belongs to and their role in a practice (null: no access). */
export interface SyncIdentity {
  userId: string;
  roleIn(practiceId: string): Role | null;
}

export interface SyncEndpointOptions {
  registry: RoomRegistry;
  log: Logger;
  /** Resolves a session token; null when unknown, forged or expired. */
  authenticate(token: string): SyncIdentity | null;
  /** Reads the session token from an upgrade request (cookie, bearer header or `token` query). */
  tokenFromRequest(req: IncomingMessage): string | null;
  practiceExists(practiceId: string): boolean;
  /** URL path prefix of the endpoint; the document name follows it. */
  pathPrefix?: string;
  /** How often open connections re-check their session (logout, expiry, removed membership). */
  recheckMs?: number;
}

/**
 * The y-websocket endpoint: `ws://host/sync/<document name>`. Authentication and authorisation happen
 * once per connection, before any document data is sent; a refused connection is accepted and closed
 * at once with a 44xx code and a reason a browser can show (an HTTP error would reach it as nothing).
 */
export function attachSyncEndpoint(server: Server, options: SyncEndpointOptions): WebSocketServer {
  const prefix = options.pathPrefix ?? '/sync/';
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // A connection is only as good as the session that opened it: re-check it now and then, so a
  // logout, an expiry or a removed membership ends live sync, and a changed role changes the rights.
  const sessions = new Map<
    WebSocket,
    { token: string; practiceId: string; conn: Connection; kind: string }
  >();
  const recheck = setInterval(() => {
    for (const [ws, { token, practiceId, conn, kind }] of sessions) {
      const identity = options.authenticate(token);
      const role = identity?.roleIn(practiceId) ?? null;
      if (!identity) ws.close(closeCodes.unauthenticated.code, closeCodes.unauthenticated.reason);
      else if (!role) ws.close(closeCodes.forbidden.code, closeCodes.forbidden.reason);
      else if (role !== conn.role) {
        conn.role = role;
        conn.canWrite = writeRight(role, kind);
      }
    }
  }, options.recheckMs ?? 30_000);
  recheck.unref();
  wss.on('close', () => clearInterval(recheck));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      accept(ws, req, decodeDocName(url.pathname.slice(prefix.length))),
    );
  });

  function accept(ws: WebSocket, req: IncomingMessage, docName: string): void {
    const token = options.tokenFromRequest(req);
    const identity = token ? options.authenticate(token) : null;
    if (!identity) {
      refuse(ws, closeCodes.unauthenticated, docName);
      return;
    }
    // Everything is checked before a room is loaded, so no request can make the server load a
    // document it will not serve.
    const address = parseDocName(docName);
    if (!address || !options.practiceExists(address.practiceId)) {
      refuse(ws, closeCodes.unknownDocument, docName);
      return;
    }
    const role = identity.roleIn(address.practiceId);
    if (!role) {
      refuse(ws, closeCodes.forbidden, docName);
      return;
    }
    const room = options.registry.get(docName)!;
    const conn: Connection = {
      socket: ws,
      userId: identity.userId,
      role,
      canWrite: writeRight(role, address.kind),
      awarenessIds: new Set(),
    };
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const problem = isBinary
        ? room.receive(ws, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
        : closeCodes.malformed;
      if (problem) ws.close(problem.code, problem.reason);
    });
    sessions.set(ws, { token: token!, practiceId: address.practiceId, conn, kind: address.kind });
    ws.on('close', () => {
      sessions.delete(ws);
      room.detach(ws);
    });
    ws.on('error', () => room.detach(ws));
    room.attach(conn);
  }

  function refuse(ws: WebSocket, close: { code: number; reason: string }, docName: string): void {
    options.log.info('sync_refused', { doc: docName.slice(0, 120), code: close.code });
    ws.close(close.code, close.reason);
  }

  return wss;
}

// A name with broken percent-encoding is no document ('' is refused as unknown); decodeURIComponent
// would throw out of the upgrade handler and take the whole process down.
function decodeDocName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

/** Whether a role may write a kind of document: facts are the server's alone; viewers write nothing. */
function writeRight(role: Role, kind: string): boolean {
  return role !== 'viewer' && kind !== 'facts';
}
