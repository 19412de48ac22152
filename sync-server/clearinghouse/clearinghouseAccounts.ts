import { errorFields, type Logger } from '../log.ts';
import {
  type ClearinghouseCredentials,
  type CredentialSummary,
  type CredentialVault,
  loadVaultKey,
  openCredentialVault,
} from './credentialVault.ts';
import type { SftpConnection } from './sftpSession.ts';

/** Why a practice's clearinghouse connection cannot be used; `message` tells a biller what to do. */
export class ClearinghouseAccountProblem extends Error {
  constructor(
    readonly code: 'no_connection' | 'credentials_unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'ClearinghouseAccountProblem';
  }
}

/**
 * Each practice's clearinghouse SFTP account: the one place that opens the credential vault, for the
 * submission uploads, the inbound poller and Settings. The vault is opened on first use, so a server
 * that never talks to a clearinghouse never creates a key file.
 */
export interface ClearinghouseAccounts {
  /** The connection with its secrets, for the SFTP client only. Throws ClearinghouseAccountProblem. */
  connection(practiceId: string): SftpConnection;
  /** Settings without secrets; null when none are saved. Throws like the vault when unreadable. */
  describe(practiceId: string): CredentialSummary | null;
  /** Saves changes; secrets left out keep the saved ones (see CredentialVault.update). */
  update(practiceId: string, changes: Partial<ClearinghouseCredentials>): void;
  remove(practiceId: string): boolean;
  /** Practices with saved settings (the poller's list). */
  practiceIds(): string[];
}

export function createClearinghouseAccounts(options: {
  dataDir: string;
  log: Logger;
  /** Where the vault key variable is read (default `process.env`). */
  env?: Record<string, string | undefined>;
  vault?: CredentialVault;
}): ClearinghouseAccounts {
  let vault = options.vault ?? null;
  const open = (): CredentialVault => {
    vault ??= openCredentialVault({
      dataDir: options.dataDir,
      key: loadVaultKey(options.env ?? process.env, options.dataDir).key,
    });
    return vault;
  };
  return {
    connection(practiceId) {
      let saved: ClearinghouseCredentials | null;
      try {
        saved = open().load(practiceId);
      } catch (err) {
        options.log.error('clearinghouse_vault_unreadable', { practiceId, ...errorFields(err) });
        throw new ClearinghouseAccountProblem(
          'credentials_unreadable',
          'The server could not read the saved clearinghouse credentials. Ask your administrator to enter them again in Submissions → Clearinghouse settings.',
        );
      }
      if (!saved) {
        throw new ClearinghouseAccountProblem(
          'no_connection',
          'No clearinghouse SFTP connection is saved for this practice. An admin can add it in Submissions → Clearinghouse settings.',
        );
      }
      return saved;
    },
    describe: (practiceId) => open().describe(practiceId),
    update: (practiceId, changes) => open().update(practiceId, changes),
    remove: (practiceId) => open().remove(practiceId),
    practiceIds: () => open().practiceIds(),
  };
}
