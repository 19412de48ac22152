import { Client } from 'ssh2';
import { hostKeyFingerprint } from './hostKey.ts';

export type HostKeyReading = { ok: true; hostKeySha256: string } | { ok: false; message: string };

/**
 * The fingerprint of the host key an SSH server presents, read without logging in: the key exchange
 * is stopped at the host key check. For Settings, where an admin compares it with the fingerprint the
 * clearinghouse publishes before pinning it — a key read over the network is only as good as that
 * comparison, which is why it is shown and never saved by itself.
 */
export function readHostKey(host: string, port: number, timeoutMs = 10_000): Promise<HostKeyReading> {
  return new Promise((resolve) => {
    const client = new Client();
    let settled = false;
    const finish = (reading: HostKeyReading) => {
      if (settled) return;
      settled = true;
      client.end();
      resolve(reading);
    };
    client.on('error', (err: Error & { code?: string; level?: string }) => {
      finish({
        ok: false,
        message:
          err.code === 'ECONNREFUSED'
            ? `Nothing answers on ${host}:${port}: check the host name and port.`
            : err.code === 'ENOTFOUND'
              ? `The host name ${host} is not known: check it.`
              : err.level === 'client-timeout'
                ? `${host}:${port} did not answer in time.`
                : `Could not read the host key of ${host}:${port}: the server did not complete an SSH handshake.`,
      });
    });
    try {
      client.connect({
        host,
        port,
        username: 'host-key-check',
        readyTimeout: timeoutMs,
        hostVerifier: (key: Buffer) => {
          finish({ ok: true, hostKeySha256: hostKeyFingerprint(key) });
          return false;
        },
      });
    } catch {
      finish({ ok: false, message: 'Enter a host name and a port from 1 to 65535.' });
    }
  });
}
