import { createVirtualizer } from '@tanstack/solid-virtual';
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import type { X12Delimiters, X12Segment } from '../../../shared/x12/index.ts';
import { linesShown, readX12View, segmentKind, segmentTokens } from '../submissions/x12Highlight.ts';

/** Fixed line height: the virtualizer places lines without measuring them; the CSS reads it too. */
const LINE_HEIGHT = 18;

function SegmentLine(props: {
  segment: X12Segment;
  delimiters: X12Delimiters;
  style?: JSX.CSSProperties;
  /** Placed by the virtualizer (position: absolute). */
  absolute?: boolean;
}): JSX.Element {
  return (
    <div
      class={`x12-line x12-kind-${segmentKind(props.segment.id)}${props.absolute ? ' x12-placed' : ''}`}
      data-segment={props.segment.id}
      style={props.style}
    >
      <span class="x12-no" aria-hidden="true">
        {props.segment.line}
      </span>
      <For each={segmentTokens(props.segment, props.delimiters)}>
        {(token) => <span class={`x12-${token.kind}`}>{token.text}</span>}
      </For>
    </div>
  );
}

/** Every line of a big file in a scroll box that draws only the lines in view. */
function AllLines(props: { segments: readonly X12Segment[]; delimiters: X12Delimiters }): JSX.Element {
  let scroller: HTMLDivElement | undefined;
  // Made with the scroll box (this component mounts only on "Show all"), so the ref is there on mount.
  const virtualizer = createVirtualizer({
    get count() {
      return props.segments.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });
  return (
    <div class="x12-lines x12-scroll" ref={scroller} style={{ '--x12-line': `${LINE_HEIGHT}px` }}>
      <div class="x12-spacer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <For each={virtualizer.getVirtualItems()}>
          {(item) => (
            <Show when={props.segments[item.index]}>
              {(segment) => (
                <SegmentLine
                  segment={segment()}
                  delimiters={props.delimiters}
                  style={{ transform: `translateY(${item.start}px)` }}
                  absolute
                />
              )}
            </Show>
          )}
        </For>
      </div>
    </div>
  );
}

/**
 * The 837P file, one segment a line with its parts coloured. The first lines are drawn at once; "Show
 * all" draws the rest in a scroll box that renders only the lines in view, so a 5,000-claim file
 * stays quick.
 */
export function SubmissionFileView(props: { text: string }): JSX.Element {
  const view = createMemo(() => readX12View(props.text));
  const [showAll, setShowAll] = createSignal(false);
  const shown = () => linesShown(view(), showAll());
  return (
    <div class="x12-file" data-testid="x12-preview">
      <Show
        when={view().delimiters}
        fallback={
          <p class="subm-problem" role="alert">
            {view().error}
          </p>
        }
      >
        {(delimiters) => (
          <>
            <Show
              when={showAll()}
              fallback={
                <div class="x12-lines" style={{ '--x12-line': `${LINE_HEIGHT}px` }}>
                  <For each={view().segments.slice(0, shown())}>
                    {(segment) => <SegmentLine segment={segment} delimiters={delimiters()} />}
                  </For>
                </div>
              }
            >
              <AllLines segments={view().segments} delimiters={delimiters()} />
            </Show>
            <p class="x12-more">
              Showing {shown().toLocaleString('en-US')} of {view().segments.length.toLocaleString('en-US')}{' '}
              segments.{' '}
              <Show when={!showAll() && shown() < view().segments.length}>
                <button
                  type="button"
                  class="link-button"
                  data-testid="x12-show-all"
                  onClick={() => setShowAll(true)}
                >
                  Show all
                </button>
              </Show>
            </p>
          </>
        )}
      </Show>
    </div>
  );
}
