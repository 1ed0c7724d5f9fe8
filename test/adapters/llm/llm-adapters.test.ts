// The LLM adapters against a real HTTP server speaking the OpenAI and Bedrock wire formats.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BedrockConverseLlm } from '../../../src/adapters/llm/bedrock-converse-llm.js';
import { llmFromConfig } from '../../../src/adapters/llm/llm-from-config.js';
import { OpenAiCompatibleLlm } from '../../../src/adapters/llm/openai-compatible-llm.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { LlmMessage } from '../../../src/ports/llm.js';
import { type FakeLlmServer, startFakeLlmServer } from '../../support/fake-llm-server.js';

const MESSAGES: LlmMessage[] = [
  { role: 'system', content: 'You write SQL.' },
  { role: 'user', content: 'revenue by weekday?' },
];
const OPTIONS = { timeoutMs: 2_000, maxTokens: 300 };

describe('LLM adapters', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeLlmServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('posts an OpenAI chat completion with the model, the messages and the bearer key', async () => {
    server.reply({ text: '{"sql": "SELECT 1"}' });
    const llm = new OpenAiCompatibleLlm({ url: `${server.url}/v1/`, model: 'gpt-test', apiKey: 'sk-secret' });
    expect(await llm.complete(MESSAGES, OPTIONS)).toBe('{"sql": "SELECT 1"}');
    const sent = server.requests.at(-1);
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.authorization).toBe('Bearer sk-secret');
    expect(sent?.body).toMatchObject({
      model: 'gpt-test',
      max_tokens: 300,
      temperature: 0,
      messages: MESSAGES,
    });
  });

  it('posts a Bedrock Converse request with the system prompt apart from the turns', async () => {
    server.reply({ text: 'converse says hi' });
    const llm = new BedrockConverseLlm({
      url: server.url,
      model: 'us.anthropic.claude:0',
      apiKey: 'bedrock-key',
    });
    expect(await llm.complete(MESSAGES, OPTIONS)).toBe('converse says hi');
    const sent = server.requests.at(-1);
    expect(sent?.path).toBe('/model/us.anthropic.claude%3A0/converse');
    expect(sent?.authorization).toBe('Bearer bedrock-key');
    expect(sent?.body).toEqual({
      system: [{ text: 'You write SQL.' }],
      messages: [{ role: 'user', content: [{ text: 'revenue by weekday?' }] }],
      inferenceConfig: { maxTokens: 300, temperature: 0 },
    });
  });

  it('turns an HTTP error into llm_failed without echoing the key', async () => {
    server.reply({ status: 429, body: '{"error": "rate limited"}' });
    const llm = new OpenAiCompatibleLlm({ url: server.url, model: 'm', apiKey: 'sk-secret' });
    const error = (await llm.complete(MESSAGES, OPTIONS).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { code: string };
    expect(error).toMatchObject({ code: 'llm_failed' });
    expect(error.message).toContain('HTTP 429');
    expect(error.message).not.toContain('sk-secret');
  });

  it('gives up after the time limit', async () => {
    server.reply({ delayMs: 1_500, text: 'too late' });
    const llm = new OpenAiCompatibleLlm({ url: server.url, model: 'm', apiKey: undefined });
    await expect(llm.complete(MESSAGES, { ...OPTIONS, timeoutMs: 300 })).rejects.toMatchObject({
      code: 'llm_failed',
      message: expect.stringContaining('no answer within 300 ms'),
    });
  });

  it('is built from the config only when copilot.llm is set, with the key from the named variable', () => {
    const none = loadConfig({ env: {}, overrides: { dataDir: '/tmp/x' } });
    expect(llmFromConfig(none)).toBeUndefined();
    const llm = { provider: 'bedrock' as const, url: server.url, model: 'm', apiKeyEnv: 'MY_BEDROCK_KEY' };
    const config = loadConfig({
      env: { MY_BEDROCK_KEY: 'k-123' },
      overrides: { dataDir: '/tmp/x', copilot: { llm } },
    });
    expect(config.llmApiKey).toBe('k-123');
    expect(llmFromConfig(config)).toBeInstanceOf(BedrockConverseLlm);
    expect(() => loadConfig({ env: {}, overrides: { dataDir: '/tmp/x', copilot: { llm } } })).toThrow(
      /copilot.llm.apiKeyEnv" names MY_BEDROCK_KEY, which is not set/,
    );
    expect(() =>
      loadConfig({
        env: {},
        overrides: { dataDir: '/tmp/x', copilot: { llm: { ...llm, provider: 'gpt' as never } } },
      }),
    ).toThrow(/copilot\.llm\.provider/);
  });
});
