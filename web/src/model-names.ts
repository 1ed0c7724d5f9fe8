// The names people know the lake's models by, for the codes the tables store.

const NAMES: Readonly<Record<string, string>> = {
  holt_winters_damped: 'damped Holt-Winters',
  mstl_ets: 'MSTL + ETS',
  seasonal_naive: 'seasonal naive',
};

export function modelName(code: unknown): string {
  const key = String(code ?? '');
  return NAMES[key] ?? key.replaceAll('_', ' ');
}

/** `category:books` → `Category: books`; `total` → `Total`. */
export function seriesName(series: unknown): string {
  const text = String(series ?? '');
  if (text === 'total') return 'Total';
  const [kind = '', name = ''] = text.split(':', 2);
  return name ? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}: ${name}` : text;
}
