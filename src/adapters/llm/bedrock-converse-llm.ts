// The LLM port over Amazon Bedrock's Converse API, authenticated with a Bedrock API key
// (`Authorization: Bearer …`), so no AWS SDK or request signing is needed.

import type { LlmCompletionOptions, LlmMessage, LlmProvider } from '../../ports/llm.js';
import { llmFailure, postJson } from './post-json.js';

export interface BedrockConverseOptions {
  /** The runtime endpoint, e.g. `https://bedrock-runtime.us-east-1.amazonaws.com`. */
  readonly url: string;
  /** Model or inference-profile id, e.g. `us.anthropic.claude-3-5-haiku-20241022-v1:0`. */
  readonly model: string;
  readonly apiKey: string | undefined;
}

/**
 * @example
 * new BedrockConverseLlm({ url: 'https://bedrock-runtime.us-east-1.amazonaws.com', model: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', apiKey });
 */
export class BedrockConverseLlm implements LlmProvider {
  readonly description: string;

  constructor(private readonly options: BedrockConverseOptions) {
    this.description = `${options.model} (Amazon Bedrock)`;
  }

  async complete(messages: readonly LlmMessage[], options: LlmCompletionOptions): Promise<string> {
    const system = messages.filter((m) => m.role === 'system').map((m) => ({ text: m.content }));
    const turns = messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role, content: [{ text: m.content }] }));
    const url = `${this.options.url.replace(/\/+$/, '')}/model/${encodeURIComponent(this.options.model)}/converse`;
    const body = await postJson(
      url,
      { system, messages: turns, inferenceConfig: { maxTokens: options.maxTokens, temperature: 0 } },
      this.options.apiKey,
      options.timeoutMs,
    );
    const parts = (body as { output?: { message?: { content?: { text?: unknown }[] } } }).output?.message
      ?.content;
    const text = parts?.map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
    if (!text) throw llmFailure('Bedrock answered without output.message.content[].text');
    return text;
  }
}
