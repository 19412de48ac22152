/**
 * Child process of the durability test: appends numbered updates to one document and prints each
 * returned seq on its own line, only after appendUpdate has returned. The test SIGKILLs it mid-run.
 * Usage: node --import tsx appendUntilKilled.ts <db path> <FULL|NORMAL> <doc name>
 */
import fs from 'node:fs';
import { numberedPayload } from './numberedPayload.ts';
import { openSqliteStorage } from './sqliteStorage.ts';

const [dbPath, synchronous, docName] = process.argv.slice(2);
if (!dbPath || !docName || (synchronous !== 'FULL' && synchronous !== 'NORMAL')) {
  console.error('usage: appendUntilKilled.ts <db path> <FULL|NORMAL> <doc name>');
  process.exit(2);
}
const storage = openSqliteStorage({ path: dbPath, synchronous });
// Bounded, so an orphan (its test runner gone) stops on its own.
for (let i = 1; i <= 20_000; i++) {
  const seq = storage.appendUpdate(docName, numberedPayload(i));
  // writeSync: the line leaves this process before the next append starts, pipe or not.
  fs.writeSync(1, `${seq}\n`);
}
storage.close();
