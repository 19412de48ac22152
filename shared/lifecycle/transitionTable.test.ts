import { describe, expect, it } from 'vitest';
import { claimStatuses } from '../domain/claimStatus.ts';
import { edgesBetween, transitionTable } from './transitionTable.ts';

describe('transitionTable', () => {
  it('has the SPEC §3 pairs and nothing else', () => {
    const pairs = [...new Set(transitionTable.map((e) => `${e.from}>${e.to}`))].sort();
    expect(pairs).toEqual(
      [
        'Ready>Held',
        'Held>Ready',
        'Ready>Submitted',
        'Submitted>Denied',
        'Submitted>Paid',
        'Denied>Paid',
        'Paid>Denied',
        'Denied>Ready',
        'Ready>Voided',
        'Held>Voided',
        'Denied>Voided',
        'Ready>Settled',
        'Held>Settled',
        'Submitted>Settled',
        'Paid>Settled',
        'Denied>Settled',
      ].sort(),
    );
  });

  it('keeps server sources on server rows and people’s sources on user rows', () => {
    for (const e of transitionTable) {
      expect(e.via.length).toBeGreaterThan(0);
      const allowed =
        e.by === 'user' ? ['user', 'manual_payment'] : ['submission', 'acknowledgment', 'remittance'];
      for (const v of e.via) expect(allowed).toContain(v);
    }
  });

  it('never leaves Voided and never stays put', () => {
    for (const e of transitionTable) {
      expect(e.from).not.toBe('Voided');
      expect(e.from).not.toBe('Settled');
      expect(e.from).not.toBe(e.to);
    }
  });

  it('edgesBetween finds exactly the rows of a pair', () => {
    for (const from of claimStatuses) {
      for (const to of claimStatuses) {
        expect(edgesBetween(from, to)).toEqual(transitionTable.filter((e) => e.from === from && e.to === to));
      }
    }
    expect(edgesBetween('Submitted', 'Paid').map((e) => e.by)).toEqual(['server', 'user']);
  });
});
