// What a question must look like before the copilot reads it: text, not empty, not a novel.

import { ShoplakeError } from '../../core/shoplake-error.js';

/** Longer questions are refused as malformed requests (a question is a sentence or two). */
export const MAX_QUESTION_CHARS = 1000;

/** The question of a `POST /api/ask` body (`{"question": "..."}`); throws `invalid_argument`. */
export function questionFromBody(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('Send a JSON object: {"question": "What was revenue last month?"}.');
  }
  return checkQuestion((body as Record<string, unknown>).question);
}

/** A question as typed; throws `invalid_argument` for anything else. */
export function checkQuestion(question: unknown): string {
  if (typeof question !== 'string') throw invalid('"question" must be a string.');
  const text = question.trim();
  if (text === '') throw invalid('"question" is empty; ask e.g. "What was revenue last month?".');
  if (text.length > MAX_QUESTION_CHARS)
    throw invalid(`"question" is ${text.length} characters long; ask in at most ${MAX_QUESTION_CHARS}.`);
  return text;
}

function invalid(message: string): ShoplakeError {
  return new ShoplakeError('invalid_argument', message, { retryable: false });
}
