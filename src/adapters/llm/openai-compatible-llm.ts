// The LLM port over any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI,
// vLLM, Ollama, LM Studio, Bedrock's OpenAI-compatible endpoint …), with Node's own fetch.

import type { LlmCompletionOptions, LlmMessage, LlmProvider } from '../../ports/llm.js';
import { llmFailure, postJson } from './post-json.js';

export interface OpenAiCompatibleOptions {
  /** Base URL, e.g. `https://api.openai.com/v1`; `/chat/completions` is added. */
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | undefined;
}

/**
 * @example
 * new OpenAiCompatibleLlm({ url: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey });
 */
export class OpenAiCompatibleLlm implements LlmProvider {
  readonly description: string;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.description = `${options.model} (OpenAI-compatible endpoint)`;
  }

  async complete(messages: readonly LlmMessage[], options: LlmCompletionOptions): Promise<string> {
    const body = await postJson(
      `${this.options.url.replace(/\/+$/, '')}/chat/completions`,
      {
        model: this.options.model,
        messages: messages.map((m) => ({ role: m.role, content: m.content })),
        max_tokens: options.maxTokens,
        temperature: 0,
      },
      this.options.apiKey,
      options.timeoutMs,
    );
    const content = (body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message
      ?.content;
    if (typeof content !== 'string')
      throw llmFailure('the endpoint answered without choices[0].message.content');
    return content;
  }
}
