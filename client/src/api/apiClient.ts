import type { ApiErrorCode as ServerErrorCode } from '../../../sync-server/http/apiError.ts';
import {
  type ActionClaimAnswer,
  newClaimAnswerSchema,
  type RecordPaymentAnswer,
  recordPaymentAnswerSchema,
  type VoidAnswer,
  voidAnswerSchema,
} from '../queue/claimActionSchemas.ts';
import type { RecordPaymentRequest } from '../queue/recordPayment.ts';
import {
  hostKeyAnswerSchema,
  type SettingsAnswer,
  type SettingsRequest,
  settingsAnswerSchema,
} from '../submissions/clearinghouseSettings.ts';
import {
  type InboundFile,
  type InboundList,
  inboundListSchema,
  matchAnswerSchema,
  type PollAnswer,
  pollAnswerSchema,
  type UploadAnswer,
  uploadAnswerSchema,
} from '../submissions/inboundSchemas.ts';
import {
  type BatchDetail,
  type BatchSummary,
  batchEnvelopeSchema,
  batchListSchema,
  type ConnectionStatus,
  connectionStatusSchema,
  type GenerateResult,
  generateResultSchema,
  type SubmissionPlan,
  submissionPlanSchema,
} from '../submissions/submissionSchemas.ts';
import { parseSessionInfo, type SessionInfo } from './session.ts';

/**
 * Why a request failed: a code the server sent, `offline` when the server could not be reached at
 * all, `bad_response` when it answered with something that is not this API's JSON (a proxy's error
 * page, a half-written body).
 */
export type ApiErrorCode = ServerErrorCode | 'offline' | 'bad_response';

/** The `error` member of a refusal, as the server sent it. */
export type ServerErrorBody = { code: string; message: string } & Record<string, string | number>;

export const OFFLINE_MESSAGE =
  'Can’t reach the ClaimGrid server. Check your connection; your work on this device is kept.';

/**
 * A failed API call. `message` is for a person (the server writes its messages for people, so they
 * are shown as they are); match on `code`, never on the message.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** The server's `{ error: { code, message, … } }` body, when there was one. */
    readonly server: ServerErrorBody | null = null,
    options?: { cause?: unknown; body?: Record<string, unknown> },
  ) {
    super(message, options);
    this.body = options?.body ?? null;
  }

  /** The whole refusal body, for what some routes send beside `error` (e.g. a submission's `claims`). */
  readonly body: Record<string, unknown> | null;

  /** True when the user must log in (again) before this can work. */
  get needsLogin(): boolean {
    return this.status === 401;
  }
}

export interface ApiClientConfig {
  /** Origin of the server, e.g. `http://127.0.0.1:8080`; the page's own origin when absent. */
  baseUrl?: string;
  /**
   * Session token sent as `Authorization: Bearer` (Node clients and tests). Browsers leave it out:
   * their HttpOnly session cookie goes along with same-origin requests by itself.
   */
  token?: string;
}

export interface ApiClient {
  /** Logs in; the server sets the session cookie. Rejects with `invalid_credentials`, `too_many_attempts`, … */
  login(email: string, password: string): Promise<SessionInfo>;
  /** Ends the session on the server and clears its cookie. */
  logout(): Promise<void>;
  /** Who is logged in and their practices; rejects with a 401 ApiError (`needsLogin`) when nobody is. */
  me(): Promise<SessionInfo>;
  /** The service months of a practice that have documents, e.g. `["2026-10", "2026-11"]`. */
  partitions(practiceId: string): Promise<string[]>;
  /** Submissions (SPEC §6): the Ready claims for a payer ('all' = every EDI payer), scrubbed. */
  submissionPlan(practiceId: string, payer: string): Promise<SubmissionPlan>;
  /** Whether the practice's clearinghouse connection works right now (the server logs in to check). */
  clearinghouseConnection(practiceId: string): Promise<ConnectionStatus>;
  /** Generates an 837P batch; without `claimIds` every passing claim (up to one file's worth). */
  generateSubmission(
    practiceId: string,
    request: { payer: string; claimIds?: readonly string[] },
  ): Promise<GenerateResult>;
  /** Recent batches, newest first. */
  submissions(practiceId: string, limit?: number): Promise<BatchSummary[]>;
  submission(practiceId: string, batchId: string): Promise<BatchDetail>;
  /** The batch's .x12 text. */
  submissionFile(practiceId: string, batchId: string): Promise<string>;
  /** Where the browser downloads the batch's .x12 file (same origin, session cookie). */
  submissionFileUrl(practiceId: string, batchId: string): string;
  /** Uploads over SFTP; a failed upload rejects with `upload_failed` and the failed batch in `body.batch`. */
  submitSubmission(practiceId: string, batchId: string): Promise<BatchDetail>;
  /** Records a manual upload (after Download .x12). */
  markSubmissionUploaded(practiceId: string, batchId: string): Promise<BatchDetail>;
  /** Settings → Clearinghouse (admins): the saved account without its secrets. */
  clearinghouseSettings(practiceId: string): Promise<SettingsAnswer>;
  saveClearinghouseSettings(practiceId: string, request: SettingsRequest): Promise<SettingsAnswer>;
  /** The host key fingerprint a server presents, to compare with the clearinghouse's before pinning it. */
  readHostKey(practiceId: string, host: string, port: number): Promise<string>;
  /** Files from the clearinghouse (999, 277CA, 835), newest first, and batches overdue for their 999. */
  inboundFiles(practiceId: string, limit?: number): Promise<InboundList>;
  /** Fetches what is new in the clearinghouse's outbound/ now; `clearinghouse_unavailable` when it can't. */
  pollInbound(practiceId: string): Promise<PollAnswer>;
  /** Sends a file (835, 999, 277CA) as its raw bytes; the same bytes twice are received once. */
  uploadInbound(practiceId: string, name: string, file: Blob): Promise<UploadAnswer>;
  /** Where the browser downloads a received file's stored bytes. */
  inboundFileUrl(practiceId: string, hash: string): string;
  /** Posts an 835 claim payment that matched no claim on the claim a person chose; the file as it is now. */
  matchInboundPayment(
    practiceId: string,
    hash: string,
    match: { payment: number; entry: number; claimId: string },
  ): Promise<InboundFile>;
  /** Record Payment (a paper EOB); refused with `unbalanced` etc. and the biller's message. */
  recordPayment(
    practiceId: string,
    claimId: string,
    request: RecordPaymentRequest,
  ): Promise<RecordPaymentAnswer>;
  /** Generate secondary claim: the new Ready claim (asking twice gives the same one). */
  generateSecondaryClaim(practiceId: string, claimId: string): Promise<ActionClaimAnswer>;
  /** Submit corrected claim: the new Ready claim, frequency 7. */
  createCorrectedClaim(practiceId: string, claimId: string): Promise<ActionClaimAnswer>;
  /** Void: the claim, and the void claim (frequency 8) to send when the payer has it. */
  voidClaim(practiceId: string, claimId: string, reason: string): Promise<VoidAnswer>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function badResponse(status: number, cause?: unknown): ApiError {
  return new ApiError(
    'bad_response',
    `The ClaimGrid server sent an answer this app can’t read (HTTP ${status}). Try again in a moment; ` +
      'if it keeps happening, tell your administrator.',
    status,
    null,
    { cause },
  );
}

/** The refusal in a non-2xx response, as an ApiError. */
async function refusal(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch (cause) {
    return badResponse(res.status, cause);
  }
  if (!isRecord(body)) return badResponse(res.status);
  const error = body.error;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return badResponse(res.status);
  }
  const server = error as ServerErrorBody;
  return new ApiError(server.code as ApiErrorCode, server.message, res.status, server, { body });
}

/** A client for the REST API. In the browser `createApiClient()` talks to the page's own server. */
export function createApiClient(config: ApiClientConfig = {}): ApiClient {
  const base = (config.baseUrl ?? '').replace(/\/+$/, '');

  /** The response of a request that succeeded; a refusal or no answer at all rejects with an ApiError. */
  async function send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    json?: unknown,
    /** A file sent as it is (an upload), instead of JSON. */
    raw?: Blob,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (config.token !== undefined) headers.authorization = `Bearer ${config.token}`;
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (raw !== undefined) headers['content-type'] = 'application/octet-stream';
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers,
        body: raw ?? (json === undefined ? undefined : JSON.stringify(json)),
        // The session cookie only ever goes to our own origin.
        credentials: 'same-origin',
      });
    } catch (cause) {
      // fetch rejects only when no response arrived: network down, server stopped, DNS, CORS.
      throw new ApiError('offline', OFFLINE_MESSAGE, 0, null, { cause });
    }
    if (!res.ok) throw await refusal(res);
    return res;
  }

  async function call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    json?: unknown,
    raw?: Blob,
  ): Promise<unknown> {
    const res = await send(method, path, json, raw);
    try {
      return await res.json();
    } catch (cause) {
      throw badResponse(res.status, cause);
    }
  }

  /** `call`, the answer parsed with `schema` (a shape this app does not know is `bad_response`). */
  async function parsed<T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    json?: unknown,
    raw?: Blob,
  ): Promise<T> {
    const result = schema.safeParse(await call(method, path, json, raw));
    if (!result.success) throw badResponse(200);
    return result.data;
  }

  const clearinghousePath = (practiceId: string, rest = '') =>
    `/api/practices/${encodeURIComponent(practiceId)}/clearinghouse${rest}`;
  const submissionsPath = (practiceId: string, rest = '') =>
    `/api/practices/${encodeURIComponent(practiceId)}/submissions${rest}`;
  const inboundPath = (practiceId: string, rest = '') =>
    `/api/practices/${encodeURIComponent(practiceId)}/inbound${rest}`;
  const batchPath = (practiceId: string, batchId: string, rest = '') =>
    submissionsPath(practiceId, `/${encodeURIComponent(batchId)}${rest}`);
  const claimPath = (practiceId: string, claimId: string, rest: string) =>
    `/api/practices/${encodeURIComponent(practiceId)}/claims/${encodeURIComponent(claimId)}${rest}`;

  async function session(method: 'GET' | 'POST', path: string, json?: unknown): Promise<SessionInfo> {
    const info = parseSessionInfo(await call(method, path, json));
    if (info === null) throw badResponse(200);
    return info;
  }

  return {
    login: (email, password) => session('POST', '/api/login', { email, password }),
    async logout() {
      await call('POST', '/api/logout');
    },
    me: () => session('GET', '/api/me'),
    async partitions(practiceId) {
      const body = await call('GET', `/api/practices/${encodeURIComponent(practiceId)}/partitions`);
      const list = isRecord(body) ? body.partitions : undefined;
      if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) throw badResponse(200);
      return list;
    },
    submissionPlan: (practiceId, payer) =>
      parsed(
        submissionPlanSchema,
        'GET',
        submissionsPath(practiceId, `/plan?payer=${encodeURIComponent(payer)}`),
      ),
    clearinghouseConnection: (practiceId) =>
      parsed(connectionStatusSchema, 'GET', submissionsPath(practiceId, '/connection')),
    generateSubmission: (practiceId, request) =>
      parsed(generateResultSchema, 'POST', submissionsPath(practiceId), request),
    async submissions(practiceId, limit = 50) {
      return (await parsed(batchListSchema, 'GET', submissionsPath(practiceId, `?limit=${limit}`))).batches;
    },
    async submission(practiceId, batchId) {
      // The detail is the batch itself, not wrapped: parse it through the envelope's batch schema.
      const body = await call('GET', batchPath(practiceId, batchId));
      const result = batchEnvelopeSchema.safeParse({ batch: body });
      if (!result.success) throw badResponse(200);
      return result.data.batch;
    },
    async submissionFile(practiceId, batchId) {
      const res = await send('GET', batchPath(practiceId, batchId, '/file'));
      try {
        return await res.text();
      } catch (cause) {
        throw badResponse(res.status, cause);
      }
    },
    submissionFileUrl: (practiceId, batchId) => `${base}${batchPath(practiceId, batchId, '/file')}`,
    async submitSubmission(practiceId, batchId) {
      return (await parsed(batchEnvelopeSchema, 'POST', batchPath(practiceId, batchId, '/submit'))).batch;
    },
    async markSubmissionUploaded(practiceId, batchId) {
      return (await parsed(batchEnvelopeSchema, 'POST', batchPath(practiceId, batchId, '/mark-uploaded')))
        .batch;
    },
    clearinghouseSettings: (practiceId) => parsed(settingsAnswerSchema, 'GET', clearinghousePath(practiceId)),
    saveClearinghouseSettings: (practiceId, request) =>
      parsed(settingsAnswerSchema, 'PUT', clearinghousePath(practiceId), request),
    async readHostKey(practiceId, host, port) {
      return (
        await parsed(hostKeyAnswerSchema, 'POST', clearinghousePath(practiceId, '/host-key'), { host, port })
      ).hostKeySha256;
    },
    inboundFiles: (practiceId, limit = 100) =>
      parsed(inboundListSchema, 'GET', inboundPath(practiceId, `?limit=${limit}`)),
    pollInbound: (practiceId) => parsed(pollAnswerSchema, 'POST', inboundPath(practiceId, '/poll')),
    uploadInbound: (practiceId, name, file) =>
      parsed(
        uploadAnswerSchema,
        'POST',
        inboundPath(practiceId, `/upload?name=${encodeURIComponent(name)}`),
        undefined,
        file,
      ),
    inboundFileUrl: (practiceId, hash) =>
      `${base}${inboundPath(practiceId, `/${encodeURIComponent(hash)}/file`)}`,
    async matchInboundPayment(practiceId, hash, match) {
      return (
        await parsed(
          matchAnswerSchema,
          'POST',
          inboundPath(practiceId, `/${encodeURIComponent(hash)}/match`),
          match,
        )
      ).file;
    },
    recordPayment: (practiceId, claimId, request) =>
      parsed(recordPaymentAnswerSchema, 'POST', claimPath(practiceId, claimId, '/payments'), request),
    async generateSecondaryClaim(practiceId, claimId) {
      return (await parsed(newClaimAnswerSchema, 'POST', claimPath(practiceId, claimId, '/secondary'))).claim;
    },
    async createCorrectedClaim(practiceId, claimId) {
      return (await parsed(newClaimAnswerSchema, 'POST', claimPath(practiceId, claimId, '/corrected'))).claim;
    },
    voidClaim: (practiceId, claimId, reason) =>
      parsed(voidAnswerSchema, 'POST', claimPath(practiceId, claimId, '/void'), { reason }),
  };
}

/** The browser's client: same origin, session cookie. */
export const browserApi: ApiClient = createApiClient();
