/** Why the storage refused an operation; callers branch on this, never on the message. */
export type StorageErrorCode =
  | 'duplicate_email'
  | 'duplicate_id'
  | 'duplicate_control_number'
  | 'unknown_user'
  | 'unknown_practice'
  | 'invalid_instant'
  | 'compaction_out_of_range'
  | 'schema_too_new'
  | 'wal_unavailable';

const messages: Record<StorageErrorCode, string> = {
  duplicate_email: 'Another user already signs in with this email address.',
  duplicate_id: 'A record with this ID already exists.',
  duplicate_control_number:
    'This practice already used this X12 control number; control numbers never repeat.',
  unknown_user: 'This user does not exist.',
  unknown_practice: 'This practice does not exist.',
  invalid_instant: 'A time was not a UTC ISO-8601 instant (e.g. 2025-01-31T09:00:00Z).',
  compaction_out_of_range: 'A snapshot cannot cover updates that were never stored.',
  schema_too_new: 'The database was written by a newer version of ClaimGrid; upgrade the server to open it.',
  wal_unavailable: 'The database folder does not support write-ahead logging; use a local disk.',
};

/**
 * A typed refusal from a Storage implementation. The message never contains record contents
 * (emails, names, document bytes), so it can be logged as is.
 */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode) {
    super(messages[code]);
    this.name = 'StorageError';
    this.code = code;
  }
}
