// Pages live in the URL's hash (`#/market?series=total`): the server serves one index.html,
// links and the back button work, and a page's choices can be shared as a link.

import { useEffect, useState } from 'preact/hooks';

export const PAGES = [
  { path: '/', title: 'Overview', blurb: 'Pipeline health and the day’s headlines' },
  { path: '/market', title: 'Market intelligence', blurb: 'Sales, forecasts and trends' },
  { path: '/demand', title: 'Demand insights', blurb: 'Segments, lifetime value and churn' },
  { path: '/compliance', title: 'Compliance', blurb: 'Fraud alerts, risk scores and PCI checks' },
  { path: '/pulse', title: 'Global market pulse', blurb: 'Regions and market opportunities' },
  { path: '/retail-copilot', title: 'Retail copilot', blurb: 'Search patterns, demand gaps, copilot use' },
  { path: '/chat', title: 'Copilot chat', blurb: 'Ask the lake a question in words' },
] as const;

export type PagePath = (typeof PAGES)[number]['path'];

export interface HashLocation {
  readonly path: string;
  readonly params: URLSearchParams;
}

/** The current hash location, updated on every hash change. */
export function useHashLocation(): HashLocation {
  const [location, setLocation] = useState(readHash);
  useEffect(() => {
    const update = () => setLocation(readHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

/** The link to a page, with optional parameters: `href('/market', { series: 'total' })`. */
export function href(path: PagePath, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** Replaces the current page's parameters without adding a history entry per change. */
export function setParams(path: PagePath, params: Record<string, string>): void {
  history.replaceState(null, '', href(path, params));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

function readHash(): HashLocation {
  const hash = window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/';
  const [path = '/', query = ''] = hash.split('?', 2);
  return { path, params: new URLSearchParams(query) };
}
