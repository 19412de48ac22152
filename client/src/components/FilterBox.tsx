import type { JSX } from 'solid-js';

/** Free-text filter over claim ID, patient, payer and service code. */
export function FilterBox(props: { value: string; onInput: (value: string) => void }): JSX.Element {
  return (
    <input
      class="filter"
      type="search"
      placeholder="Filter: claim ID, patient, payer, code"
      aria-label="Filter claims by claim ID, patient, payer or service code"
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}
