import { type Accessor, createSignal, getOwner, onCleanup } from 'solid-js';
import {
  type ColumnLayout,
  defaultLayout,
  type LayoutColumn,
  moveBy,
  moveColumn,
  parseLayout,
  resizeColumn,
  serializeLayout,
  setHidden,
  setPinned,
} from './columnLayout.ts';
import { type Column, columns as claimColumns } from './columns.ts';

/** The part of `Storage` the store uses (localStorage in the browser). */
export type LayoutStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The grid's column layout, kept in a signal and saved under one storage key (one per user). */
export interface ColumnLayoutStore<C extends LayoutColumn = Column> {
  /** Every column the layout arranges (hidden ones included). */
  columns: readonly C[];
  layout: Accessor<ColumnLayout>;
  setHidden: (id: string, hidden: boolean) => void;
  /** Drag and drop: put `id` before or after `targetId` (joining the target's pinned group or not). */
  move: (id: string, targetId: string, side: 'before' | 'after') => void;
  /** Move one place within its group (the keyboard alternative to dragging). */
  moveBy: (id: string, delta: -1 | 1) => void;
  /** Set a width and save it. */
  resize: (id: string, width: number) => void;
  /** Set a width without saving (while a resize drag is under way; `resize` at its end saves). */
  previewResize: (id: string, width: number) => void;
  setPinned: (id: string, pinned: boolean) => void;
  /** Back to the default layout (the saved layout is forgotten). */
  reset: () => void;
}

export interface ColumnLayoutOptions<C extends LayoutColumn> {
  /** Defaults to the claim grid's columns. */
  columns?: readonly C[];
  /** Defaults to localStorage when the browser allows it; without one the layout lasts the session. */
  storage?: LayoutStorage | null;
}

// Reading localStorage itself can throw (storage disabled, sandboxed frames).
function browserStorage(): LayoutStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Create the column layout store for `storageKey` (e.g. per user). Storage failures (quota, private
 * mode) never break the grid: the layout then simply is not remembered. Inside a reactive owner it
 * also follows the same key changed in another tab.
 */
export function createColumnLayout<C extends LayoutColumn = Column>(
  storageKey: string,
  options: ColumnLayoutOptions<C> = {},
): ColumnLayoutStore<C> {
  const columns = options.columns ?? (claimColumns as unknown as readonly C[]);
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const read = (): string | null => {
    try {
      return storage?.getItem(storageKey) ?? null;
    } catch {
      return null;
    }
  };
  const [layout, setLayout] = createSignal<ColumnLayout>(parseLayout(read(), columns));
  let saved = serializeLayout(layout());

  const save = (): void => {
    const text = serializeLayout(layout());
    if (text === saved) return;
    saved = text;
    try {
      storage?.setItem(storageKey, text);
    } catch {
      // Full or forbidden storage: keep the layout for this session only.
    }
  };
  const update = (change: (l: ColumnLayout) => ColumnLayout, persist = true): void => {
    const next = change(layout());
    if (next !== layout()) setLayout(next);
    if (persist) save();
  };

  if (getOwner() !== null && typeof window !== 'undefined') {
    const onStorage = (event: StorageEvent): void => {
      if (event.key !== storageKey) return;
      const next = parseLayout(event.newValue, columns);
      saved = event.newValue ?? serializeLayout(next);
      setLayout(next);
    };
    window.addEventListener('storage', onStorage);
    onCleanup(() => window.removeEventListener('storage', onStorage));
  }

  return {
    columns,
    layout,
    setHidden: (id, hidden) => update((l) => setHidden(l, columns, id, hidden)),
    move: (id, targetId, side) => update((l) => moveColumn(l, id, targetId, side)),
    moveBy: (id, delta) => update((l) => moveBy(l, id, delta)),
    resize: (id, width) => update((l) => resizeColumn(l, columns, id, width)),
    previewResize: (id, width) => update((l) => resizeColumn(l, columns, id, width), false),
    setPinned: (id, pinned) => update((l) => setPinned(l, id, pinned)),
    reset: () => {
      setLayout(defaultLayout(columns));
      saved = serializeLayout(layout());
      try {
        storage?.removeItem(storageKey);
      } catch {
        // Nothing to forget when storage is unusable.
      }
    },
  };
}
