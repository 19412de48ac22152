import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file received from the clearinghouse or uploaded, kept by content: `DATA_DIR/inbound/<2 hex>/<sha256>`.
 * Written to a temp name, flushed and renamed, so a stored file is always whole; the same bytes arriving
 * again land on the same name and are not written twice. Nothing here is ever deleted by the product.
 */
export interface InboundArchive {
  /** Stores the bytes (once) and returns their SHA-256, hex. */
  put(bytes: Buffer): string;
  /** The stored bytes, or null when there is no such file. */
  get(hash: string): Buffer | null;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function openInboundArchive(dataDir: string): InboundArchive {
  const root = path.join(dataDir, 'inbound');
  const where = (hash: string) => path.join(root, hash.slice(0, 2), hash);
  return {
    put(bytes) {
      const hash = sha256Hex(bytes);
      const file = where(hash);
      if (fs.existsSync(file)) return hash;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      const fd = fs.openSync(temp, 'wx', 0o600);
      try {
        fs.writeSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
      return hash;
    },
    get(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return null;
      try {
        return fs.readFileSync(where(hash));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
