import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hostKeyFingerprint } from '../clearinghouse/hostKey.ts';

const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = 'ssh-keygen';

/** A real OpenSSH sshd on 127.0.0.1 serving SFTP from `rootDir` (which holds `inbound/` and `outbound/`). */
export interface SshdServer {
  host: string;
  port: number;
  username: string;
  /** The client's private key (OpenSSH format), authorized on this server. */
  privateKey: string;
  /** Another ed25519 private key that this server does not accept (for wrong-key tests). */
  unauthorizedKey: string;
  /** `SHA256:…` of the host key, as `ssh-keygen -l` prints it and the uploader pins it. */
  hostKeyFingerprint: string;
  /** The SFTP start folder: relative client paths (`inbound/x`) resolve here. */
  rootDir: string;
  /** The folder with keys, config and rootDir; removed by stop(). */
  dir: string;
  /** The public host key file (for cross-checks with ssh-keygen). */
  hostPublicKeyPath: string;
  /** Ends sshd and every session it forked, then deletes `dir`. Safe to call more than once. */
  stop(): Promise<void>;
  /** SIGKILLs sshd and its sessions (a server that dropped off); files stay, restart() brings it back. */
  kill(): Promise<void>;
  /** Starts sshd again on the same port (kills the running one first). */
  restart(): Promise<void>;
  /** SIGSTOPs the listener: connections are accepted by the kernel but never answered (a hung server). */
  pause(): void;
  /** SIGCONTs a paused listener. */
  resume(): void;
}

/** Every sshd tree started by this process, so an aborted test run still kills them on exit. */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) killTree(pid, 'SIGKILL');
});

/** Starts sshd as described in ../shared/TOOLCHAIN.md ("OpenSSH sshd as a real SFTP server for tests"). */
export async function startSshd(): Promise<SshdServer> {
  requireOpenSsh();
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-sshd-'));
  try {
    const rootDir = path.join(dir, 'sftp');
    fs.mkdirSync(path.join(rootDir, 'inbound'), { recursive: true });
    fs.mkdirSync(path.join(rootDir, 'outbound'), { recursive: true });
    for (const name of ['host_ed25519', 'client_ed25519', 'other_ed25519']) {
      execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path.join(dir, name)]);
    }
    fs.copyFileSync(path.join(dir, 'client_ed25519.pub'), path.join(dir, 'authorized_keys'));
    const hostPublicKeyPath = path.join(dir, 'host_ed25519.pub');
    const port = await freePort();
    const configPath = path.join(dir, 'sshd_config');
    fs.writeFileSync(configPath, sshdConfig(dir, rootDir, port));

    let child: ChildProcess | null = null;
    let log = '';
    const launch = async () => {
      const proc = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      log = '';
      proc.stderr!.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-4000);
      });
      if (proc.pid !== undefined) running.add(proc.pid);
      proc.once('exit', () => {
        if (proc.pid !== undefined) running.delete(proc.pid);
      });
      await waitUntilListening(proc, port, () => log);
    };
    const end = async (signal: NodeJS.Signals) => {
      const proc = child;
      child = null;
      if (!proc || proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      killTree(proc.pid, signal);
      await exited;
    };

    await launch();
    let stopped = false;
    return {
      host: '127.0.0.1',
      port,
      username: os.userInfo().username,
      privateKey: fs.readFileSync(path.join(dir, 'client_ed25519'), 'utf8'),
      unauthorizedKey: fs.readFileSync(path.join(dir, 'other_ed25519'), 'utf8'),
      hostKeyFingerprint: fingerprintOfPublicKeyFile(hostPublicKeyPath),
      rootDir,
      dir,
      hostPublicKeyPath,
      async stop() {
        if (stopped) return;
        stopped = true;
        // SIGKILL, not SIGTERM: a paused (SIGSTOPped) sshd would hold a SIGTERM forever, and there is nothing to flush.
        await end('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      },
      kill: () => end('SIGKILL'),
      async restart() {
        if (stopped) throw new Error('sshd test server: restart() after stop()');
        await end('SIGKILL');
        await launch();
      },
      pause() {
        const pid = (child as ChildProcess | null)?.pid;
        if (pid !== undefined) process.kill(pid, 'SIGSTOP');
      },
      resume() {
        const pid = (child as ChildProcess | null)?.pid;
        if (pid !== undefined) process.kill(pid, 'SIGCONT');
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function requireOpenSsh(): void {
  try {
    fs.accessSync(SSHD, fs.constants.X_OK);
  } catch {
    throw new Error(
      `OpenSSH sshd not found at ${SSHD}: install openssh-server (e.g. apt-get install openssh-server) to run the SFTP tests`,
    );
  }
  try {
    execFileSync(SSH_KEYGEN, ['-?'], { stdio: 'ignore' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('ssh-keygen not found: install openssh-client to run the SFTP tests');
    }
    // ssh-keygen -? exits 1 after printing its usage: it is there.
  }
}

function sshdConfig(dir: string, rootDir: string, port: number): string {
  // The SFTP session starts in rootDir (internal-sftp -d), so the client's `inbound/…` paths land there
  // without a chroot (a chroot would need root-owned parents all the way up). sshd passes quotes on
  // to internal-sftp literally, so the path goes unquoted and must not contain spaces.
  if (/\s/.test(rootDir)) throw new Error(`sshd test server: the temp folder has a space in it: ${rootDir}`);
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(dir, 'host_ed25519')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'StrictModes no',
    'AllowTcpForwarding no',
    'X11Forwarding no',
    'PrintMotd no',
    `Subsystem sftp internal-sftp -d ${rootDir}`,
    `ForceCommand internal-sftp -d ${rootDir}`,
    '',
  ].join('\n');
}

/** The host key's fingerprint computed by the uploader's own function from the `.pub` file's key blob. */
function fingerprintOfPublicKeyFile(file: string): string {
  const blob = fs.readFileSync(file, 'utf8').trim().split(/\s+/)[1];
  if (!blob) throw new Error(`not an OpenSSH public key file: ${file}`);
  return hostKeyFingerprint(Buffer.from(blob, 'base64'));
}

/** A port that was free a moment ago (bind port 0, read it, release it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the free port'));
      });
    });
  });
}

/** Resolves once `port` accepts a TCP connection; rejects with sshd's own log if it exits first. */
function waitUntilListening(proc: ChildProcess, port: number, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      reject(new Error(`sshd exited before listening on port ${port} (${signal ?? code}): ${log()}`));
    };
    proc.once('exit', onExit);
    proc.once('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
    const deadline = Date.now() + 15_000;
    const probe = () => {
      if (done) return;
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        if (done) return;
        done = true;
        proc.off('exit', onExit);
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (done) return;
        if (Date.now() > deadline) {
          done = true;
          killTree(proc.pid!, 'SIGKILL');
          reject(new Error(`sshd did not listen on port ${port} within 15 s: ${log()}`));
          return;
        }
        setTimeout(probe, 25);
      });
    };
    probe();
  });
}

/**
 * Signals `pid` and everything it forked. sshd puts each connection in its own session (setsid), so a
 * process-group kill would miss them; walk /proc instead. Each process found is frozen (SIGSTOP) and the
 * walk repeats until it finds nothing new, so no process can fork a child the walk does not see.
 */
function killTree(pid: number, signal: NodeJS.Signals): void {
  const tree = new Set([pid]);
  signalQuietly(pid, 'SIGSTOP');
  for (let grew = true; grew; ) {
    grew = false;
    const children = childrenByParent();
    for (const member of [...tree]) {
      for (const child of children.get(member) ?? []) {
        if (tree.has(child)) continue;
        signalQuietly(child, 'SIGSTOP');
        tree.add(child);
        grew = true;
      }
    }
  }
  for (const member of tree) {
    signalQuietly(member, signal);
    if (signal !== 'SIGKILL') signalQuietly(member, 'SIGCONT');
  }
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name (which may contain spaces and parentheses): state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = map.get(ppid) ?? [];
    list.push(Number(entry));
    map.set(ppid, list);
  }
  return map;
}
