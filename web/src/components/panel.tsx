// A titled section of a page: heading, one line on what it shows, optional controls.

import type { ComponentChildren } from 'preact';

export function Panel(props: {
  id?: string;
  title: string;
  description?: ComponentChildren;
  actions?: ComponentChildren;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section class={props.wide ? 'panel panel--wide' : 'panel'} id={props.id} aria-labelledby={headingId}>
      <header class="panel-head">
        <div>
          <h2 id={headingId}>{props.title}</h2>
          {props.description ? <p class="muted">{props.description}</p> : null}
        </div>
        {props.actions ? <div class="panel-actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </section>
  );
}
