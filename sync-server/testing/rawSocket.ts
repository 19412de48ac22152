import WebSocket from 'ws';

/** A bare WebSocket to the sync endpoint: what a modified or broken client can do. */
export interface RawSocket {
  ws: WebSocket;
  /** Binary messages received from the server, in order. */
  received: Uint8Array[];
  /** Resolves when the socket opens (rejects if it closes or fails first). */
  opened: Promise<void>;
  /** Resolves with the close code and reason once the socket is closed, however it ended. */
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * Opens `ws://…/sync/<path>` with `token` as a query parameter (omitted when null). `path` is put in
 * the URL as given, so tests can send names the server must refuse, encoded or not.
 */
export function openRawSocket(serverUrl: string, path: string, token: string | null): RawSocket {
  const base = `${serverUrl.replace(/^http/, 'ws')}/sync/${path}`;
  const ws = new WebSocket(token === null ? base : `${base}?token=${encodeURIComponent(token)}`);
  const received: Uint8Array[] = [];
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) received.push(new Uint8Array(data));
  });
  // A reset while sending (e.g. an oversized message the server refuses mid-frame) is not an error here:
  // what the test looks at is how the connection ended.
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before opening')));
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, received, opened, closed };
}
