#!/usr/bin/env node
// `claimgrid …` (package.json "bin"; `npx claimgrid` in this repo). The command line is TypeScript, run
// through tsx like every script here (`npm start`, `npm run seed`): tsx is a dev dependency, so this
// needs a full `npm install`, not `--omit=dev`.
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write('claimgrid: needs tsx (a dev dependency): run `npm install` without --omit=dev\n');
  process.exit(1);
}
register();
await import('../sync-server/cli/main.ts');
