import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVaultKey, openCredentialVault } from '../clearinghouse/credentialVault.ts';
import {
  type ClearinghouseSimulator,
  type SimulatorOptions,
  startClearinghouseSimulator,
} from '../simulator/clearinghouseSimulator.ts';
import type { TestServer } from './testServer.ts';

/** A clearinghouse simulator in a temp folder whose connection the test server's practice has saved. */
export interface ConnectedSimulator {
  simulator: ClearinghouseSimulator;
  /** The simulator's folder (`inbound/`, `outbound/`). */
  dir: string;
  /** Stops the simulator and deletes its folder. */
  stop(): Promise<void>;
}

export async function connectSimulator(
  t: TestServer,
  options: Omit<SimulatorOptions, 'dir'> = {},
): Promise<ConnectedSimulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-simulator-'));
  const simulator = await startClearinghouseSimulator({ ...options, dir });
  openCredentialVault({ dataDir: t.dataDir, key: loadVaultKey(process.env, t.dataDir).key }).save(
    t.practice.practice.id,
    simulator.connection,
  );
  return {
    simulator,
    dir,
    async stop() {
      await simulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
