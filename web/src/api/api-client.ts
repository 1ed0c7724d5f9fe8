// Calls to the shoplake HTTP API from the browser: same origin, JSON in and out, the API token
// (when the server asks for one) from this tab's session storage, errors as ApiError.

import { ApiError } from './api-error.js';
import type { ApiErrorBody, AskAnswer, AskSuggestions, LakeStatus, QueryAnswer } from './api-types.js';

const TOKEN_KEY = 'shoplake.apiToken';

/** Remembers the API token for this tab (clients not on the server's machine need one). */
export function saveApiToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

/** Read-only SQL over `curated.<table>` and `<system>.<table>`. */
export function runSql(sql: string, limit = 10_000): Promise<QueryAnswer> {
  return request<QueryAnswer>('POST', '/api/query', { sql, limit });
}

/** The pipeline's health: runs, freshness, quarantine, dead letters. */
export function fetchStatus(): Promise<LakeStatus> {
  return request<LakeStatus>('GET', '/api/status');
}

/** A question in words for the copilot. */
export function askCopilot(question: string): Promise<AskAnswer> {
  return request<AskAnswer>('POST', '/api/ask', { question });
}

export async function fetchSuggestions(): Promise<readonly string[]> {
  return (await request<AskSuggestions>('GET', '/api/ask/suggestions')).suggestions;
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The shoplake server did not answer. Is `npm start` still running?');
  }
  const text = await response.text();
  const json = parse(text);
  if (!response.ok) {
    const failure = (json as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError(
      response.status,
      failure?.code ?? 'http_error',
      failure?.message ?? `${method} ${path} answered ${response.status} ${response.statusText}.`,
    );
  }
  if (json === undefined) throw new ApiError(response.status, 'bad_answer', `${path} did not answer JSON.`);
  return json as T;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
