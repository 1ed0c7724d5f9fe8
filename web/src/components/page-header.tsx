// The top of every page: its title (the target of focus after navigation) and what it shows.

import type { ComponentChildren } from 'preact';

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1 tabIndex={-1} id="page-title">
        {props.title}
      </h1>
      {props.children ? <p class="lede">{props.children}</p> : null}
    </header>
  );
}
