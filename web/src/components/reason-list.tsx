// A `; `-separated list of reasons (fraud reasons, churn factors) as a bulleted list.

import type { Cell } from '../api/api-types.js';

export function ReasonList({ text }: { text: Cell }) {
  const reasons = String(text ?? '')
    .split(/;\s*/)
    .filter(Boolean);
  return (
    <ul class="reasons">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}
