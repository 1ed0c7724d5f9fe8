// The language-model port behind the copilot's optional fallback: a chat completion, nothing
// more. The copilot never trusts what comes back: SQL from a model runs through the same guard
// as any other, and the numbers in an answer come from the rows, not from the model.

export interface LlmMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface LlmCompletionOptions {
  /** The request is abandoned after this long (error code `llm_failed`). */
  readonly timeoutMs: number;
  readonly maxTokens: number;
}

/**
 * A chat model. Adapters: any OpenAI-compatible endpoint, Amazon Bedrock's Converse API.
 *
 * @example
 * const text = await llm.complete([{ role: 'system', content: rules }, { role: 'user', content: question }], { timeoutMs: 20_000, maxTokens: 800 });
 */
export interface LlmProvider {
  /** For answers and logs: 'openai-compatible gpt-4o-mini'. */
  readonly description: string;
  complete(messages: readonly LlmMessage[], options: LlmCompletionOptions): Promise<string>;
}
