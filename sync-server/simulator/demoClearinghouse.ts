import { join } from 'node:path';
import { loadVaultKey, openCredentialVault } from '../clearinghouse/credentialVault.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { startClearinghouseSimulator } from './clearinghouseSimulator.ts';

/**
 * For `npm start`: the clearinghouse simulator on loopback, with every practice that has no
 * clearinghouse settings (or this simulator's, whose port may have changed) pointed at it, so a
 * newcomer can submit a batch and see the 999/277CA (and later the 835) come back.
 * `CLEARINGHOUSE_SIMULATOR=off` leaves it out.
 */
export async function startDemoClearinghouse(options: {
  config: Config;
  log: Logger;
  storage: Pick<Storage, 'listPractices'>;
  env: Record<string, string | undefined>;
}): Promise<{ announcement: string; stop: () => Promise<void> } | null> {
  const { config, env } = options;
  if (env.CLEARINGHOUSE_SIMULATOR === 'off') return null;
  const simulator = await startClearinghouseSimulator({
    dir: join(config.dataDir, 'clearinghouse-simulator'),
    port: Number(env.CLEARINGHOUSE_SIMULATOR_PORT ?? 0),
    reportDelayMs: Number(env.CLEARINGHOUSE_REPORT_DELAY_MS ?? 5_000),
    remitDelayMs: Number(env.CLEARINGHOUSE_REMIT_DELAY_MS ?? 60_000),
    log: options.log,
  });
  const vault = openCredentialVault({
    dataDir: config.dataDir,
    key: loadVaultKey(env, config.dataDir).key,
  });
  for (const practice of options.storage.listPractices()) {
    const saved = vault.describe(practice.id);
    if (saved === null || saved.hostKeySha256 === simulator.hostKeySha256)
      vault.save(practice.id, simulator.connection);
  }
  return {
    announcement:
      `Clearinghouse simulator: SFTP on ${simulator.host}:${simulator.port} ` +
      `(host key ${simulator.hostKeySha256}), files in ${simulator.dir}`,
    stop: () => simulator.stop(),
  };
}
