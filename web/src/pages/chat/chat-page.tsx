// Copilot chat: ask a question in words, see the answer, its chart, its rows and its SQL.
// Suggested questions start the conversation; answers are announced to screen readers.

import { useRef, useState } from 'preact/hooks';
import { askCopilot, fetchSuggestions } from '../../api/api-client.js';
import type { ApiError } from '../../api/api-error.js';
import type { AskAnswer } from '../../api/api-types.js';
import { useApi } from '../../api/use-api.js';
import { PageHeader } from '../../components/page-header.js';
import { Failure, Loading } from '../../components/state-views.js';
import { AnswerView } from './answer-view.js';

interface Exchange {
  readonly id: number;
  readonly question: string;
  readonly answer?: AskAnswer;
  readonly error?: ApiError;
}

export function ChatPage() {
  const suggestions = useApi(fetchSuggestions, 'suggestions');
  const [exchanges, setExchanges] = useState<readonly Exchange[]>([]);
  const [draft, setDraft] = useState('');
  const nextId = useRef(1);
  const input = useRef<HTMLInputElement>(null);
  const busy = exchanges.some((e) => !e.answer && !e.error);

  const ask = (text: string) => {
    const question = text.trim();
    if (!question || busy) return;
    const id = nextId.current++;
    setExchanges((all) => [...all, { id, question }]);
    setDraft('');
    const settle = (patch: Partial<Exchange>) =>
      setExchanges((all) => all.map((e) => (e.id === id ? { ...e, ...patch } : e)));
    askCopilot(question).then(
      (answer) => settle({ answer }),
      (error: ApiError) => settle({ error }),
    );
    input.current?.focus();
  };

  return (
    <>
      <PageHeader title="Copilot chat">
        Ask about sales, forecasts, customers, fraud, markets or searches. Every answer shows the SQL it ran.
      </PageHeader>
      <div class="chat">
        <form
          class="ask-form"
          onSubmit={(event) => {
            event.preventDefault();
            ask(draft);
          }}
        >
          <label for="question">Your question</label>
          <div class="ask-row">
            <input
              id="question"
              ref={input}
              type="text"
              value={draft}
              placeholder="e.g. revenue by region last month"
              autocomplete="off"
              maxLength={500}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            <button type="submit" class="button button--primary" disabled={busy || draft.trim() === ''}>
              {busy ? 'Asking…' : 'Ask'}
            </button>
          </div>
        </form>
        <section class="suggestions" aria-label="Suggested questions">
          {suggestions.state === 'ready'
            ? suggestions.data.map((s) => (
                <button key={s} type="button" class="chip" onClick={() => ask(s)} disabled={busy}>
                  {s}
                </button>
              ))
            : null}
          {suggestions.state === 'loading' ? <Loading what="suggestions" /> : null}
          {suggestions.state === 'error' ? (
            <Failure error={suggestions.error} what="suggested questions" />
          ) : null}
        </section>
        <ol class="conversation" aria-live="polite" aria-label="Questions and answers">
          {[...exchanges].reverse().map((e) => (
            <li key={e.id} class="exchange">
              <p class="question">
                <span class="sr-only">You asked: </span>
                {e.question}
              </p>
              {e.answer ? (
                <AnswerView answer={e.answer} index={e.id} onAsk={ask} />
              ) : e.error ? (
                <Failure error={e.error} what="an answer" />
              ) : (
                <Loading what="the answer" />
              )}
            </li>
          ))}
        </ol>
        {exchanges.length === 0 ? (
          <p class="muted chat-hint">
            Pick a suggestion above or type a question. Questions the lake cannot answer are refused, with the
            reason.
          </p>
        ) : null}
      </div>
    </>
  );
}
