// A small HTTP server that speaks the wire formats of OpenAI's chat completions
// (POST /v1/chat/completions) and Bedrock's Converse API (POST /model/<id>/converse), so the
// LLM adapters are tested against real HTTP. Each test says what the "model" replies.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

export type ModelReply =
  | { readonly text: string }
  | { readonly status: number; readonly body: string }
  | { readonly delayMs: number; readonly text: string };

export interface FakeLlmServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** What the model answers next (to every request until changed). */
  reply(answer: ModelReply): void;
  close(): Promise<void>;
}

export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  let next: ModelReply = { text: '{"refuse": "no reply configured"}' };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      const path = request.url ?? '';
      requests.push({ path, authorization: request.headers.authorization, body });
      const answer = next;
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
        return;
      }
      if ('delayMs' in answer) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      const payload = path.endsWith('/converse')
        ? {
            output: { message: { role: 'assistant', content: [{ text: answer.text }] } },
            stopReason: 'end_turn',
          }
        : {
            id: 'chatcmpl-1',
            object: 'chat.completion',
            choices: [
              { index: 0, message: { role: 'assistant', content: answer.text }, finish_reason: 'stop' },
            ],
          };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (answer) => {
      next = answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
