// A local HTTP server that answers AWS JSON-protocol calls (Glue, Athena: POST / with an
// X-Amz-Target header) from recorded responses, and keeps every request it got. The real SDK
// serialises, signs, retries and parses over real HTTP; only AWS itself is replaced.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded answer to one call. */
export interface RecordedExchange {
  /** The X-Amz-Target it answers, e.g. `AmazonAthena.GetQueryExecution`. */
  readonly target: string;
  /** HTTP status; 400 and 500 answers are AWS error bodies (`__type`, `Message`). Default 200. */
  readonly status?: number;
  readonly body: unknown;
  /** Answer every further call to this target with this (a query that stays RUNNING). */
  readonly repeat?: boolean;
}

export interface ReceivedRequest {
  readonly target: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string;
  readonly contentType: string;
}

export interface AwsReplayServer {
  readonly endpoint: string;
  /** Every request, in arrival order. */
  readonly requests: ReceivedRequest[];
  /** The targets called, in order. */
  targets(): string[];
  /** Recorded answers nobody asked for (a test expecting them all to be used checks this is empty). */
  unused(): RecordedExchange[];
  close(): Promise<void>;
}

/** Credentials the SDK signs with; the server checks a signature is there, not its value. */
export const REPLAY_AWS = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDREPLAY', secretAccessKey: 'replay-secret' },
  // Throttling tests need the SDK's retries; other failures must not be retried into the next answer.
  maxAttempts: 3,
} as const;

/** Reads a recording: a JSON array of exchanges, shaped as AWS answers. */
export function recording(url: URL): RecordedExchange[] {
  return JSON.parse(readFileSync(url, 'utf8')) as RecordedExchange[];
}

export async function startAwsReplayServer(exchanges: readonly RecordedExchange[]): Promise<AwsReplayServer> {
  const queues = new Map<string, RecordedExchange[]>();
  for (const exchange of exchanges)
    queues.set(exchange.target, [...(queues.get(exchange.target) ?? []), exchange]);
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      requests.push({
        target,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        authorization: String(request.headers.authorization ?? ''),
        contentType: String(request.headers['content-type'] ?? ''),
      });
      const queue = queues.get(target) ?? [];
      const next = queue[0];
      if (next && !(next.repeat && queue.length === 1)) queue.shift();
      const status = next ? (next.status ?? 200) : 400;
      const body = next?.body ?? {
        __type: 'UnrecordedRequest',
        Message: `No recorded answer left for ${target}.`,
      };
      const headers: Record<string, string> = {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `replay-${requests.length}`,
      };
      const type = (body as { __type?: unknown }).__type;
      if (status >= 400 && typeof type === 'string') headers['x-amzn-errortype'] = `${type}:`;
      response.writeHead(status, headers);
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    targets: () => requests.map((r) => r.target),
    unused: () => [...queues.values()].flatMap((q) => q.filter((e) => !e.repeat)),
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
