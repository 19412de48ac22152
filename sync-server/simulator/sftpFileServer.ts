import fs from 'node:fs';
import path from 'node:path';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import ssh2 from 'ssh2';

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

/** The top-level folders a client sees; everything else under the root (the simulator's state) is hidden. */
export const SERVED_FOLDERS: readonly string[] = ['inbound', 'outbound'];

/** What the simulator hears about: a file that landed (closed after writing, or renamed into place). */
export interface SftpFileEvents {
  /** `virtualPath` is absolute within the served tree, e.g. `/inbound/X_837P.x12`. */
  onFileLanded(virtualPath: string): void;
}

type Handle =
  | { kind: 'file'; fd: number; virtualPath: string; wrote: boolean }
  | { kind: 'dir'; realPath: string; virtualPath: string; listed: boolean };

const VERSION_PACKET_TYPE = 2;
const POSIX_RENAME = 'posix-rename@openssh.com';
/** SSH_FXP_VERSION 3 with the extension pair ("posix-rename@openssh.com", "1"), length-prefixed. */
const VERSION_WITH_POSIX_RENAME = (() => {
  const name = Buffer.from(POSIX_RENAME);
  const body = Buffer.alloc(1 + 4 + 4 + name.length + 4 + 1);
  let p = 0;
  body[p++] = VERSION_PACKET_TYPE;
  body.writeUInt32BE(3, p);
  p += 4;
  body.writeUInt32BE(name.length, p);
  p += 4;
  name.copy(body, p);
  p += name.length;
  body.writeUInt32BE(1, p);
  p += 4;
  body[p] = 0x31; // '1': the extension's version, which ssh2's client checks
  const packet = Buffer.alloc(4 + body.length);
  packet.writeUInt32BE(body.length, 0);
  body.copy(packet, 4);
  return packet;
})();

/**
 * ssh2's server answers INIT with a VERSION that advertises no extension, so clients (ssh2's included)
 * would never send posix-rename@openssh.com. The SFTP stream writes through `_protocol.channelData` and
 * `_protocol.channelClose` only (ssh2 1.17, lib/protocol/SFTP.js); this swaps the one VERSION packet for
 * one that advertises posix-rename, and charges the extra bytes to the channel window.
 */
function advertisePosixRename(sftp: SFTPWrapper): void {
  const stream = sftp as unknown as {
    _protocol: { channelData(id: number, data: Buffer): void; channelClose(id: number): void };
    outgoing: { window: number };
  };
  const protocol = stream._protocol;
  let sentVersion = false;
  stream._protocol = {
    channelData(id, data) {
      if (!sentVersion && data.length === 9 && data[4] === VERSION_PACKET_TYPE) {
        sentVersion = true;
        stream.outgoing.window -= VERSION_WITH_POSIX_RENAME.length - data.length;
        protocol.channelData(id, VERSION_WITH_POSIX_RENAME);
        return;
      }
      protocol.channelData(id, data);
    },
    channelClose: (id) => protocol.channelClose(id),
  };
}

function statusOf(err: unknown): number {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return STATUS_CODE.NO_SUCH_FILE;
    case 'EACCES':
    case 'EPERM':
      return STATUS_CODE.PERMISSION_DENIED;
    default:
      return STATUS_CODE.FAILURE;
  }
}

function attrsOf(st: fs.Stats): Attributes {
  return {
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An `ls -l` line: ssh2-sftp-client's list() reads the type from its first character. */
function longname(name: string, st: fs.Stats): string {
  const type = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : '-';
  let rights = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (st.mode >> shift) & 7;
    rights += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  const d = st.mtime;
  const when = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.getUTCFullYear()}`;
  return `${type}${rights} 1 sim sim ${String(st.size).padStart(8, ' ')} ${when} ${name}`;
}

/** The SFTP string pairs of a posix-rename request body: old path, new path. */
function readTwoStrings(data: Buffer | undefined): [string, string] | null {
  if (!data || data.length < 8) return null;
  const n1 = data.readUInt32BE(0);
  if (4 + n1 + 4 > data.length) return null;
  const a = data.subarray(4, 4 + n1).toString('utf8');
  const n2 = data.readUInt32BE(4 + n1);
  if (8 + n1 + n2 > data.length) return null;
  const b = data.subarray(8 + n1, 8 + n1 + n2).toString('utf8');
  return [a, b];
}

/**
 * Serves one SFTP session from `root` on disk: the client sees `/` holding `inbound/` and `outbound/`
 * only (paths are normalized, `..` cannot climb out, other top-level entries do not exist for it).
 * Implements OPEN/READ/WRITE/CLOSE, FSTAT/STAT/LSTAT, OPENDIR/READDIR, REMOVE, RENAME (refuses to
 * overwrite, as OpenSSH does), REALPATH, SETSTAT/FSETSTAT (accepted, ignored) and the
 * posix-rename@openssh.com extension (overwrites atomically). MKDIR/RMDIR and the rest are refused
 * with OP_UNSUPPORTED by ssh2. Open handles are closed when the session ends.
 */
export function serveSftp(sftp: SFTPWrapper, root: string, events: SftpFileEvents): void {
  advertisePosixRename(sftp);
  const handles = new Map<number, Handle>();
  let nextHandle = 1;

  const newHandle = (h: Handle): Buffer => {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id, 0);
    return buf;
  };
  const handleOf = (buf: Buffer): [number, Handle] | null => {
    if (buf.length !== 4) return null;
    const id = buf.readUInt32BE(0);
    const h = handles.get(id);
    return h === undefined ? null : [id, h];
  };

  /** The absolute virtual path (`/inbound/x`) of a client path, relative ones from `/`. */
  const virtual = (p: string): string => path.posix.resolve('/', p);
  /** The real path of a client path, or null when it is outside the served folders. */
  const real = (p: string): string | null => {
    const v = virtual(p);
    if (v === '/') return root;
    const parts = v.split('/').slice(1);
    if (!SERVED_FOLDERS.includes(parts[0] ?? '')) return null;
    return path.join(root, ...parts);
  };
  const fail = (reqId: number, err: unknown) => sftp.status(reqId, statusOf(err));
  const missing = (reqId: number) => sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
  const ok = (reqId: number) => sftp.status(reqId, STATUS_CODE.OK);

  sftp.on('OPEN', (reqId: number, filename: string, flags: number, attrs: Attributes) => {
    const target = real(filename);
    const mode = flagsToString(flags);
    if (target === null || target === root) return missing(reqId);
    if (mode === null) return sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED);
    fs.open(target, mode, attrs.mode ?? 0o644, (err, fd) => {
      if (err) return fail(reqId, err);
      sftp.handle(reqId, newHandle({ kind: 'file', fd, virtualPath: virtual(filename), wrote: false }));
    });
  });

  sftp.on('READ', (reqId: number, handle: Buffer, offset: number, length: number) => {
    const h = handleOf(handle)?.[1];
    if (h?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    const buf = Buffer.alloc(Math.min(length, 256 * 1024));
    fs.read(h.fd, buf, 0, buf.length, offset, (err, n) => {
      if (err) return fail(reqId, err);
      if (n === 0) return sftp.status(reqId, STATUS_CODE.EOF);
      sftp.data(reqId, buf.subarray(0, n));
    });
  });

  sftp.on('WRITE', (reqId: number, handle: Buffer, offset: number, data: Buffer) => {
    const h = handleOf(handle)?.[1];
    if (h?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    h.wrote = true;
    fs.write(h.fd, data, 0, data.length, offset, (err) => (err ? fail(reqId, err) : ok(reqId)));
  });

  sftp.on('CLOSE', (reqId: number, handle: Buffer) => {
    const found = handleOf(handle);
    if (found === null) return sftp.status(reqId, STATUS_CODE.FAILURE);
    const [id, h] = found;
    handles.delete(id);
    if (h.kind === 'dir') return ok(reqId);
    fs.close(h.fd, (err) => {
      if (err) return fail(reqId, err);
      ok(reqId);
      if (h.wrote) events.onFileLanded(h.virtualPath);
    });
  });

  sftp.on('FSTAT', (reqId: number, handle: Buffer) => {
    const h = handleOf(handle)?.[1];
    if (h === undefined) return sftp.status(reqId, STATUS_CODE.FAILURE);
    const done = (err: NodeJS.ErrnoException | null, st: fs.Stats) =>
      err ? fail(reqId, err) : sftp.attrs(reqId, attrsOf(st));
    if (h.kind === 'file') fs.fstat(h.fd, done);
    else fs.stat(h.realPath, done);
  });

  const stat = (kind: 'stat' | 'lstat') => (reqId: number, p: string) => {
    const target = real(p);
    if (target === null) return missing(reqId);
    fs[kind](target, (err, st) => (err ? fail(reqId, err) : sftp.attrs(reqId, attrsOf(st))));
  };
  sftp.on('STAT', stat('stat'));
  sftp.on('LSTAT', stat('lstat'));

  sftp.on('SETSTAT', (reqId: number, p: string) => (real(p) === null ? missing(reqId) : ok(reqId)));
  sftp.on('FSETSTAT', (reqId: number, handle: Buffer) =>
    handleOf(handle) === null ? sftp.status(reqId, STATUS_CODE.FAILURE) : ok(reqId),
  );

  sftp.on('OPENDIR', (reqId: number, p: string) => {
    const target = real(p);
    if (target === null) return missing(reqId);
    fs.stat(target, (err, st) => {
      if (err) return fail(reqId, err);
      if (!st.isDirectory()) return sftp.status(reqId, STATUS_CODE.FAILURE);
      sftp.handle(
        reqId,
        newHandle({ kind: 'dir', realPath: target, virtualPath: virtual(p), listed: false }),
      );
    });
  });

  sftp.on('READDIR', (reqId: number, handle: Buffer) => {
    const h = handleOf(handle)?.[1];
    if (h?.kind !== 'dir') return sftp.status(reqId, STATUS_CODE.FAILURE);
    // Everything in one reply, then EOF: the folders hold a few hundred files at most.
    if (h.listed) return sftp.status(reqId, STATUS_CODE.EOF);
    h.listed = true;
    fs.readdir(h.realPath, (err, names) => {
      if (err) return fail(reqId, err);
      const visible = h.virtualPath === '/' ? names.filter((n) => SERVED_FOLDERS.includes(n)) : names;
      const entries: FileEntry[] = [];
      for (const name of visible) {
        try {
          const st = fs.lstatSync(path.join(h.realPath, name));
          entries.push({ filename: name, longname: longname(name, st), attrs: attrsOf(st) });
        } catch {
          // Removed while listing.
        }
      }
      if (entries.length === 0) return sftp.status(reqId, STATUS_CODE.EOF);
      sftp.name(reqId, entries);
    });
  });

  sftp.on('REMOVE', (reqId: number, p: string) => {
    const target = real(p);
    if (target === null || target === root) return missing(reqId);
    fs.unlink(target, (err) => (err ? fail(reqId, err) : ok(reqId)));
  });

  const rename = (reqId: number, from: string, to: string, overwrite: boolean) => {
    const a = real(from);
    const b = real(to);
    if (a === null || b === null || a === root || b === root) return missing(reqId);
    const move = () =>
      fs.rename(a, b, (err) => {
        if (err) return fail(reqId, err);
        ok(reqId);
        events.onFileLanded(virtual(to));
      });
    if (overwrite) return move();
    // SFTPv3 rename does not replace an existing file (OpenSSH answers FAILURE).
    fs.lstat(b, (err) => {
      if (!err) return sftp.status(reqId, STATUS_CODE.FAILURE);
      move();
    });
  };
  sftp.on('RENAME', (reqId: number, from: string, to: string) => rename(reqId, from, to, false));
  sftp.on('EXTENDED', (reqId: number, name: string, data: Buffer) => {
    if (name !== POSIX_RENAME) return sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED);
    const paths = readTwoStrings(data);
    if (paths === null) return sftp.status(reqId, STATUS_CODE.BAD_MESSAGE);
    rename(reqId, paths[0], paths[1], true);
  });

  sftp.on('REALPATH', (reqId: number, p: string) => {
    const v = virtual(p);
    sftp.name(reqId, [{ filename: v, longname: v, attrs: {} as Attributes }]);
  });

  const release = () => {
    for (const h of handles.values()) if (h.kind === 'file') fs.close(h.fd, () => {});
    handles.clear();
  };
  sftp.on('end', release);
  sftp.on('close', release);
}
