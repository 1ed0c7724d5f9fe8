// One JSON POST to a model endpoint with a deadline; failures become `llm_failed` errors whose
// messages never carry the API key or more than a short, masked excerpt of the reply.

import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';

/** POSTs `body` as JSON (with the key as a bearer token) and returns the JSON answer. */
export async function postJson(
  url: string,
  body: unknown,
  apiKey: string | undefined,
  timeoutMs: number,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error: unknown) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw llmFailure(
      timedOut ? `no answer within ${timeoutMs} ms` : `the request failed: ${errorMessage(error)}`,
      error,
    );
  }
  const text = await response.text();
  if (!response.ok) throw llmFailure(`HTTP ${response.status}: ${maskFreeText(text.slice(0, 200))}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    throw llmFailure('the answer is not JSON', error);
  }
}

/** An `llm_failed` error saying why; retryable, as a model endpoint's trouble usually passes. */
export function llmFailure(reason: string, cause?: unknown): ShoplakeError {
  return new ShoplakeError('llm_failed', `The language model did not answer usefully: ${reason}.`, {
    retryable: true,
    cause,
  });
}
