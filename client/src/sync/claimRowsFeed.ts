import type { ClaimRow, ClaimRowsPage } from '../../../shared/sync/claimRow.ts';

export interface ClaimRowsFeedOptions {
  serverUrl: string;
  practiceId: string;
  /** Bearer token for Node clients; browsers send their session cookie. */
  token?: string;
  /** Called with each page of rows, in row order. */
  onRows(rows: ClaimRow[]): void;
  /** Called when a fetch fails (offline, server down, logged out); the next `catchUp` tries again. */
  onError?(error: Error): void;
}

/**
 * Follows a practice's claim-row feed (`GET /api/practices/:id/claim-rows`): fetches the rows after
 * the last one seen, page by page, one fetch at a time. Rows are claims kept out of the live
 * documents; see shared/sync/claimRow.ts.
 */
export class ClaimRowsFeed {
  #lastSeq = 0;
  #wanted = 0;
  #running: Promise<void> | null = null;

  constructor(private readonly options: ClaimRowsFeedOptions) {}

  /** Continues from rows kept on the device: the feed resumes after `seq`. */
  resumeAfter(seq: number): void {
    this.#lastSeq = Math.max(this.#lastSeq, seq);
  }

  /** Row sequence number of the newest row received. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /**
   * Fetches until the feed has reached at least `target` (a facts document's announced row sequence
   * number) and the server has nothing newer; resolves then, or when a fetch fails.
   */
  catchUp(target = 0): Promise<void> {
    this.#wanted = Math.max(this.#wanted, target);
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(): Promise<void> {
    try {
      // An announcement can overtake the answer to a fetch already on its way; then one more fetch
      // (twice at most, so a confused server can't keep us looping) picks its rows up.
      let retries = 2;
      for (;;) {
        const page = await this.#fetchPage();
        if (page.rows.length > 0) {
          this.#lastSeq = page.rows[page.rows.length - 1]!.rowSeq;
          this.options.onRows(page.rows);
        }
        if (page.rows.length > 0 && this.#lastSeq < page.last) continue;
        if (this.#wanted <= this.#lastSeq || retries-- === 0) return;
      }
    } catch (error) {
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async #fetchPage(): Promise<ClaimRowsPage> {
    const { serverUrl, practiceId, token } = this.options;
    const url = `${serverUrl}/api/practices/${encodeURIComponent(practiceId)}/claim-rows?after=${this.#lastSeq}`;
    const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    if (!res.ok) throw new Error(`claim rows: HTTP ${res.status}`);
    return (await res.json()) as ClaimRowsPage;
  }
}
