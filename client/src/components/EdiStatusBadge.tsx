import {
  createEffect,
  createSignal,
  For,
  type JSX,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
} from 'solid-js';
import { Portal } from 'solid-js/web';
import type { EdiStatus } from '../../../shared/domain/claimStatus.ts';
import { type EdiHistoryItem, NO_EDI_MESSAGES } from '../queue/ediHistory.ts';
import { ediStatusDisplay } from '../queue/ediStatusDisplay.ts';
import './EdiStatusBadge.css';

/**
 * Loads one claim's electronic message history; called only when its popover opens (a closed claim is
 * read back from the device, so it may take a moment).
 */
export type LoadEdiHistory = (claimId: string) => Promise<readonly EdiHistoryItem[]>;

const POPOVER_WIDTH = 360;
const GAP = 4;

/**
 * An EDI status as a coloured dot and its words, so rejected claims stand out at a glance (seed 002).
 * Given `claimId` and `loadHistory`, it is a button: hovering, focusing or clicking it shows the
 * claim's message history (a click keeps it open; Escape or leaving closes it). The grid passes the
 * same `loadHistory` to every row, and the history is built only when a popover opens.
 */
export function EdiStatusBadge(props: {
  status: EdiStatus;
  claimId?: string;
  loadHistory?: LoadEdiHistory;
}): JSX.Element {
  const display = () => ediStatusDisplay(props.status);
  // Decided once: a grid passes (or doesn't pass) a loader for the life of its rows.
  if (props.loadHistory === undefined || props.claimId === undefined) {
    return (
      <span class={`edi edi-${display().tone}`} title={display().label}>
        <span class="edi-dot" aria-hidden="true" />
        {display().label}
      </span>
    );
  }

  const [open, setOpen] = createSignal(false);
  const [pinned, setPinned] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  const popoverId = () => `edi-history-${props.claimId}`;
  const close = () => {
    setPinned(false);
    setOpen(false);
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        class={`edi edi-${display().tone} edi-button`}
        aria-expanded={open()}
        aria-describedby={open() ? popoverId() : undefined}
        aria-label={`${display().label}: show electronic messages`}
        data-testid="edi-badge"
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => !pinned() && setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onClick={(event) => {
          // The row behind opens the claim on its own clicks; this one is the badge's.
          event.stopPropagation();
          const keep = !pinned();
          setPinned(keep);
          setOpen(keep);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open()) {
            event.stopPropagation();
            close();
          }
        }}
      >
        <span class="edi-dot" aria-hidden="true" />
        {display().label}
      </button>
      <Show when={open() && button}>
        {(anchor) => (
          // Outside the grid: its rows are transformed and clipped, which would trap a fixed popover.
          <Portal>
            <EdiHistoryPopover
              id={popoverId()}
              anchor={anchor()}
              label={display().label}
              load={() => props.loadHistory?.(props.claimId ?? '') ?? Promise.resolve([])}
            />
          </Portal>
        )}
      </Show>
    </>
  );
}

/** The message list, placed below the badge (above it near the bottom of the window). */
function EdiHistoryPopover(props: {
  id: string;
  anchor: HTMLElement;
  label: string;
  load: () => Promise<readonly EdiHistoryItem[]>;
}): JSX.Element {
  // null while loading, then the list; 'failed' when the claim could not be read.
  const [items, setItems] = createSignal<readonly EdiHistoryItem[] | null | 'failed'>(null);
  const list = () => {
    const loaded = items();
    return Array.isArray(loaded) ? loaded : null;
  };
  const [place, setPlace] = createSignal<JSX.CSSProperties>({ visibility: 'hidden' });
  let box: HTMLDivElement | undefined;
  let gone = false;
  onCleanup(() => {
    gone = true;
  });
  // Placed once its content is in: the list decides its height, and so whether it fits below.
  const placeBox = () => {
    const r = props.anchor.getBoundingClientRect();
    const height = box?.offsetHeight ?? 0;
    const left = Math.max(GAP, Math.min(r.left, window.innerWidth - POPOVER_WIDTH - GAP));
    const below = r.bottom + GAP + height <= window.innerHeight;
    setPlace(
      below
        ? { left: `${left}px`, top: `${r.bottom + GAP}px` }
        : { left: `${left}px`, bottom: `${window.innerHeight - r.top + GAP}px` },
    );
  };
  onMount(() => {
    placeBox();
    void props.load().then(
      (loaded) => !gone && setItems(loaded),
      () => !gone && setItems('failed'),
    );
  });
  createEffect(on(items, () => placeBox(), { defer: true }));
  return (
    <div
      ref={box}
      id={props.id}
      role="tooltip"
      class="edi-popover"
      data-testid="edi-history"
      style={{ ...place(), width: `${POPOVER_WIDTH}px` }}
    >
      <p class="edi-popover-title">Electronic status: {props.label}</p>
      <Switch>
        <Match when={items() === null}>
          <p class="edi-popover-empty">Loading the claim's messages…</p>
        </Match>
        <Match when={items() === 'failed'}>
          <p class="edi-popover-empty">
            This claim's messages could not be read from this device; open the claim to try again.
          </p>
        </Match>
        <Match when={list()?.length === 0}>
          <p class="edi-popover-empty">{NO_EDI_MESSAGES}</p>
        </Match>
        <Match when={list()}>{(shown) => <EdiHistoryList items={shown()} />}</Match>
      </Switch>
    </div>
  );
}

/** Electronic messages newest first, each with its colour; shared by the popover and the claim detail. */
export function EdiHistoryList(props: { items: readonly EdiHistoryItem[] }): JSX.Element {
  return (
    <ol class="edi-history">
      <For each={props.items}>
        {(item) => (
          <li class={`edi-history-item ${item.toneClass}`}>
            <span class="edi-dot" aria-hidden="true" />
            <div>
              <div class="edi-history-head">
                <strong>{item.title}</strong>
                <time datetime={item.at}>{item.time}</time>
              </div>
              <div class="edi-history-source">{item.source}</div>
              <Show when={item.text}>
                <div class="edi-history-text">{item.text}</div>
              </Show>
              <Show when={item.codes.length > 0}>
                <div class="edi-history-codes">{item.codes.join(' ')}</div>
              </Show>
            </div>
          </li>
        )}
      </For>
    </ol>
  );
}
