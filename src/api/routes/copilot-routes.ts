// The copilot over HTTP: POST /api/ask turns a question into an AskAnswer (200 for an answer
// and for an honest refusal alike, 400 for a malformed request); GET /api/ask/suggestions lists
// questions it answers, for the dashboard.

import { questionFromBody } from '../../stages/copilot/ask-request.js';
import { Copilot } from '../../stages/copilot/copilot.js';
import { QuestionLog } from '../../stages/copilot/question-log.js';
import { GENERAL_SUGGESTIONS } from '../../stages/copilot/suggestions.js';
import type { Route, RouteContext } from '../route.js';

export interface CopilotRouteDeps {
  /** The configured copilot (language model, question log); default: semantic layer only, logging to the lake. */
  readonly copilot?: Copilot;
}

/** POST /api/ask and GET /api/ask/suggestions, sharing one copilot. */
export function copilotRoutes(deps: CopilotRouteDeps = {}): Route[] {
  let copilot = deps.copilot;
  // One copilot per server: its caches (the lake's dates and values) outlive a request.
  const copilotFor = (context: RouteContext): Copilot => {
    copilot ??= new Copilot({ questionLog: new QuestionLog(context.services.store), logger: context.logger });
    return copilot;
  };
  return [
    {
      method: 'POST',
      path: '/api/ask',
      async handle(context) {
        const question = questionFromBody(await context.readJson());
        const answer = await copilotFor(context).ask(question, {
          sql: context.services.sql,
          store: context.services.store,
          catalog: context.catalog(),
          timeoutMs: context.queryTimeoutMs,
          cache: context.services.queryCache,
          // Only engine work waits for its turn: a cached answer is served at once.
          schedule: (work) => context.gate.run(work),
        });
        return { status: 200, json: answer };
      },
    },
    {
      method: 'GET',
      path: '/api/ask/suggestions',
      handle: async () => ({ status: 200, json: { suggestions: GENERAL_SUGGESTIONS } }),
    },
  ];
}
