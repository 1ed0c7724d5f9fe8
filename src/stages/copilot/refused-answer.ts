// An honest "I can't answer that": the reason, no numbers, and questions that do work.

import type { AskAnswer } from './ask-answer.js';

export interface RefusalDetails {
  readonly suggestions: readonly string[];
  readonly intent?: string;
  readonly sql?: string;
  readonly source?: AskAnswer['source'];
}

/** A refused answer to `question` (masked), saying `reason`. */
export function refusedAnswer(
  question: string,
  reason: string,
  started: number,
  details: RefusalDetails,
): AskAnswer {
  const because = reason.replace(/[.\s]+$/, '');
  const tries = details.suggestions
    .slice(0, 3)
    .map((s) => `"${s}"`)
    .join(', ');
  return {
    question,
    status: 'refused',
    intent: details.intent ?? 'unknown',
    dimensions: [],
    filters: [],
    ...(details.sql ? { sql: details.sql } : {}),
    columns: [],
    rows: [],
    answer: `I can't answer that: ${because}.${tries ? ` Questions I can answer include ${tries}.` : ''}`,
    suggestions: details.suggestions,
    elapsedMs: Math.round(performance.now() - started),
    source: details.source ?? 'semantic-layer',
  };
}
