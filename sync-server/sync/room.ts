import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Role } from '../../shared/domain/actor.ts';
import type { DocAddress } from '../../shared/sync/docNames.ts';
import type { Logger } from '../log.ts';
import { compactDocNow, shouldCompact } from '../storage/compaction.ts';
import type { Storage } from '../storage/storage.ts';
import {
  type CloseCode,
  closeCodes,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from './protocol.ts';

/** Origin of changes replayed from disk: not persisted again, not broadcast. */
export const LOAD_ORIGIN = Symbol('load');
/** Origin of changes the server itself makes (facts, decisions, generated claims). */
export const SERVER_ORIGIN = Symbol('server');

/** One authenticated WebSocket attached to a room. */
export interface Connection {
  socket: WebSocket;
  userId: string;
  role: Role;
  /** Whether this connection's document updates are applied (else dropped, for everyone). */
  canWrite: boolean;
  /** Awareness client ids this connection announced, removed when it leaves. */
  awarenessIds: Set<number>;
}

/**
 * One live Yjs document on the server and its connections. Every change, from a client or from the
 * server, is appended to storage before it is broadcast, so nothing a client has seen is lost to a crash.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
  #storage: Storage;
  #log: Logger;
  // The update log since the last snapshot, tracked here so the hot path never asks storage.
  #lastSeq = 0;
  #pendingUpdates = 0;
  #pendingBytes = 0;
  /** The whole document encoded, for clients that have nothing yet; dropped on every change. */
  #fullState: Uint8Array | null = null;

  constructor(
    readonly name: string,
    readonly address: DocAddress,
    storage: Storage,
    log: Logger,
  ) {
    this.#storage = storage;
    this.#log = log;
    this.doc = new Y.Doc({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    const stored = storage.loadDoc(name);
    if (stored) {
      this.#lastSeq = stored.lastSeq;
      this.#pendingUpdates = stored.updates.length;
      for (const u of stored.updates) this.#pendingBytes += u.byteLength;
      Y.transact(
        this.doc,
        () => {
          if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, LOAD_ORIGIN);
          for (const u of stored.updates) Y.applyUpdate(this.doc, u, LOAD_ORIGIN);
        },
        LOAD_ORIGIN,
      );
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#persistAndBroadcast(update, origin));
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  #persistAndBroadcast(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.#fullState = null;
    // Durable first: better-sqlite3 commits synchronously, so a crash after this line loses nothing
    // that anyone has been sent.
    this.#lastSeq = this.#storage.appendUpdate(this.name, update);
    this.#pendingUpdates += 1;
    this.#pendingBytes += update.byteLength;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    // The sender already has its own change.
    for (const socket of this.connections.keys()) if (socket !== origin) send(socket, message);
    if (shouldCompact(this.#pendingUpdates, this.#pendingBytes)) this.#scheduleCompaction();
  }

  // Compaction encodes the whole document; the log is already durable, so it waits until the sockets
  // have been written to instead of holding up the broadcast of a large change.
  #compactionScheduled = false;
  #destroyed = false;
  #scheduleCompaction(): void {
    if (this.#compactionScheduled) return;
    this.#compactionScheduled = true;
    setImmediate(() => {
      this.#compactionScheduled = false;
      if (this.#destroyed) return;
      try {
        compactDocNow(this.#storage, this.name, this.doc, this.#lastSeq);
        this.#pendingUpdates = 0;
        this.#pendingBytes = 0;
      } catch (error) {
        // Only an optimisation: the log stays complete, and the next update tries again.
        this.#log.error('sync_compaction_failed', { doc: this.name, error: errorName(error) });
      }
    });
  }

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    const conn = origin instanceof Object ? this.connections.get(origin as WebSocket) : undefined;
    if (conn) {
      for (const id of added) conn.awarenessIds.add(id);
      for (const id of removed) conn.awarenessIds.delete(id);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = encoding.toUint8Array(encoder);
    for (const socket of this.connections.keys()) send(socket, message);
  };

  /** Attaches a connection and starts the sync handshake (server's step 1, then current awareness). */
  attach(conn: Connection): void {
    this.connections.set(conn.socket, conn);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, this.doc);
    send(conn.socket, encoding.toUint8Array(step1));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        enc,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]),
      );
      send(conn.socket, encoding.toUint8Array(enc));
    }
  }

  /** Detaches a connection and withdraws its presence. */
  detach(socket: WebSocket): void {
    const conn = this.connections.get(socket);
    if (!conn) return;
    this.connections.delete(socket);
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
  }

  /**
   * Handles one binary message from a connection. Returns a close code when the connection must be
   * closed (malformed input); the room keeps serving everyone else.
   */
  receive(socket: WebSocket, data: Uint8Array): CloseCode | null {
    const conn = this.connections.get(socket);
    if (!conn) return null;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          return this.#receiveSync(conn, decoder);
        case MESSAGE_AWARENESS: {
          const update = decoding.readVarUint8Array(decoder);
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, socket);
          return null;
        }
        case MESSAGE_QUERY_AWARENESS: {
          const enc = encoding.createEncoder();
          encoding.writeVarUint(enc, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(
            enc,
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
          );
          send(socket, encoding.toUint8Array(enc));
          return null;
        }
        default:
          return closeCodes.malformed;
      }
    } catch (error) {
      this.#log.warn('sync_malformed_message', {
        doc: this.name,
        user: conn.userId,
        error: errorName(error),
      });
      return closeCodes.malformed;
    }
  }

  #receiveSync(conn: Connection, decoder: decoding.Decoder): CloseCode | null {
    const subtype = decoding.readVarUint(decoder);
    if (subtype === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const stateVector = decoding.readVarUint8Array(decoder);
      if (isEmptyStateVector(stateVector)) {
        // A client with nothing yet (a fresh browser, a new colleague) gets the whole document; its
        // encoding is kept until the next change, so a morning of logins encodes it once.
        this.#fullState ??= Y.encodeStateAsUpdate(this.doc);
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, this.#fullState);
      } else {
        syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
      }
      send(conn.socket, encoding.toUint8Array(encoder));
      return null;
    }
    if (subtype !== syncProtocol.messageYjsSyncStep2 && subtype !== syncProtocol.messageYjsUpdate) {
      return closeCodes.malformed;
    }
    const update = decoding.readVarUint8Array(decoder);
    // Read-only connections (viewers; everyone on a facts document) are answered but never applied:
    // their writes reach no replica and no disk.
    if (!conn.canWrite) return null;
    // Decoding first refuses structurally broken updates before they can touch the document.
    Y.decodeUpdate(update);
    Y.applyUpdate(this.doc, update, conn.socket);
    return null;
  }

  /** Closes every connection (shutdown) and releases the document. */
  destroy(close: CloseCode = closeCodes.shuttingDown): void {
    this.#destroyed = true;
    for (const socket of this.connections.keys()) socket.close(close.code, close.reason);
    this.connections.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

// An encoded state vector is a varuint count of clients followed by pairs; a count of 0 means "nothing".
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 0 || (stateVector.length === 1 && stateVector[0] === 0);
}

function send(socket: WebSocket, message: Uint8Array): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(message, (error) => {
    if (error) socket.terminate();
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
