// Settings of the copilot (`shoplake ask`, POST /api/ask): the question log and the optional
// language model it falls back to for questions its semantic layer cannot read.

import { z } from 'zod';

export const LLM_PROVIDERS = ['openai-compatible', 'bedrock'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/**
 * @example
 * { "copilot": { "llm": { "provider": "openai-compatible", "url": "https://api.openai.com/v1",
 *   "model": "gpt-4o-mini", "apiKeyEnv": "OPENAI_API_KEY" } } }
 */
export const copilotSettingsSchema = z
  .object({
    /** Write every question (masked) to curated `_copilot_log/` for retail-copilot (default true). */
    logQuestions: z.boolean().default(true),
    /**
     * A language model for questions the semantic layer cannot read. Absent (the default): none
     * is used, nothing leaves the machine, and such questions get an honest refusal.
     */
    llm: z
      .object({
        /** `openai-compatible` (any /chat/completions endpoint) or `bedrock` (Converse API with a Bedrock API key). */
        provider: z.enum(LLM_PROVIDERS),
        /** Base URL: `https://api.openai.com/v1`, or `https://bedrock-runtime.<region>.amazonaws.com`. */
        url: z.string().url(),
        /** Model id, e.g. `gpt-4o-mini` or `us.anthropic.claude-3-5-haiku-20241022-v1:0`. */
        model: z.string().min(1),
        /** Name of the environment variable holding the API key (never the key itself); none for a keyless local server. */
        apiKeyEnv: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
          .optional(),
        /** Milliseconds to wait for the model (default 20,000). */
        timeoutMs: z.number().int().min(1000).max(120_000).default(20_000),
      })
      .strict()
      .optional(),
  })
  .strict()
  .default({});

export type CopilotSettings = z.output<typeof copilotSettingsSchema>;
