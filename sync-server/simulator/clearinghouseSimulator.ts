import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AuthContext, Connection, ParsedKey } from 'ssh2';
import ssh2 from 'ssh2';
import type { ClearinghouseCredentials } from '../clearinghouse/credentialVault.ts';
import { hostKeyFingerprint } from '../clearinghouse/hostKey.ts';
import { type Logger, silentLogger } from '../log.ts';
import { answer837p, type ClaimAnswer } from './answer.ts';
import { parse837pForSimulator } from './parse837p.ts';
import { defaultRules, type SimulatorRules } from './rules.ts';
import { serveSftp } from './sftpFileServer.ts';

/*
 * A stand-in for Office Ally on loopback, for `npm start` and the end-to-end tests: a real SFTP server
 * (ssh2's Server) over `dir/inbound` and `dir/outbound`. An 837P ("837P" in its name) that lands in
 * `inbound/` (written or renamed there over SFTP, once that connection closes; or found by the poll) is
 * answered after `reportDelayMs` with a 999 and a 277CA in `outbound/`, and after `remitDelayMs` more
 * with an 835, following the payer rules; then it is moved to `inbound/processed/`. A file whose
 * content was answered before is moved without an answer.
 *
 * Its own state lives in `dir/.simulator/` (host and client keys, control-number counter, answered
 * file hashes, 835s not yet due), which the SFTP client cannot see: restarts keep the pinned host key,
 * never answer a file twice and still deliver a pending 835.
 */

export interface SimulatorOptions {
  /** The folder served (created when missing): `inbound/`, `outbound/` and the hidden `.simulator/`. */
  dir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  rules?: SimulatorRules;
  /** From a file landing to its 999 and 277CA (default 1000 ms). */
  reportDelayMs?: number;
  /** From the 999 and 277CA to the 835 (default 10 s). */
  remitDelayMs?: number;
  /** How often `inbound/` is scanned for files that arrived another way (default 2000 ms). */
  pollMs?: number;
  /** The one SFTP user (default 'claimgrid'); it logs in with the generated key, or `password` if given. */
  username?: string;
  password?: string;
  log?: Logger;
  now?: () => Date;
}

/** What the simulator did, in order; tests wait on these instead of on time. */
export type SimulatorEvent =
  | {
      kind: 'answered';
      /** The inbound file name. */
      name: string;
      sha256: string;
      /** The 999 and 277CA written to `outbound/` (the 835 comes with a 'remitted' event). */
      files: string[];
      groupStatus: 'A' | 'P' | 'R';
      claims: ClaimAnswer[];
    }
  | { kind: 'duplicate'; name: string; sha256: string }
  | { kind: 'unreadable'; name: string; sha256: string; error: string }
  | { kind: 'remitted'; name: string; file: string };

export interface ClearinghouseSimulator {
  host: string;
  port: number;
  /** `SHA256:…` of the host key, the form our SFTP client pins. */
  hostKeySha256: string;
  username: string;
  /** The user's private key (OpenSSH format). */
  privateKey: string;
  password: string | null;
  /** Everything our SFTP client needs to reach this server (also what the credential vault stores). */
  connection: ClearinghouseCredentials;
  dir: string;
  events(): readonly SimulatorEvent[];
  /** The first event (past or future) that `match` accepts. */
  waitFor(match: (event: SimulatorEvent) => boolean): Promise<SimulatorEvent>;
  /** Looks in `inbound/` at once instead of at the next poll. */
  scanNow(): void;
  /** Closes the server and every session, stops the timers and waits for work under way. Idempotent. */
  stop(): Promise<void>;
}

interface PendingRemit {
  /** The 835's file name, under `.simulator/pending/` until due, then in `outbound/`. */
  file: string;
  dueAt: string;
  /** The inbound file it answers. */
  source: string;
}

interface State {
  version: 1;
  nextControlNumber: number;
  /** SHA-256 of every answered inbound file → its name. */
  answered: Record<string, string>;
  pending: PendingRemit[];
}

const MAX_CONTROL = 999_999_999;
const NAME_837P = /837P/i;
/** A file is not held for its uploader's connection longer than this (a client that never disconnects). */
const MAX_HOLD_MS = 60_000;
/** Events kept in memory for `events()` / `waitFor` (a long `npm start` run drops the oldest). */
const MAX_EVENTS = 1000;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** ssh-ed25519 wire blob: string "ssh-ed25519" (4 + 11) and the 32-byte key (4 + 32). */
const ED25519_BLOB_BYTES = 51;

function parsedEd25519(text: string): ParsedKey | null {
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error || Array.isArray(parsed)) return null;
  const key = parsed as ParsedKey;
  return key.getPublicSSH().length === ED25519_BLOB_BYTES ? key : null;
}

/**
 * A fresh ed25519 pair. ssh2 1.17's generator strips leading zero bytes from the public key, so about
 * 1 pair in 256 is unusable (mscdex/ssh2#1390, #1513): such pairs are thrown away and drawn again.
 */
export function generateEd25519(comment: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 32; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (parsedEd25519(pair.private) !== null && parsedEd25519(pair.public) !== null) return pair;
  }
  throw new Error('clearinghouse simulator: could not generate a usable ed25519 key');
}

/** An ed25519 key pair kept in `file` (private, 0600) and `file.pub`, generated on first use. */
function keyPair(file: string): { privateKey: string; parsed: ParsedKey } {
  if (!fs.existsSync(file)) {
    const pair = generateEd25519(path.basename(file));
    fs.writeFileSync(file, pair.private, { mode: 0o600 });
    fs.writeFileSync(`${file}.pub`, `${pair.public}\n`);
  }
  const privateKey = fs.readFileSync(file, 'utf8');
  const parsed = parsedEd25519(privateKey);
  if (parsed === null) throw new Error(`clearinghouse simulator: unusable key ${file}`);
  return { privateKey, parsed };
}

function loadState(file: string): State {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as State;
    if (s.version === 1 && typeof s.nextControlNumber === 'number') return s;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { version: 1, nextControlNumber: 1, answered: {}, pending: [] };
}

/** A name in `folder` that is not taken: `name`, else `stem.2.ext`, `stem.3.ext`, … */
function freeName(folder: string, name: string): string {
  if (!fs.existsSync(path.join(folder, name))) return name;
  const { name: stem, ext } = path.parse(name);
  for (let n = 2; ; n++) {
    const candidate = `${stem}.${n}${ext}`;
    if (!fs.existsSync(path.join(folder, candidate))) return candidate;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

export async function startClearinghouseSimulator(
  options: SimulatorOptions,
): Promise<ClearinghouseSimulator> {
  const dir = path.resolve(options.dir);
  const inbound = path.join(dir, 'inbound');
  const outbound = path.join(dir, 'outbound');
  const processedDir = path.join(inbound, 'processed');
  const own = path.join(dir, '.simulator');
  const pendingDir = path.join(own, 'pending');
  const tmpDir = path.join(own, 'tmp');
  for (const d of [inbound, outbound, processedDir, pendingDir, tmpDir]) fs.mkdirSync(d, { recursive: true });
  fs.chmodSync(own, 0o700);

  const log = (options.log ?? silentLogger).child({ component: 'clearinghouse_sim' });
  const rules = options.rules ?? defaultRules();
  const reportDelayMs = options.reportDelayMs ?? 1000;
  const remitDelayMs = options.remitDelayMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const username = options.username ?? 'claimgrid';
  const password = options.password ?? null;
  const hostKey = keyPair(path.join(own, 'host_ed25519'));
  const userKey = keyPair(path.join(own, 'client_ed25519'));
  const userPublic = userKey.parsed.getPublicSSH();
  const hostKeySha256 = hostKeyFingerprint(hostKey.parsed.getPublicSSH());

  const stateFile = path.join(own, 'state.json');
  const state = loadState(stateFile);
  const saveState = () => {
    const temp = path.join(tmpDir, `state.${process.pid}.json`);
    fs.writeFileSync(temp, JSON.stringify(state));
    fs.renameSync(temp, stateFile);
  };
  const nextControlNumber = () => {
    const n = state.nextControlNumber;
    state.nextControlNumber = n >= MAX_CONTROL ? 1 : n + 1;
    return n;
  };

  // Events, and the waiters on them.
  const events: SimulatorEvent[] = [];
  const waiters = new Set<{ match: (e: SimulatorEvent) => boolean; resolve: (e: SimulatorEvent) => void }>();
  const emit = (event: SimulatorEvent) => {
    events.push(event);
    if (events.length > MAX_EVENTS) events.shift();
    for (const w of [...waiters]) {
      if (!w.match(event)) continue;
      waiters.delete(w);
      w.resolve(event);
    }
  };

  // Work runs one item at a time, in arrival order; timers feed it.
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => void) => {
    queue = queue.then(() => {
      if (stopped) return;
      try {
        work();
      } catch (err) {
        log.error('sim_work_failed', { error: err instanceof Error ? err.name : 'unknown' });
      }
    });
  };
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, work: () => void) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      enqueue(work);
    }, ms);
    timers.add(t);
  };

  /** Moves a finished file into `outbound/` under `name` (or a free variant): it appears whole. */
  const deliver = (from: string, name: string): string => {
    const final = freeName(outbound, name);
    fs.renameSync(from, path.join(outbound, final));
    return final;
  };
  /** Writes `text` into `outbound/` through a temp file in `.simulator/tmp`. */
  const deliverText = (name: string, text: string): string => {
    const temp = path.join(tmpDir, `${name}.tmp`);
    fs.writeFileSync(temp, text);
    return deliver(temp, name);
  };

  const moveToProcessed = (name: string) => {
    fs.renameSync(path.join(inbound, name), path.join(processedDir, freeName(processedDir, name)));
  };

  const remit = (p: PendingRemit) => {
    const from = path.join(pendingDir, p.file);
    state.pending = state.pending.filter((x) => x !== p);
    if (fs.existsSync(from)) {
      const file = deliver(from, p.file);
      log.info('sim_remitted', { file, source: p.source });
      emit({ kind: 'remitted', name: p.source, file });
    }
    saveState();
  };
  const scheduleRemit = (p: PendingRemit) =>
    later(Math.max(0, Date.parse(p.dueAt) - now().getTime()), () => remit(p));

  const scheduled = new Set<string>();
  const answer = (name: string) => {
    const file = path.join(inbound, name);
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      scheduled.delete(name); // Gone (removed by the client) or not a file.
      return;
    }
    const sha = sha256(content);
    try {
      if (state.answered[sha] !== undefined) {
        moveToProcessed(name);
        log.info('sim_duplicate', { file: name });
        emit({ kind: 'duplicate', name, sha256: sha });
        return;
      }
      const at = now();
      const stamp = `${at.toISOString().slice(0, 19)}Z`;
      const result = answer837p(parse837pForSimulator(content.toString('utf8')), {
        rules,
        at: stamp,
        nextControlNumber,
        fileId: sha,
      });
      const stem = path.parse(name).name;
      const files = [deliverText(`${stem}.999.x12`, result.ack999.text)];
      if (result.ack277ca) files.push(deliverText(`${stem}.277CA.x12`, result.ack277ca.text));
      let pending: PendingRemit | null = null;
      if (result.remit835) {
        const file = freeName(pendingDir, `${stem}.835.x12`);
        fs.writeFileSync(path.join(pendingDir, file), result.remit835.text);
        pending = { file, dueAt: new Date(at.getTime() + remitDelayMs).toISOString(), source: name };
        state.pending.push(pending);
      }
      state.answered[sha] = name;
      saveState();
      moveToProcessed(name);
      const rejected = result.claims.filter((c) => c.outcome !== 'adjudicated').length;
      log.info('sim_answered', {
        file: name,
        groupStatus: result.ack999.groupStatus,
        claims: result.claims.length,
        rejected,
      });
      emit({
        kind: 'answered',
        name,
        sha256: sha,
        files,
        groupStatus: result.ack999.groupStatus,
        claims: result.claims,
      });
      if (pending) scheduleRemit(pending);
    } catch (err) {
      // Not X12, or an 837P the writers cannot answer: set aside once, never retried in a loop.
      // X12 errors name a segment and line only, never a value.
      const error = err instanceof Error ? err.message : 'unknown error';
      log.warn('sim_unreadable', { file: name, error });
      try {
        moveToProcessed(name);
      } catch {
        // Already gone.
      }
      emit({ kind: 'unreadable', name, sha256: sha, error });
    } finally {
      scheduled.delete(name);
    }
  };

  // A file that landed over SFTP waits until that connection closes: the uploader still checks the
  // final file after its rename, and would upload again if the file had already been moved away.
  const held = new Map<string, { client: Connection; since: number }>();
  const consider = (name: string) => {
    if (stopped || scheduled.has(name) || name.startsWith('.') || !NAME_837P.test(name)) return;
    const hold = held.get(name);
    if (hold !== undefined) {
      if (connections.has(hold.client) && Date.now() - hold.since < MAX_HOLD_MS) return;
      held.delete(name);
    }
    scheduled.add(name);
    later(reportDelayMs, () => answer(name));
  };
  const release = (client: Connection) => {
    for (const [name, hold] of held) {
      if (hold.client !== client) continue;
      held.delete(name);
      consider(name);
    }
  };
  const scan = () => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(inbound, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names) if (d.isFile()) consider(d.name);
  };

  // The SFTP server.
  const connections = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey.privateKey] }, (client) => {
    connections.add(client);
    client.on('close', () => {
      connections.delete(client);
      release(client);
    });
    client.on('error', (err: Error) => log.debug('sim_connection_error', { error: err.message }));
    client.on('authentication', (ctx: AuthContext) => authenticate(ctx));
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          serveSftp(acceptSftp(), dir, {
            onFileLanded: (virtualPath) => {
              if (path.posix.dirname(virtualPath) !== '/inbound') return;
              held.set(path.posix.basename(virtualPath), { client, since: Date.now() });
            },
          });
        });
      });
    });
  });
  const methods: ('publickey' | 'password')[] = password === null ? ['publickey'] : ['publickey', 'password'];
  const authenticate = (ctx: AuthContext) => {
    if (ctx.username !== username) return ctx.reject(methods);
    if (ctx.method === 'publickey') {
      if (ctx.key.algo !== userKey.parsed.type || !ctx.key.data.equals(userPublic))
        return ctx.reject(methods);
      // Without a signature the client only asks whether this key would do.
      if (!ctx.signature || !ctx.blob) return ctx.accept();
      return userKey.parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
        ? ctx.accept()
        : ctx.reject(methods);
    }
    if (ctx.method === 'password' && password !== null && sameSecret(ctx.password, password))
      return ctx.accept();
    return ctx.reject(methods);
  };

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err: Error) => log.error('sim_server_error', { error: err.message }));
  const port = (server.address() as AddressInfo).port;

  for (const p of state.pending) scheduleRemit(p);
  scan();
  const poll = setInterval(scan, options.pollMs ?? 2000);
  poll.unref();
  log.info('sim_listening', { host, port, hostKeySha256 });

  let stopping: Promise<void> | null = null;
  return {
    host,
    port,
    hostKeySha256,
    username,
    privateKey: userKey.privateKey,
    password,
    connection: {
      host,
      port,
      username,
      privateKey: userKey.privateKey,
      ...(password !== null ? { password } : {}),
      hostKeySha256,
    },
    dir,
    events: () => events,
    waitFor(match) {
      const past = events.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve) => waiters.add({ match, resolve }));
    },
    scanNow: scan,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(poll);
        for (const t of timers) clearTimeout(t);
        timers.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const c of connections) c.end();
        await closed;
        await queue;
      })();
      return stopping;
    },
  };
}
