// One figure with its label and a line of context, for the rows of key numbers.

import type { ComponentChildren } from 'preact';

export type Tone = 'neutral' | 'good' | 'warn' | 'bad';

export function StatTile(props: {
  label: string;
  value: ComponentChildren;
  detail?: ComponentChildren;
  tone?: Tone;
}) {
  return (
    <div class={`stat stat--${props.tone ?? 'neutral'}`}>
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      {props.detail ? <div class="stat-detail">{props.detail}</div> : null}
    </div>
  );
}

export function StatRow({ children }: { children: ComponentChildren }) {
  return <div class="stat-row">{children}</div>;
}
