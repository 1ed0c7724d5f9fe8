// What a panel shows while its data loads, when there is none, and when loading failed: the
// server's own message (it says what to do next) and, for a remote browser, the token form.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { saveApiToken } from '../api/api-client.js';
import type { ApiError } from '../api/api-error.js';
import type { Loadable } from '../api/use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <div class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state state--empty">{children}</div>;
}

export function Failure({ error, what }: { error: ApiError; what: string }) {
  return (
    <div class="state state--error" role="alert">
      <strong>Could not load {what}.</strong> <span>{error.message}</span>
      {error.needsToken ? <TokenForm /> : null}
    </div>
  );
}

/**
 * Renders `children` with the data once it is there; loading, failure and (when `isEmpty`
 * says so) emptiness get their own views.
 */
export function Loaded<T>(props: {
  value: Loadable<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { value, what } = props;
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'error') return <Failure error={value.error} what={what} />;
  if (props.isEmpty?.(value.data)) return <Empty>{props.empty ?? `No ${what} yet.`}</Empty>;
  return <>{props.children(value.data)}</>;
}

function TokenForm() {
  const [token, setToken] = useState('');
  return (
    <form
      class="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!token.trim()) return;
        saveApiToken(token);
        location.reload();
      }}
    >
      <label for="api-token">API token (SHOPLAKE_API_TOKEN of the server)</label>
      <input
        id="api-token"
        type="password"
        autocomplete="off"
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
      />
      <button type="submit" class="button">
        Use token
      </button>
    </form>
  );
}
