/** y-websocket message types (the first varuint of every message). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * WebSocket close codes the server uses, with the reason sent beside them. 4000–4999 are free for
 * applications; a client that sees one of these should not blindly reconnect (except 4503).
 */
export const closeCodes = {
  malformed: { code: 4400, reason: 'malformed message: the connection was closed; reload the app' },
  unauthenticated: { code: 4401, reason: 'session expired or invalid: log in again' },
  forbidden: { code: 4403, reason: 'no access to this practice' },
  unknownDocument: { code: 4404, reason: 'unknown document' },
  tooLarge: { code: 4413, reason: 'message too large' },
  shuttingDown: { code: 4503, reason: 'server restarting: reconnect shortly' },
} as const;
export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

/** Largest WebSocket message accepted (a 10k-claim batch is ~200 KB; an offline day a few MB). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
