import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { HostKeyMismatchError, RemoteFileConflictError, SftpError, SftpRemoteError } from './sftpErrors.ts';
import {
  onPath,
  RetryableSftpError,
  type Sftp,
  type SftpConnection,
  type SftpOptions,
  withSftp,
} from './sftpSession.ts';

export type { SftpConnection, SftpOptions } from './sftpSession.ts';

/**
 * Points inside one upload attempt where tests drop the connection (kill the server) to prove the
 * retry neither loses nor duplicates the file. Production code passes none.
 */
export interface UploadHooks {
  afterConnect?: (attempt: number) => Promise<void> | void;
  /** After each chunk of the temp file was handed to the connection. */
  afterChunk?: (attempt: number, bytesSent: number) => Promise<void> | void;
  beforeRename?: (attempt: number) => Promise<void> | void;
  afterRename?: (attempt: number) => Promise<void> | void;
}

export interface UploadRequest {
  connection: SftpConnection;
  /** The final file name (no folder), e.g. `CG_B12_837P_OATEST.x12`. */
  localName: string;
  content: Buffer | string;
  /** Folder relative to the SFTP login folder (default `inbound`, Office Ally's upload folder). */
  remoteDir?: string;
}

export interface UploadResult {
  remotePath: string;
  attempts: number;
  bytes: number;
  /** True when the file was already there, complete, from an earlier attempt or call (not sent again). */
  alreadyPresent: boolean;
}

const CHUNK_BYTES = 32 * 1024;

/**
 * Uploads one file so that the final name appears only complete and at most once:
 * 1. If the final name exists, it is compared with `content` (size, then SHA-256 of a download): the same
 *    file means an earlier attempt already delivered it (e.g. the connection dropped after the rename
 *    but before its reply), so nothing is sent; a different file is a RemoteFileConflictError (nothing is
 *    overwritten). A file that cannot be read back (a write-only inbound) counts as ours when the size
 *    matches: batch file names are unique, so a same-name, same-size file is an earlier attempt's.
 * 2. The content goes to `.<name>.part` in the same folder (opened with truncation, so a leftover from a
 *    dropped attempt is overwritten), its size is checked, then it is renamed with posix-rename@openssh.com
 *    (atomic; plain SFTPv3 rename as a fallback for servers without the extension: the target is known
 *    not to exist, so it cannot fail on that).
 * 3. The final file's size is checked once more.
 * Connection failures anywhere retry the whole sequence from step 1 (exponential backoff).
 */
export async function uploadFile(
  request: UploadRequest,
  options: SftpOptions & { hooks?: UploadHooks } = {},
): Promise<UploadResult> {
  const remoteDir = checkRemoteDir(request.remoteDir ?? 'inbound');
  const name = checkFileName(request.localName);
  const content = typeof request.content === 'string' ? Buffer.from(request.content) : request.content;
  const digest = sha256(content);
  const finalPath = posix.join(remoteDir, name);
  const partPath = posix.join(remoteDir, `.${name}.part`);
  const hooks = options.hooks ?? {};

  const { value: alreadyPresent, attempts } = await withSftp(
    request.connection,
    'upload',
    options,
    async (sftp, attempt) => {
      await hooks.afterConnect?.(attempt);
      await requireFolder(sftp, remoteDir);
      const existing = await statOrNull(sftp, finalPath);
      if (existing) {
        if (await isSameFile(sftp, finalPath, existing.size, content.length, digest)) return true;
        throw new RemoteFileConflictError(finalPath);
      }
      await onPath(
        partPath,
        sftp.put(
          chunks(content, (sent) => hooks.afterChunk?.(attempt, sent)),
          partPath,
          {
            writeStreamOptions: { flags: 'w', mode: 0o644 },
          },
        ),
      );
      const part = await statOrNull(sftp, partPath);
      if (part?.size !== content.length) throw new RetryableSftpError('short_write');
      await hooks.beforeRename?.(attempt);
      await rename(sftp, partPath, finalPath);
      await hooks.afterRename?.(attempt);
      const landed = await statOrNull(sftp, finalPath);
      if (landed?.size !== content.length) throw new RetryableSftpError('final_size_mismatch');
      return false;
    },
  );
  options.log?.info('sftp_upload_done', {
    component: 'sftp',
    file: name,
    bytes: content.length,
    attempts,
    alreadyPresent,
  });
  return { remotePath: finalPath, attempts, bytes: content.length, alreadyPresent };
}

export interface RemoteFile {
  name: string;
  size: number;
  /** ISO instant from the server's modification time. */
  modifiedAt: string;
}

/** The regular files in `outbound/` (reports from the clearinghouse), by name; hidden and temp files skipped. */
export async function listOutbound(
  connection: SftpConnection,
  options: SftpOptions & { remoteDir?: string } = {},
): Promise<RemoteFile[]> {
  const remoteDir = checkRemoteDir(options.remoteDir ?? 'outbound');
  const { value } = await withSftp(connection, 'list', options, async (sftp) => {
    await requireFolder(sftp, remoteDir);
    const entries = await onPath(remoteDir, sftp.list(remoteDir));
    return entries
      .filter((e) => e.type === '-' && !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, size: e.size, modifiedAt: new Date(e.modifyTime).toISOString() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  });
  return value;
}

/** The bytes of one file in `outbound/`. */
export async function download(
  connection: SftpConnection,
  name: string,
  options: SftpOptions & { remoteDir?: string } = {},
): Promise<Buffer> {
  const remotePath = posix.join(checkRemoteDir(options.remoteDir ?? 'outbound'), checkFileName(name));
  const { value } = await withSftp(connection, 'download', options, async (sftp) => {
    if (!(await statOrNull(sftp, remotePath))) throw new SftpRemoteError('missing_file', remotePath);
    return readFile(sftp, remotePath);
  });
  return value;
}

/** What the settings screen shows about the clearinghouse connection. */
export type ConnectionCheck =
  | { ok: true; hostKeySha256: string; inbound: boolean; outbound: boolean; attempts: number }
  | {
      ok: false;
      problem: SftpError['code'];
      message: string;
      /** On a host key mismatch: what the server presented, to compare with what the clearinghouse publishes. */
      presentedHostKeySha256?: string;
      attempts: number;
    };

/**
 * Logs in and looks for `inbound/` and `outbound/`; never throws for a connection problem. No retries
 * unless asked: the person in Settings wants a quick answer.
 */
export async function testConnection(
  connection: SftpConnection,
  options: SftpOptions = {},
): Promise<ConnectionCheck> {
  try {
    const { value, attempts } = await withSftp(
      connection,
      'test',
      { retries: 0, ...options },
      async (sftp) => ({
        inbound: (await sftp.exists('inbound')) === 'd',
        outbound: (await sftp.exists('outbound')) === 'd',
      }),
    );
    return { ok: true, hostKeySha256: connection.hostKeySha256, ...value, attempts };
  } catch (err) {
    if (!(err instanceof SftpError)) throw err;
    return {
      ok: false,
      problem: err.code,
      message: err.message,
      ...(err instanceof HostKeyMismatchError ? { presentedHostKeySha256: err.presented } : {}),
      attempts: err.attempts,
    };
  }
}

async function requireFolder(sftp: Sftp, remoteDir: string): Promise<void> {
  if ((await onPath(remoteDir, sftp.exists(remoteDir))) !== 'd') {
    throw new SftpRemoteError('missing_folder', remoteDir);
  }
}

async function statOrNull(sftp: Sftp, remotePath: string): Promise<{ size: number } | null> {
  const kind = await onPath(remotePath, sftp.exists(remotePath));
  if (kind === false) return null;
  if (kind !== '-') throw new RemoteFileConflictError(remotePath);
  return onPath(remotePath, sftp.stat(remotePath));
}

async function isSameFile(
  sftp: Sftp,
  remotePath: string,
  remoteSize: number,
  size: number,
  digest: string,
): Promise<boolean> {
  if (remoteSize !== size) return false;
  try {
    return sha256(await readFile(sftp, remotePath)) === digest;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // A write-only upload folder: the size match has to do (see uploadFile).
    if (code === 3 || code === 'EACCES') return true;
    throw err;
  }
}

async function readFile(sftp: Sftp, remotePath: string): Promise<Buffer> {
  const data: unknown = await onPath(remotePath, sftp.get(remotePath));
  if (Buffer.isBuffer(data)) return data;
  // concat-stream (inside ssh2-sftp-client) hands back an empty array for an empty file.
  if (Array.isArray(data) && data.length === 0) return Buffer.alloc(0);
  throw new RetryableSftpError('download_not_buffered');
}

async function rename(sftp: Sftp, from: string, to: string): Promise<void> {
  try {
    await onPath(to, sftp.posixRename(from, to));
  } catch (err) {
    if (!(err instanceof Error && /does not support this extended request/.test(err.message))) throw err;
    await onPath(to, sftp.rename(from, to));
  }
}

/** The content as a stream of chunks, calling `afterChunk` as each one is taken. */
function chunks(content: Buffer, afterChunk: (sent: number) => unknown): Readable {
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
        const chunk = content.subarray(offset, offset + CHUNK_BYTES);
        yield chunk;
        await afterChunk(offset + chunk.length);
      }
    })(),
    { objectMode: false },
  );
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A plain file name: no folders, not hidden (hidden names are our temp files), nothing odd for a server. */
function checkFileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name)) {
    throw new Error(`not a valid clearinghouse file name: ${JSON.stringify(name.slice(0, 80))}`);
  }
  return name;
}

/** A folder relative to the login folder, without `..`. */
function checkRemoteDir(dir: string): string {
  const parts = dir.split('/').filter((p) => p !== '' && p !== '.');
  if (
    dir.startsWith('/') ||
    parts.length === 0 ||
    parts.some((p) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p))
  ) {
    throw new Error(`not a valid clearinghouse folder: ${JSON.stringify(dir.slice(0, 80))}`);
  }
  return parts.join('/');
}
