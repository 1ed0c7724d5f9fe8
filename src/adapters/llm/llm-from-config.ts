// Builds the copilot's language model from the config, or none: without `copilot.llm` nothing
// is sent anywhere.

import type { ShoplakeConfig } from '../../config/load-config.js';
import type { LlmProvider } from '../../ports/llm.js';
import { BedrockConverseLlm } from './bedrock-converse-llm.js';
import { OpenAiCompatibleLlm } from './openai-compatible-llm.js';

/** The configured model, or undefined when the copilot runs on its semantic layer alone. */
export function llmFromConfig(
  config: Pick<ShoplakeConfig, 'copilot' | 'llmApiKey'>,
): LlmProvider | undefined {
  const llm = config.copilot.llm;
  if (!llm) return undefined;
  const options = { url: llm.url, model: llm.model, apiKey: config.llmApiKey };
  return llm.provider === 'bedrock' ? new BedrockConverseLlm(options) : new OpenAiCompatibleLlm(options);
}
