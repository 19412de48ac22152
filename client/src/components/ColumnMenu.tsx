import { createSignal, createUniqueId, For, type JSX, onCleanup, Show } from 'solid-js';
import { canHide, canMoveBy, isHidden, isPinned } from '../queue/columnLayout.ts';
import type { ColumnLayoutStore } from '../queue/columnLayoutStore.ts';
import './ColumnMenu.css';

/**
 * The "Columns" button and its panel: show/hide, pin and order every column (the up/down buttons
 * are the keyboard alternative to dragging headers), and reset to the default layout.
 */
export function ColumnMenu(props: { layout: ColumnLayoutStore }): JSX.Element {
  const store = props.layout;
  const labels = new Map(store.columns.map((c) => [c.id, c.label]));
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) toggle?.focus();
  };
  const onDocumentPointerDown = (event: PointerEvent): void => {
    if (event.target instanceof Node && root?.contains(event.target)) return;
    close(false);
  };
  const show = (): void => {
    setOpen(true);
    document.addEventListener('pointerdown', onDocumentPointerDown);
    root?.querySelector<HTMLInputElement>('.colmenu-panel input:not(:disabled)')?.focus();
  };
  const hide = (refocus: boolean): void => {
    document.removeEventListener('pointerdown', onDocumentPointerDown);
    close(refocus);
  };
  onCleanup(() => document.removeEventListener('pointerdown', onDocumentPointerDown));
  const onEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !open()) return;
    event.stopPropagation();
    hide(true);
  };

  // A moved item's DOM node is re-inserted, which drops focus: put it back on the same control,
  // or on the other arrow when this one just became disabled at the group's edge.
  const move = (id: string, delta: -1 | 1): void => {
    store.moveBy(id, delta);
    const mine = root?.querySelector<HTMLButtonElement>(`[data-move="${id}:${delta}"]`);
    const other = root?.querySelector<HTMLButtonElement>(`[data-move="${id}:${-delta}"]`);
    (mine?.disabled === false ? mine : other)?.focus();
  };

  return (
    <div class="colmenu" ref={root}>
      <button
        type="button"
        class="colmenu-toggle"
        data-testid="columns-menu"
        ref={toggle}
        aria-expanded={open()}
        aria-controls={panelId}
        onClick={() => (open() ? hide(false) : show())}
        onKeyDown={onEscape}
      >
        Columns
      </button>
      <Show when={open()}>
        <div class="colmenu-panel" id={panelId} role="dialog" aria-label="Columns" onKeyDown={onEscape}>
          <ul class="colmenu-list">
            <For each={store.layout().order}>
              {(id) => {
                const label = labels.get(id) ?? id;
                const hidden = (): boolean => isHidden(store.layout(), id);
                const pinned = (): boolean => isPinned(store.layout(), id);
                const firstScrolling = (): boolean => {
                  const l = store.layout();
                  return l.pinned > 0 && l.order[l.pinned] === id;
                };
                return (
                  <li
                    class="colmenu-item"
                    classList={{ 'colmenu-first-scrolling': firstScrolling() }}
                    data-column-id={id}
                  >
                    <label class="colmenu-show">
                      <input
                        type="checkbox"
                        checked={!hidden()}
                        disabled={!hidden() && !canHide(store.layout(), store.columns, id)}
                        onChange={(event) => {
                          store.setHidden(id, !event.currentTarget.checked);
                          // A refused change (the last visible column) must not leave the box lying.
                          event.currentTarget.checked = !hidden();
                        }}
                      />
                      <span>{label}</span>
                    </label>
                    <button
                      type="button"
                      class="colmenu-pin"
                      aria-pressed={pinned()}
                      aria-label={`Pin ${label}`}
                      title={pinned() ? 'Pinned left: click to unpin' : 'Pin to the left'}
                      onClick={() => store.setPinned(id, !pinned())}
                    >
                      Pin
                    </button>
                    <button
                      type="button"
                      class="colmenu-move"
                      data-move={`${id}:-1`}
                      aria-label={`Move ${label} up`}
                      title="Move up (further left in the grid)"
                      disabled={!canMoveBy(store.layout(), id, -1)}
                      onClick={() => move(id, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="colmenu-move"
                      data-move={`${id}:1`}
                      aria-label={`Move ${label} down`}
                      title="Move down (further right in the grid)"
                      disabled={!canMoveBy(store.layout(), id, 1)}
                      onClick={() => move(id, 1)}
                    >
                      ↓
                    </button>
                  </li>
                );
              }}
            </For>
          </ul>
          <div class="colmenu-footer">
            <button type="button" onClick={() => store.reset()}>
              Reset columns
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}
