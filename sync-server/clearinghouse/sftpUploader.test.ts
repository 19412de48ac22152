import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../log.ts';
import { type SshdServer, startSshd } from '../testing/sshdServer.ts';
import { hostKeyFingerprint, parseFingerprint } from './hostKey.ts';
import {
  HostKeyMismatchError,
  RemoteFileConflictError,
  SftpAuthError,
  SftpRemoteError,
  SftpSettingsError,
  SftpUnavailableError,
} from './sftpErrors.ts';
import { download, listOutbound, type SftpConnection, testConnection, uploadFile } from './sftpUploader.ts';

// Every test gets its own OpenSSH sshd on 127.0.0.1 (sync-server/testing/sshdServer.ts), stopped in
// afterEach whatever the outcome (and SIGKILLed on process exit as a last resort).
let server: SshdServer;
let logLines: string[];
let log: Logger;

beforeEach(async () => {
  server = await startSshd();
  logLines = [];
  log = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
});
afterEach(async () => {
  await server?.stop();
});

const NAME = 'CG_B0001_837P_OATEST.x12';

function connection(overrides: Partial<SftpConnection> = {}): SftpConnection {
  return {
    host: server.host,
    port: server.port,
    username: server.username,
    privateKey: server.privateKey,
    hostKeySha256: server.hostKeyFingerprint,
    ...overrides,
  };
}

/** Deterministic X12-looking content of `bytes` bytes. */
function x12(bytes: number, seed = 'A'): Buffer {
  const segment = `CLM*${seed}0000001*125.00***11:B:1*Y*A*Y*Y~\n`;
  return Buffer.from(segment.repeat(Math.ceil(bytes / segment.length)).slice(0, bytes));
}

const inboundPath = (name = '') => path.join(server.rootDir, 'inbound', name);
const inbound = () => fs.readdirSync(inboundPath()).sort();
const events = (name: string) => logLines.filter((l) => (JSON.parse(l) as { event: string }).event === name);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('clearinghouse SFTP against OpenSSH sshd', { timeout: 60_000 }, () => {
  it('pins the host key in the SHA256 form ssh-keygen prints', () => {
    const printed = execFileSync('ssh-keygen', ['-lf', server.hostPublicKeyPath]).toString();
    expect(printed).toContain(` ${server.hostKeyFingerprint} `);
    const blob = Buffer.from(fs.readFileSync(server.hostPublicKeyPath, 'utf8').split(' ')[1]!, 'base64');
    expect(hostKeyFingerprint(blob)).toBe(server.hostKeyFingerprint);
    const bare = server.hostKeyFingerprint.slice('SHA256:'.length);
    expect(parseFingerprint(bare)).toEqual(parseFingerprint(server.hostKeyFingerprint));
    expect(parseFingerprint(`${bare}=`)).toEqual(parseFingerprint(server.hostKeyFingerprint));
    expect(parseFingerprint('MD5:12:34')).toBeNull();
    expect(parseFingerprint('SHA256:tooshort')).toBeNull();
  });

  it('uploads into inbound under a temp name and renames it: the final name appears only complete', async () => {
    const content = x12(200_000);
    const atRename: { listing: string[]; partSize: number }[] = [];
    const result = await uploadFile(
      { connection: connection(), localName: NAME, content },
      {
        log,
        hooks: {
          beforeRename: () => {
            atRename.push({ listing: inbound(), partSize: fs.statSync(inboundPath(`.${NAME}.part`)).size });
          },
        },
      },
    );
    expect(atRename).toEqual([{ listing: [`.${NAME}.part`], partSize: content.length }]);
    expect(result).toEqual({
      remotePath: `inbound/${NAME}`,
      attempts: 1,
      bytes: content.length,
      alreadyPresent: false,
    });
    expect(inbound()).toEqual([NAME]);
    expect(fs.readFileSync(inboundPath(NAME)).equals(content)).toBe(true);
    expect(events('sftp_upload_done')).toHaveLength(1);
  });

  it('accepts string content and a fingerprint written without the SHA256: prefix', async () => {
    const text = 'ISA*00*          *00*          *ZZ*SUBMITTER~\n';
    const result = await uploadFile({
      connection: connection({ hostKeySha256: server.hostKeyFingerprint.slice(7) }),
      localName: NAME,
      content: text,
    });
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(fs.readFileSync(inboundPath(NAME), 'utf8')).toBe(text);
  });

  it('refuses a server whose host key is not the pinned one: no login, nothing uploaded, no retry', async () => {
    const otherKey = fs.readFileSync(path.join(server.dir, 'other_ed25519.pub'), 'utf8').split(' ')[1]!;
    const pinned = hostKeyFingerprint(Buffer.from(otherKey, 'base64'));
    let connected = 0;
    const err = await rejection(
      uploadFile(
        { connection: connection({ hostKeySha256: pinned }), localName: NAME, content: x12(1000) },
        { log, retries: 5, backoffMs: 1, hooks: { afterConnect: () => void connected++ } },
      ),
    );
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    const mismatch = err as HostKeyMismatchError;
    expect(mismatch.attempts).toBe(1);
    expect(mismatch.expected).toBe(pinned);
    expect(mismatch.presented).toBe(server.hostKeyFingerprint);
    expect(mismatch.message).toContain('nothing was sent');
    expect(connected).toBe(0);
    expect(inbound()).toEqual([]);
    expect(events('sftp_attempt_failed')).toHaveLength(0);
    expect(events('sftp_host_key_mismatch')).toHaveLength(1);
  });

  it('a connection dropped mid-upload is retried and the file lands once, complete', async () => {
    const content = x12(1_000_000);
    const chunksPerAttempt = new Map<number, number>();
    let dropped = false;
    const result = await uploadFile(
      { connection: connection(), localName: NAME, content },
      {
        log,
        backoffMs: 1,
        beforeRetry: () => server.restart(),
        hooks: {
          afterChunk: async (attempt) => {
            chunksPerAttempt.set(attempt, (chunksPerAttempt.get(attempt) ?? 0) + 1);
            if (attempt === 1 && !dropped) {
              dropped = true;
              await server.kill();
            }
          },
        },
      },
    );
    expect(dropped).toBe(true);
    expect(result.attempts).toBe(2);
    expect(result.alreadyPresent).toBe(false);
    expect(chunksPerAttempt.get(2)).toBe(Math.ceil(content.length / 32_768));
    expect(inbound()).toEqual([NAME]);
    expect(fs.readFileSync(inboundPath(NAME)).equals(content)).toBe(true);
    expect(events('sftp_attempt_failed')).toHaveLength(1);
  });

  it('a connection dropped before the rename leaves a .part that the retry overwrites; one file, right content', async () => {
    const content = x12(100_000, 'B');
    const seenBeforeRetry: string[][] = [];
    const result = await uploadFile(
      { connection: connection(), localName: NAME, content },
      {
        log,
        backoffMs: 1,
        beforeRetry: async () => {
          seenBeforeRetry.push(inbound());
          // Make the leftover longer than the real file, so a retry that appended or failed to truncate shows.
          fs.writeFileSync(inboundPath(`.${NAME}.part`), x12(300_000, 'Z'));
          await server.restart();
        },
        hooks: {
          beforeRename: async (attempt) => {
            if (attempt === 1) await server.kill();
          },
        },
      },
    );
    expect(seenBeforeRetry).toEqual([[`.${NAME}.part`]]);
    expect(result).toMatchObject({ attempts: 2, alreadyPresent: false, bytes: content.length });
    expect(inbound()).toEqual([NAME]);
    expect(fs.readFileSync(inboundPath(NAME)).equals(content)).toBe(true);
  });

  it('a connection dropped after the rename (its reply lost) is not sent twice', async () => {
    const content = x12(150_000, 'C');
    const sentIn = new Set<number>();
    let inode = -1;
    const result = await uploadFile(
      { connection: connection(), localName: NAME, content },
      {
        log,
        backoffMs: 1,
        beforeRetry: async () => {
          inode = fs.statSync(inboundPath(NAME)).ino;
          await server.restart();
        },
        hooks: {
          afterChunk: (attempt) => void sentIn.add(attempt),
          afterRename: async (attempt) => {
            if (attempt === 1) await server.kill();
          },
        },
      },
    );
    expect(result).toMatchObject({ attempts: 2, alreadyPresent: true });
    expect([...sentIn]).toEqual([1]);
    expect(inbound()).toEqual([NAME]);
    expect(fs.statSync(inboundPath(NAME)).ino).toBe(inode);
    expect(fs.readFileSync(inboundPath(NAME)).equals(content)).toBe(true);
  });

  it('sending the same file again sends nothing; a different file under that name is refused and kept', async () => {
    const content = x12(50_000, 'D');
    await uploadFile({ connection: connection(), localName: NAME, content });
    let chunks = 0;
    const again = await uploadFile(
      { connection: connection(), localName: NAME, content },
      { hooks: { afterChunk: () => void chunks++ } },
    );
    expect(again).toMatchObject({ attempts: 1, alreadyPresent: true, remotePath: `inbound/${NAME}` });
    expect(chunks).toBe(0);

    for (const other of [x12(50_000, 'E'), x12(49_999, 'D')]) {
      const err = await rejection(
        uploadFile(
          { connection: connection(), localName: NAME, content: other },
          { retries: 3, backoffMs: 1 },
        ),
      );
      expect(err).toBeInstanceOf(RemoteFileConflictError);
      expect((err as RemoteFileConflictError).attempts).toBe(1);
    }
    expect(chunks).toBe(0);
    expect(inbound()).toEqual([NAME]);
    expect(fs.readFileSync(inboundPath(NAME)).equals(content)).toBe(true);
  });

  it('gives up with SftpUnavailableError after the last retry, counting the attempts', async () => {
    await server.kill();
    const err = await rejection(
      uploadFile(
        { connection: connection(), localName: NAME, content: x12(1000) },
        { log, retries: 2, backoffMs: 1 },
      ),
    );
    expect(err).toBeInstanceOf(SftpUnavailableError);
    const unavailable = err as SftpUnavailableError;
    expect(unavailable.attempts).toBe(3);
    expect(unavailable.lastErrorCode).toBe('ECONNREFUSED');
    expect(unavailable.message).toContain(`${server.host}:${server.port} (3 attempts)`);
    expect(events('sftp_attempt_failed')).toHaveLength(3);
    expect(events('sftp_retry_scheduled').map((l) => (JSON.parse(l) as { delayMs: number }).delayMs)).toEqual(
      [1, 2],
    );
    expect(events('sftp_unavailable')).toHaveLength(1);
  });

  it('a server that accepts the connection but never answers counts as unavailable after its retries', async () => {
    server.pause();
    try {
      const err = await rejection(
        uploadFile(
          { connection: connection(), localName: NAME, content: x12(1000) },
          { log, retries: 1, backoffMs: 1, readyTimeoutMs: 300 },
        ),
      );
      expect(err).toBeInstanceOf(SftpUnavailableError);
      expect((err as SftpUnavailableError).attempts).toBe(2);
    } finally {
      server.resume();
    }
    expect(inbound()).toEqual([]);
  });

  it('a key the server does not accept is SftpAuthError at once, with no secret in the message or logs', async () => {
    const err = await rejection(
      uploadFile(
        {
          connection: connection({ privateKey: server.unauthorizedKey }),
          localName: NAME,
          content: x12(1000),
        },
        { log, retries: 5, backoffMs: 1 },
      ),
    );
    expect(err).toBeInstanceOf(SftpAuthError);
    expect((err as SftpAuthError).reason).toBe('rejected');
    expect((err as SftpAuthError).attempts).toBe(1);
    expect((err as Error).message).toBe(
      'The clearinghouse refused the login: check the SFTP user and key in Settings.',
    );
    expect(events('sftp_attempt_failed')).toHaveLength(0);
    expect(inbound()).toEqual([]);
    const keyBody = server.unauthorizedKey.split('\n')[2]!;
    expect(keyBody.length).toBeGreaterThan(20);
    for (const text of [...logLines, (err as Error).message, (err as Error).stack ?? '']) {
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain('PRIVATE KEY');
    }
  });

  it('a refused password is SftpAuthError and the password appears nowhere', async () => {
    const password = 'correct-horse-battery-staple';
    const err = await rejection(
      uploadFile(
        { connection: connection({ privateKey: undefined, password }), localName: NAME, content: x12(10) },
        { log, retries: 3, backoffMs: 1 },
      ),
    );
    expect(err).toBeInstanceOf(SftpAuthError);
    expect((err as SftpAuthError).attempts).toBe(1);
    for (const text of [...logLines, (err as Error).message]) expect(text).not.toContain(password);
  });

  it('settings that cannot work fail before connecting, with a typed error', async () => {
    const unreadable = await rejection(
      uploadFile({ connection: connection({ privateKey: 'not a key' }), localName: NAME, content: 'x' }),
    );
    expect(unreadable).toBeInstanceOf(SftpAuthError);
    expect((unreadable as SftpAuthError).reason).toBe('unreadable_key');

    const noSecret = await rejection(
      uploadFile({ connection: connection({ privateKey: undefined }), localName: NAME, content: 'x' }),
    );
    expect((noSecret as SftpAuthError).reason).toBe('missing');

    for (const hostKeySha256 of ['', 'SHA256:abc', 'ssh-ed25519 AAAA']) {
      const err = await rejection(
        uploadFile({ connection: connection({ hostKeySha256 }), localName: NAME, content: 'x' }),
      );
      expect(err).toBeInstanceOf(SftpSettingsError);
    }
    await expect(
      uploadFile({ connection: connection(), localName: '../etc/x', content: 'x' }),
    ).rejects.toThrow(/not a valid clearinghouse file name/);
    await expect(
      uploadFile({ connection: connection(), localName: NAME, content: 'x', remoteDir: '../tmp' }),
    ).rejects.toThrow(/not a valid clearinghouse folder/);
    expect(inbound()).toEqual([]);
  });

  it('a missing inbound folder is a server refusal, not retried', async () => {
    fs.rmdirSync(inboundPath());
    const err = await rejection(
      uploadFile({ connection: connection(), localName: NAME, content: 'x' }, { retries: 3, backoffMs: 1 }),
    );
    expect(err).toBeInstanceOf(SftpRemoteError);
    expect((err as SftpRemoteError).reason).toBe('missing_folder');
    expect((err as SftpRemoteError).attempts).toBe(1);
  });

  it('lists and downloads the reports in outbound', async () => {
    const outbound = path.join(server.rootDir, 'outbound');
    const report999 = x12(5000, 'N');
    fs.writeFileSync(path.join(outbound, 'b_999.txt'), report999);
    fs.writeFileSync(path.join(outbound, 'a_277CA.txt'), 'ST*277~');
    fs.writeFileSync(path.join(outbound, '.hidden.part'), 'partial');
    fs.mkdirSync(path.join(outbound, 'archive'));

    const files = await listOutbound(connection(), { log });
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['a_277CA.txt', 7],
      ['b_999.txt', 5000],
    ]);
    expect(Number.isNaN(Date.parse(files[0]!.modifiedAt))).toBe(false);
    expect((await download(connection(), 'b_999.txt')).equals(report999)).toBe(true);

    const missing = await rejection(download(connection(), 'nope.txt', { retries: 3, backoffMs: 1 }));
    expect(missing).toBeInstanceOf(SftpRemoteError);
    expect((missing as SftpRemoteError).reason).toBe('missing_file');
    expect((missing as SftpRemoteError).attempts).toBe(1);
    await expect(download(connection(), '../inbound/x')).rejects.toThrow(
      /not a valid clearinghouse file name/,
    );
  });

  it('testConnection reports ok, a host key mismatch with the presented key, and an unreachable server', async () => {
    expect(await testConnection(connection())).toEqual({
      ok: true,
      hostKeySha256: server.hostKeyFingerprint,
      inbound: true,
      outbound: true,
      attempts: 1,
    });

    const pinned = `SHA256:${'A'.repeat(43)}`;
    const mismatch = await testConnection(connection({ hostKeySha256: pinned }));
    expect(mismatch).toMatchObject({
      ok: false,
      problem: 'host_key_mismatch',
      presentedHostKeySha256: server.hostKeyFingerprint,
      attempts: 1,
    });

    const refused = await testConnection(connection({ privateKey: server.unauthorizedKey }));
    expect(refused).toMatchObject({ ok: false, problem: 'auth', attempts: 1 });

    await server.kill();
    const down = await testConnection(connection());
    expect(down).toMatchObject({ ok: false, problem: 'unavailable', attempts: 1 });
  });

  it('the test server: kill() drops open connections and frees the port, restart() serves again, stop() cleans up', async () => {
    const socket = net.connect({ host: server.host, port: server.port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    await server.kill();
    await closed;
    expect(await testConnection(connection())).toMatchObject({ ok: false, problem: 'unavailable' });
    await server.restart();
    expect(await testConnection(connection())).toMatchObject({ ok: true });
    const dir = server.dir;
    await server.stop();
    expect(fs.existsSync(dir)).toBe(false);
    expect(await testConnection(connection())).toMatchObject({ ok: false, problem: 'unavailable' });
  });
});
