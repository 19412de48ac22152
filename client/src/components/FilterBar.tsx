import { createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type { EdiStatus } from '../../../shared/domain/claimStatus.ts';
import {
  activeFilterCount,
  choiceSummary,
  type FilterOption,
  searchOptions,
  toggleChoice,
  withChosen,
} from '../queue/queueFilters.ts';
import { isIsoDate } from '../queue/viewUrl.ts';
import type { QueueStore } from '../queueStore.ts';
import { FilterBox } from './FilterBox.tsx';
import './FilterBar.css';

/** Lists longer than this get a search box. */
const SEARCH_FROM = 8;

/**
 * A dropdown of checkboxes (a `<details>` popover): none checked means any. Closes on Escape and
 * on a click elsewhere.
 */
function MultiSelect(props: {
  testId: string;
  title: string;
  options: readonly FilterOption[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}): JSX.Element {
  const [search, setSearch] = createSignal('');
  let details!: HTMLDetailsElement;
  const all = () => withChosen(props.options, props.chosen);
  const close = (e: Event) => {
    if (details.open && !details.contains(e.target as Node)) details.open = false;
  };
  onMount(() => document.addEventListener('pointerdown', close));
  onCleanup(() => document.removeEventListener('pointerdown', close));
  return (
    <details
      ref={details}
      class="fb-multi"
      classList={{ 'fb-on': props.chosen.length > 0 }}
      data-testid={props.testId}
      // A long list opens ready to type into its search box.
      onToggle={() => details.open && details.querySelector<HTMLInputElement>('.fb-search')?.focus()}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && details.open) {
          details.open = false;
          details.querySelector('summary')?.focus();
        }
      }}
    >
      <summary class="fb-control" title={props.title}>
        {choiceSummary(props.title, all(), props.chosen)}
      </summary>
      <div class="fb-pop">
        <Show when={all().length > SEARCH_FROM}>
          <input
            class="fb-search"
            type="search"
            placeholder={`Find ${props.title.toLowerCase()}`}
            aria-label={`Find ${props.title.toLowerCase()}`}
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </Show>
        <div class="fb-list">
          <For each={searchOptions(all(), search())} fallback={<p class="fb-none">Nothing matches</p>}>
            {(o) => (
              <label class="fb-option">
                <input
                  type="checkbox"
                  value={o.value}
                  checked={props.chosen.includes(o.value)}
                  onChange={(e) =>
                    props.onChange(toggleChoice(props.chosen, o.value, e.currentTarget.checked))
                  }
                />
                <span class="fb-label">{o.label}</span>
                <span class="fb-count">{o.count.toLocaleString('en-US')}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={props.chosen.length > 0}>
          <button type="button" class="link-button fb-reset" onClick={() => props.onChange([])}>
            Any {props.title.toLowerCase()}
          </button>
        </Show>
      </div>
    </details>
  );
}

/** A date input that only ever hands on a whole date or '' (cleared). */
function DateInput(props: {
  testId: string;
  label: string;
  value: string;
  onChange: (date: string) => void;
}): JSX.Element {
  return (
    <input
      class="fb-control fb-date"
      classList={{ 'fb-on': props.value !== '' }}
      type="date"
      data-testid={props.testId}
      aria-label={props.label}
      title={props.label}
      value={props.value}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (v === '' || isIsoDate(v)) props.onChange(v);
      }}
    />
  );
}

/**
 * The queue's filters in one row under the tabs (SPEC §5): date-of-service range, payer, provider,
 * place of service, EDI status, denial reason, billed over 30 days, free text, and a way to clear them.
 */
export function FilterBar(props: { store: QueueStore }): JSX.Element {
  const store = props.store;
  const f = () => store.filters();
  const options = () => store.filterOptions();
  const count = () => activeFilterCount(f());
  return (
    <fieldset class="filterbar" aria-label="Filters">
      <span class="fb-caption">DOS</span>
      <DateInput
        testId="filter-dos-from"
        label="Date of service from"
        value={f().dosFrom}
        onChange={(dosFrom) => store.setFilters({ dosFrom })}
      />
      <span class="fb-dash">–</span>
      <DateInput
        testId="filter-dos-to"
        label="Date of service to"
        value={f().dosTo}
        onChange={(dosTo) => store.setFilters({ dosTo })}
      />
      <MultiSelect
        testId="filter-payer"
        title="Payer"
        options={options().payers}
        chosen={f().payerIds}
        onChange={(payerIds) => store.setFilters({ payerIds })}
      />
      <MultiSelect
        testId="filter-provider"
        title="Provider"
        options={options().providers}
        chosen={f().providerIds}
        onChange={(providerIds) => store.setFilters({ providerIds })}
      />
      <MultiSelect
        testId="filter-pos"
        title="POS"
        options={options().placesOfService}
        chosen={f().placesOfService}
        onChange={(placesOfService) => store.setFilters({ placesOfService })}
      />
      <MultiSelect
        testId="filter-edi"
        title="EDI status"
        options={options().ediStatuses}
        chosen={f().ediStatuses}
        onChange={(chosen) => store.setFilters({ ediStatuses: chosen as EdiStatus[] })}
      />
      <select
        class="fb-control fb-denial"
        classList={{ 'fb-on': f().denialCode !== '' }}
        data-testid="filter-denial"
        aria-label="Denial reason"
        title="Denial reason"
        value={f().denialCode}
        onChange={(e) => store.setFilters({ denialCode: e.currentTarget.value })}
      >
        <option value="">Denial reason</option>
        <For each={withChosen(options().denialCodes, f().denialCode === '' ? [] : [f().denialCode])}>
          {(o) => (
            <option value={o.value} selected={o.value === f().denialCode}>
              {o.label} ({o.count.toLocaleString('en-US')})
            </option>
          )}
        </For>
      </select>
      <label
        class="fb-check"
        classList={{ 'fb-on': f().billedOver30 }}
        title="First billed more than 30 days ago and not yet Paid, Settled or Voided: claims to follow up with the payer"
      >
        <input
          type="checkbox"
          data-testid="filter-over30"
          checked={f().billedOver30}
          onChange={(e) => store.setFilters({ billedOver30: e.currentTarget.checked })}
        />
        Billed &gt; 30 days
      </label>
      {/* A label hands clicks and Playwright's fill on to its input, so FilterBox stays as it is. */}
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is FilterBox's input, inside it */}
      <label class="fb-text" data-testid="filter-text">
        <FilterBox value={store.query()} onInput={store.setQuery} />
      </label>
      <button
        type="button"
        class="fb-clear"
        data-testid="filter-clear"
        disabled={count() === 0}
        onClick={() => store.clearFilters()}
      >
        Clear filters ({count()})
      </button>
    </fieldset>
  );
}
