// Builds the copilot from the config: its language model (only when `copilot.llm` is set) and
// its question log in the lake (unless `copilot.logQuestions` is false). Used by `shoplake ask`
// and `shoplake serve`.

import { llmFromConfig } from '../adapters/llm/llm-from-config.js';
import type { ShoplakeConfig } from '../config/load-config.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectStore } from '../ports/object-store.js';
import { Copilot } from '../stages/copilot/copilot.js';
import { QuestionLog } from '../stages/copilot/question-log.js';

/** The copilot as the config describes it. */
export function createCopilot(
  config: Pick<ShoplakeConfig, 'copilot' | 'llmApiKey'>,
  store: ObjectStore,
  logger: Logger,
): Copilot {
  return new Copilot({
    llm: llmFromConfig(config),
    llmTimeoutMs: config.copilot.llm?.timeoutMs,
    questionLog: config.copilot.logQuestions ? new QuestionLog(store) : undefined,
    logger: logger.child({ component: 'copilot' }),
  });
}
