/**
 * Domain benchmarks (issue: foundation): the synthetic generator, the transition function and the
 * scrubber, each at 100k. Targets are ours: SPEC §10 budgets 300 ms for a local 10k batch change and
 * 1 s for app start, so the pure core must take a small share of those.
 */
import type { Authorization } from '../shared/domain/authorization.ts';
import type { Client } from '../shared/domain/client.ts';
import type { Payer } from '../shared/domain/payer.ts';
import type { Provider } from '../shared/domain/provider.ts';
import { scrubClaims } from '../shared/scrubber/scrubClaims.ts';
import type { ScrubContext } from '../shared/scrubber/scrubContext.ts';
import { generateSyntheticPractice } from '../shared/synthetic/generateSyntheticPractice.ts';
import type { Benchmark } from './harness.ts';
import { runTransitionMix } from './transition.workload.ts';

const AS_OF = '2026-11-22';

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

/** Times `fn` in milliseconds. */
function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export function domainBenchmarks(): Benchmark[] {
  const practice = generateSyntheticPractice({ seed: 7, claims: 100_000, asOf: AS_OF });
  const ctx: ScrubContext = {
    practice: practice.practice,
    payersById: byId<Payer>(practice.payers),
    clientsById: byId<Client>(practice.clients),
    providersById: byId<Provider>(practice.providers),
    authorizationsById: byId<Authorization>(practice.authorizations),
    asOf: AS_OF,
  };
  return [
    {
      name: 'generate synthetic practice, 100k claims',
      unit: 'ms',
      target: 2000,
      better: 'lower',
      measure: () => timed(() => generateSyntheticPractice({ seed: 42, claims: 100_000, asOf: AS_OF })),
    },
    {
      name: 'generate synthetic practice, 200k claims',
      unit: 'ms',
      target: 4000,
      better: 'lower',
      measure: () => timed(() => generateSyntheticPractice({ seed: 42, claims: 200_000, asOf: AS_OF })),
    },
    {
      name: 'state machine: 100k status intents',
      unit: 'ms',
      target: 100,
      better: 'lower',
      measure: () => timed(() => runTransitionMix(practice.claims)),
    },
    {
      name: 'scrubber: 100k claims',
      unit: 'ms',
      target: 300,
      better: 'lower',
      measure: () => timed(() => scrubClaims(practice.claims, ctx)),
    },
  ];
}
