import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { demo837pInput } from '../../shared/x12/837p/demoInput.ts';
import { write837p } from '../../shared/x12/837p/write837p.ts';
import { X12SyntaxError, X12WriteError } from '../../shared/x12/errors.ts';
import { formatFinding, hasErrors, validate837p } from '../../shared/x12/validate837p.ts';
import { type CliCommand, parseCli, USAGE } from './args.ts';
import { inspectX12, UnsupportedX12Error } from './inspectX12.ts';

/** Where a run writes: stdout takes the result (JSON, findings, summary), stderr the one-line problems. */
export interface CliIo {
  out(text: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the file is bad (or could not be read or written), 2 the command line is. */
export type ExitCode = 0 | 1 | 2;

/** Any message on one line: stderr gets one line per problem, never a stack. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Why a file could not be read, by errno code (the OS message may repeat the path; that is fine). */
function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code ?? (e instanceof Error ? e.name : 'error');
}

function readText(file: string, io: CliIo): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`claimgrid: cannot read ${file} (${ioReason(e)})`);
    return null;
  }
}

/**
 * A reading error as one line. X12 errors carry a segment id and line, never an element value (values
 * are patient data); anything else is reported by its name only.
 */
function describeError(e: unknown): string {
  if (e instanceof X12SyntaxError || e instanceof X12WriteError || e instanceof UnsupportedX12Error) {
    return oneLine(e.message);
  }
  return `unexpected ${e instanceof Error ? e.name : typeof e}`;
}

function inspect(file: string, io: CliIo): ExitCode {
  const text = readText(file, io);
  if (text === null) return 1;
  try {
    io.out(`${JSON.stringify(inspectX12(text), null, 2)}\n`);
    return 0;
  } catch (e) {
    io.err(`claimgrid: ${file}: ${describeError(e)}`);
    return 1;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function validate(file: string, io: CliIo): ExitCode {
  const text = readText(file, io);
  if (text === null) return 1;
  const { findings, claimCount } = validate837p(text);
  if (findings.length > 0) io.out(`${findings.map(formatFinding).join('\n')}\n`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  // The summary goes to stderr: stdout is the findings only, one per line.
  io.err(
    `claimgrid: ${file}: ${plural(claimCount, 'claim')}, ${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}`,
  );
  return hasErrors(findings) ? 1 : 0;
}

function demo(cmd: Extract<CliCommand, { kind: 'demo-837p' }>, io: CliIo): ExitCode {
  const started = performance.now();
  let text: string;
  let stCount: number;
  let claimCount: number;
  let writerMs: number;
  try {
    const input = demo837pInput({
      claims: cmd.claims,
      kind: cmd.claimKind,
      seed: cmd.seed,
      test: cmd.test,
      ...(cmd.asOf === null ? {} : { asOf: cmd.asOf }),
    });
    const writing = performance.now();
    ({ text, stCount, claimCount } = write837p(input));
    writerMs = performance.now() - writing;
  } catch (e) {
    io.err(`claimgrid: demo-837p: ${describeError(e)}`);
    return 1;
  }
  try {
    mkdirSync(dirname(cmd.out), { recursive: true });
    writeFileSync(cmd.out, text);
  } catch (e) {
    io.err(`claimgrid: cannot write ${cmd.out} (${ioReason(e)})`);
    return 1;
  }
  const totalMs = performance.now() - started;
  const bytes = Buffer.byteLength(text);
  io.out(
    `demo-837p: ${plural(claimCount, `${cmd.claimKind} claim`)}, ${stCount} ST, ${bytes} bytes, ` +
      `${Math.round(totalMs)} ms (writer ${Math.round(writerMs)} ms), seed ${cmd.seed}, ` +
      `${cmd.test ? 'test (ISA15 T)' : 'production (ISA15 P)'} → ${cmd.out}\n`,
  );
  // Office Ally ignores ISA15: only OATEST in the name keeps a test file out of production.
  if (cmd.test && !basename(cmd.out).includes('OATEST')) {
    io.err('claimgrid: note: Office Ally treats a file as a test only when its name holds OATEST');
  }
  return 0;
}

/** Runs one `claimgrid` command line and returns its exit code. */
export function runCli(argv: readonly string[], io: CliIo): ExitCode {
  const cmd = parseCli(argv);
  switch (cmd.kind) {
    case 'help':
      io.out(`${USAGE}\n`);
      return 0;
    case 'error':
      io.err(cmd.message);
      return 2;
    case 'inspect':
      return inspect(cmd.file, io);
    case 'validate':
      return validate(cmd.file, io);
    case 'demo-837p':
      return demo(cmd, io);
  }
}
