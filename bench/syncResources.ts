/** Something a benchmark needs that is slow to make (a seeded practice, a server with clients). */
export interface Resource<T> {
  readonly name: string;
  /** Opens it on first use; later calls share the same value. */
  get(): Promise<T>;
}

interface Entry {
  name: string;
  /** Kept when another measurement runs (data on disk); released only when the bench moves on. */
  sticky: boolean;
  value: Promise<unknown> | null;
  close: (value: never) => Promise<void> | void;
}

/**
 * The sync benchmarks' servers, clients and data folders. The harness has no set-up or tear-down, so
 * each measurement says what it needs: whatever else is open (and not sticky) is closed first, so two
 * servers never share a data folder and one figure's clients don't load the next; and everything is
 * closed once no measurement follows. The harness starts the next measurement in the same tick as the
 * last one ends, so a zero-delay timer fires only when the bench has moved on.
 */
export class ResourcePool {
  readonly #entries: Entry[] = [];
  #idle: NodeJS.Timeout | null = null;

  /** Declares a resource; nothing is opened until a measurement asks for it. */
  define<T>(
    name: string,
    open: () => Promise<T>,
    close: (value: T) => Promise<void> | void,
    options: { sticky?: boolean } = {},
  ): Resource<T> {
    const entry: Entry = { name, sticky: options.sticky ?? false, value: null, close: close as never };
    this.#entries.push(entry);
    return {
      name,
      get: () => {
        entry.value ??= open();
        return entry.value as Promise<T>;
      },
    };
  }

  /** Runs one measurement that uses `needs`, after closing every other non-sticky resource. */
  async measure<T>(needs: readonly Resource<unknown>[], fn: () => Promise<T>): Promise<T> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const wanted = new Set(needs.map((r) => r.name));
    // Close in reverse order of declaration: a scenario's clients before the server they talk to.
    for (const entry of [...this.#entries].reverse()) {
      if (!entry.sticky && !wanted.has(entry.name)) await this.#release(entry);
    }
    try {
      return await fn();
    } finally {
      this.#idle = setTimeout(() => void this.releaseAll(), 0);
    }
  }

  /** Closes everything (the data folders too). */
  async releaseAll(): Promise<void> {
    for (const entry of [...this.#entries].reverse()) await this.#release(entry);
  }

  async #release(entry: Entry): Promise<void> {
    const value = entry.value;
    entry.value = null;
    if (!value) return;
    // A resource that failed to open has nothing to close.
    const opened = await value.then(
      (v) => ({ ok: true as const, v }),
      () => ({ ok: false as const }),
    );
    if (opened.ok) await entry.close(opened.v as never);
  }
}
