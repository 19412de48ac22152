import { parseDocName } from '../../shared/sync/docNames.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { Room } from './room.ts';

/** Called once for each room when it is loaded, so the authority can watch it. */
export type RoomLoadedHook = (room: Room) => void;

/**
 * The live documents of this server process, loaded from storage on first use and unloaded when no
 * connection has used them for `idleMs` (their state is on disk; loading again replays it).
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #idleTimers = new Map<string, NodeJS.Timeout>();
  readonly #hooks: RoomLoadedHook[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly idleMs = 60_000,
  ) {}

  /** Registers a hook for every room loaded from now on. */
  onRoomLoaded(hook: RoomLoadedHook): void {
    this.#hooks.push(hook);
  }

  /** The room for a document name, loading it if needed; null for a name ClaimGrid does not use. */
  get(name: string): Room | null {
    const existing = this.#rooms.get(name);
    if (existing) {
      this.#touch(name);
      return existing;
    }
    const address = parseDocName(name);
    if (!address) return null;
    const room = new Room(name, address, this.storage, this.log);
    this.#rooms.set(name, room);
    for (const hook of this.#hooks) hook(room);
    this.#touch(name);
    return room;
  }

  /** Rooms currently loaded. */
  loaded(): Room[] {
    return [...this.#rooms.values()];
  }

  // Unload a room once nobody has used it for a while; its state is already on disk.
  #touch(name: string): void {
    clearTimeout(this.#idleTimers.get(name));
    const timer = setTimeout(() => {
      const room = this.#rooms.get(name);
      if (!room) return;
      if (room.connections.size > 0) return this.#touch(name);
      this.#rooms.delete(name);
      this.#idleTimers.delete(name);
      room.destroy();
    }, this.idleMs);
    timer.unref();
    this.#idleTimers.set(name, timer);
  }

  /** Closes every connection and room (graceful shutdown). Storage is already up to date. */
  closeAll(): void {
    for (const t of this.#idleTimers.values()) clearTimeout(t);
    this.#idleTimers.clear();
    for (const room of this.#rooms.values()) room.destroy();
    this.#rooms.clear();
  }
}
