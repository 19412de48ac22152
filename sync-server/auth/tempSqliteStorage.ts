import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../storage/sqliteStorage.ts';
import type { Storage } from '../storage/storage.ts';

/** For tests: the real SQLite storage in a fresh temporary folder, and a way to remove it. */
export function openTempSqliteStorage(): { storage: Storage; dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'claimgrid-auth-'));
  const storage = openSqliteStorage({ path: join(dir, 'claimgrid.sqlite') });
  return {
    storage,
    dir,
    dispose: () => {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
