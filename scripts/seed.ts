/**
 * `npm run seed -- --claims 100000 [--seed 42] [--as-of 2026-11-22] [--out data/demo-practice.json]`:
 * writes a deterministic synthetic practice as JSON and prints a one-line summary (counts only, no
 * patient data). Bad arguments print a one-line usage error and exit with code 2.
 */
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { claimStatuses } from '../shared/domain/claimStatus.ts';
import {
  generateSyntheticPractice,
  type SyntheticPractice,
} from '../shared/synthetic/generateSyntheticPractice.ts';
import { parseSeedArgs, SEED_USAGE } from './seedArgs.ts';

// The local calendar date: "today" as the person running the command means it.
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Arrays are written element by element in ~1 MB chunks, so 200k claims never become one huge string.
function writePracticeJson(path: string, practice: SyntheticPractice): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    let buffer = '';
    const write = (text: string) => {
      buffer += text;
      if (buffer.length >= 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    };
    write('{');
    Object.entries(practice).forEach(([key, value], k) => {
      write(`${k === 0 ? '' : ','}${JSON.stringify(key)}:`);
      if (!Array.isArray(value)) {
        write(JSON.stringify(value));
        return;
      }
      write('[');
      for (let i = 0; i < value.length; i++) write((i === 0 ? '' : ',') + JSON.stringify(value[i]));
      write(']');
    });
    write('}\n');
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

const parsed = parseSeedArgs(process.argv.slice(2), localToday());
if (parsed.kind === 'help') {
  console.log(SEED_USAGE);
} else if (parsed.kind === 'error') {
  console.error(parsed.message);
  process.exitCode = 2;
} else {
  const { claims, seed, asOf, out } = parsed.options;
  const started = performance.now();
  const practice = generateSyntheticPractice({ seed, claims, asOf });
  try {
    writePracticeJson(out, practice);
  } catch (e) {
    console.error(`seed: could not write ${out}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = new Map<string, number>();
  for (const c of practice.claims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const byStatus = claimStatuses.map((s) => `${s} ${counts.get(s) ?? 0}`).join(', ');
  const megabytes = (statSync(out).size / 1e6).toFixed(1);
  console.log(
    `seed: ${claims} claims (${byStatus}), seed ${seed}, as of ${asOf} → ${out} (${megabytes} MB) in ${seconds} s`,
  );
}
