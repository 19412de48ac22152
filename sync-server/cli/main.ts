/**
 * `claimgrid …`: the X12 command line (see `claimgrid --help`). Run through `bin/claimgrid.js` (npx
 * claimgrid) or `node --import tsx sync-server/cli/main.ts`.
 */
import { runCli } from './run.ts';

// `claimgrid x12 inspect big.x12 | head` closes stdout early; that is not an error worth a stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (e) {
  // Never a stack trace: it could carry values from the file. The name says which kind of bug it is.
  process.stderr.write(`claimgrid: internal error (${e instanceof Error ? e.name : typeof e})\n`);
  process.exitCode = 1;
}
