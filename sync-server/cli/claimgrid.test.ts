import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_KINDS } from '../../shared/x12/837p/demoInput.ts';

// The real command: `node bin/claimgrid.js …` (what `npx claimgrid …` runs), as a child process.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'claimgrid.js');
const GOLDEN = join(ROOT, 'shared', 'x12', '837p', 'golden');
const ACK_GOLDEN = join(ROOT, 'shared', 'x12', 'ack', 'golden');
const dir = mkdtempSync(join(tmpdir(), 'claimgrid-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function claimgrid(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function temp(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function stderrLines(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => l !== '');
}

const goldenText = (name: string) => readFileSync(join(GOLDEN, `${name}.x12`), 'utf8');

describe('package.json bin', () => {
  it('points claimgrid at bin/claimgrid.js, a node script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin?: Record<string, string>;
    };
    expect(pkg.bin?.claimgrid).toBe('bin/claimgrid.js');
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });
});

describe('claimgrid x12 inspect', { timeout: 60_000 }, () => {
  it('prints one JSON document with every claim of an 837P', () => {
    const r = claimgrid('x12', 'inspect', join(GOLDEN, 'batch.x12'));
    expect([r.status, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout) as { type: string; claims: Record<string, unknown>[] };
    expect(doc.type).toBe('837P');
    expect(doc.claims).toHaveLength(7);
    expect(Object.keys(doc.claims[0]!).sort()).toEqual(
      [
        'chargeCents',
        'frequency',
        'lineCount',
        'originalReference',
        'patientControlNumber',
        'payerId',
      ].sort(),
    );
    expect(doc.claims.find((c) => c.frequency === '8')).toMatchObject({
      patientControlNumber: 'V0GOLDEN00004',
      originalReference: '26324000017751',
      chargeCents: 21250,
      lineCount: 2,
      payerId: '87726',
    });
  });

  it('prints the 835 remittance document: payment, balance, claims, lines, PLB', () => {
    const r = claimgrid('x12', 'inspect', join(ACK_GOLDEN, 'remit.835.x12'));
    expect([r.status, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & {
      claims: { patientControlNumber: string; status: string; paidCents: number; lines: unknown[] }[];
    };
    expect(Object.keys(doc)).toEqual(['type', 'balanced', 'payment', 'claims', 'providerAdjustments']);
    // 170.00 + 120.00 + 0 − (−1.25 + 20.00) = 271.25
    expect(doc).toMatchObject({
      type: '835',
      balanced: true,
      payment: { totalCents: 27125, method: 'CHK', trace: '91000417', date: '2026-11-30' },
      providerAdjustments: [
        { reason: 'L6', amountCents: -125 },
        { reason: 'WO', amountCents: 2000 },
      ],
    });
    expect(doc.claims.map((c) => [c.patientControlNumber, c.status, c.paidCents, c.lines.length])).toEqual([
      ['C0GOLDEN00001', 'processed_primary', 17000, 2],
      ['C0GOLDEN00003', 'processed_primary', 12000, 2],
      ['C0GOLDEN00004', 'denied', 0, 1],
    ]);
  });

  it('prints the 999 and 277CA documents', () => {
    const ack = claimgrid('x12', 'inspect', join(ACK_GOLDEN, 'partial.999.x12'));
    expect([ack.status, ack.stderr]).toEqual([0, '']);
    expect(JSON.parse(ack.stdout)).toEqual({
      type: '999',
      groupStatus: 'P',
      transactions: [
        { controlNumber: '0001', status: 'A', errors: [] },
        {
          controlNumber: '0002',
          status: 'R',
          errors: [{ segment: 'CLM', position: 19, element: 'CLM05-1', code: '7', value: 'X1' }],
        },
        {
          controlNumber: '0003',
          status: 'R',
          errors: [{ segment: null, position: null, element: null, code: '4', value: null }],
        },
      ],
    });
    const ca = claimgrid('x12', 'inspect', join(ACK_GOLDEN, 'claims.277ca.x12'));
    expect([ca.status, ca.stderr]).toEqual([0, '']);
    expect(JSON.parse(ca.stdout)).toEqual({
      type: '277CA',
      claims: [
        {
          patientControlNumber: 'C0GOLDEN00001',
          status: 'accepted',
          statusCodes: ['A2:20'],
          payerClaimControlNumber: '26327000000101',
          message: null,
        },
        {
          patientControlNumber: 'C0GOLDEN00002',
          status: 'rejected',
          statusCodes: ['A7:562:85'],
          payerClaimControlNumber: null,
          message: 'Billing provider NPI is invalid',
        },
        {
          patientControlNumber: 'C0GOLDEN00006',
          status: 'accepted',
          statusCodes: ['A1:19:PR', 'A2:20'],
          payerClaimControlNumber: 'AET0000000606',
          message: null,
        },
      ],
    });
  });

  it('exits 1 on a malformed 835 (bad amount, wrong SE01) with one line naming segment and line', () => {
    const remit = readFileSync(join(ACK_GOLDEN, 'remit.835.x12'), 'utf8');
    const amount = claimgrid(
      'x12',
      'inspect',
      temp(
        'bad-amount.835',
        remit.replace('CLP*C0GOLDEN00003*1*212.5*120*', 'CLP*C0GOLDEN00003*1*212.5*12O*'),
      ),
    );
    expect([amount.status, amount.stdout]).toEqual([1, '']);
    expect(stderrLines(amount)).toEqual([
      expect.stringMatching(
        /: X12 syntax error: CLP at line 24: CLP04 is not an amount with at most 2 decimals$/,
      ),
    ]);
    expect(amount.stderr).not.toContain('C0GOLDEN00003');
    expect(amount.stderr).not.toContain('12O');
    const count = claimgrid(
      'x12',
      'inspect',
      temp('bad-count.835', remit.replace('SE*38*0001', 'SE*37*0001')),
    );
    expect([count.status, count.stdout]).toEqual([1, '']);
    expect(stderrLines(count)).toEqual([
      expect.stringMatching(
        /: X12 syntax error: SE at line 40: SE01 does not match the number of segments from ST to SE$/,
      ),
    ]);
  });

  it('exits 1 on a malformed file with one stderr line naming segment and line, no value, no stack', () => {
    const file = temp(
      'bad-amount.x12',
      goldenText('original').replace('CLM*C0GOLDEN00001*212.5*', 'CLM*C0GOLDEN00001*21x2.5*'),
    );
    const r = claimgrid('x12', 'inspect', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = stderrLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('CLM at line 21');
    expect(lines[0]).not.toContain('21x2.5');
    expect(lines[0]).not.toContain('C0GOLDEN00001');
  });

  it('exits 1 on a file that is not X12, naming ISA line 1', () => {
    const r = claimgrid('x12', 'inspect', temp('letter.txt', 'Dear payer,\nplease pay.\n'));
    expect(r.status).toBe(1);
    expect(stderrLines(r)).toEqual([
      expect.stringMatching(/: X12 syntax error: \? at line 1: the file does not start with an ISA segment$/),
    ]);
  });

  it('exits 1 with one line when the file cannot be read, and 2 on a bad command line', () => {
    const missing = claimgrid('x12', 'inspect', join(dir, 'nope.x12'));
    expect([missing.status, stderrLines(missing)]).toEqual([1, [expect.stringContaining('(ENOENT)')]]);
    const usage = claimgrid('x12', 'inspect');
    expect([usage.status, stderrLines(usage).length, usage.stdout]).toEqual([2, 1, '']);
  });
});

describe('claimgrid x12 validate', { timeout: 60_000 }, () => {
  it('exits 0 and prints no finding for a golden file', () => {
    const r = claimgrid('x12', 'validate', join(GOLDEN, 'secondary.x12'));
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/: 1 claim, 0 errors, 0 warnings$/)]);
  });

  it('exits 1 on a fault file and prints each finding as "error SEGMENT line N: message"', () => {
    const text = goldenText('corrected')
      .replace('REF*F8*26324000017751~\n', '')
      .replace('N4*Austin*TX*787041234', 'N4*Austin*TX*78704');
    const r = claimgrid('x12', 'validate', temp('fault.x12', text));
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'warning N4 line 12: the billing provider ZIP code (2010AA N403) should be 9 digits (ZIP+4)',
      "error CLM line 21: a replacement or void claim needs the payer's claim control number (REF*F8)",
      'error SE line 28: SE01 must be 26, the segments from ST to SE',
    ]);
  });

  it('exits 0 when there are warnings only', () => {
    const text = goldenText('original').replace('N4*Austin*TX*787041234', 'N4*Austin*TX*78704');
    const r = claimgrid('x12', 'validate', temp('warning.x12', text));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^warning N4 line 12: /);
  });
});

describe('claimgrid demo-837p', { timeout: 120_000 }, () => {
  for (const kind of DEMO_KINDS) {
    it(`${kind}: writes a file that inspect and validate accept`, () => {
      const out = join(dir, 'demo', `${kind}_837P_OATEST.x12`);
      const r = claimgrid(
        'demo-837p',
        '--claims',
        '12',
        '--kind',
        kind,
        '--out',
        out,
        '--seed',
        '9',
        '--test',
      );
      expect([r.status, r.stderr]).toEqual([0, '']);
      const bytes = statSync(out).size;
      expect(r.stdout).toMatch(
        new RegExp(
          `^demo-837p: 12 ${kind} claims, \\d+ ST, ${bytes} bytes, \\d+ ms \\(writer \\d+ ms\\), seed 9, test`,
        ),
      );
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);

      const inspected = claimgrid('x12', 'inspect', out);
      expect(inspected.status).toBe(0);
      const doc = JSON.parse(inspected.stdout) as {
        claims: { frequency: string; originalReference: string | null }[];
      };
      expect(doc.claims).toHaveLength(12);
      const frequency = kind === 'corrected' ? '7' : kind === 'void' ? '8' : '1';
      for (const c of doc.claims) {
        expect(c.frequency).toBe(frequency);
        expect(c.originalReference === null).toBe(frequency === '1');
      }

      const validated = claimgrid('x12', 'validate', out);
      expect([validated.status, validated.stdout]).toEqual([0, '']);
      expect(validated.stderr).toContain('12 claims, 0 errors, 0 warnings');
    });
  }

  it('notes on stderr when a test file lacks OATEST in its name', () => {
    const r = claimgrid(
      'demo-837p',
      '--claims',
      '1',
      '--kind',
      'original',
      '--out',
      join(dir, 'plain.x12'),
      '--test',
    );
    expect(r.status).toBe(0);
    expect(stderrLines(r)).toEqual([
      'claimgrid: note: Office Ally treats a file as a test only when its name holds OATEST',
    ]);
  });
});
