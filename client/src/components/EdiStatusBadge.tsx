import type { JSX } from 'solid-js';
import type { EdiStatus } from '../../../shared/domain/claimStatus.ts';
import { ediStatusDisplay } from '../queue/ediStatusDisplay.ts';

/** An EDI status as a coloured dot and its words, so rejected claims stand out at a glance. */
export function EdiStatusBadge(props: { status: EdiStatus }): JSX.Element {
  const display = () => ediStatusDisplay(props.status);
  return (
    <span class={`edi edi-${display().tone}`} title={display().label}>
      <span class="edi-dot" aria-hidden="true" />
      {display().label}
    </span>
  );
}
