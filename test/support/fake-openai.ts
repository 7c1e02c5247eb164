// A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API with scripted answers and
// faults (timeout, 429, 500, malformed JSON, truncated body, no json_schema support), for LLM tests.
// Also runnable on its own for editor tests:
//   node --import tsx test/support/fake-openai.ts '{"score":85,"recommendation":"ACCEPT","reasoning":"ok","confidence":0.9}'
// prints `listening http://127.0.0.1:<port>/v1` and answers every request with that content.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake does with one request. */
export type FakeReply =
  /** 200 with this assistant content (objects are JSON-encoded), after `delayMs` when given. */
  | { kind: 'answer'; content: string | object; delayMs?: number }
  /** An error status with an OpenAI-style error body. */
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  /** Never answer: the client must time out. */
  | { kind: 'hang' }
  /** 200 whose body is not JSON at all. */
  | { kind: 'malformed-body' }
  /** 200 with a Content-Length larger than what is sent, then the socket is cut. */
  | { kind: 'truncated'; content: string | object };

/** One request as received. */
export interface FakeRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    temperature?: number;
    messages?: { role: string; content: string }[];
    response_format?: { type: string };
  };
}

/** Options of {@link startFakeOpenAI}. */
export interface FakeOpenAIOptions {
  /** Replies in order; the last one repeats. */
  script?: FakeReply[];
  /** Decides per request (overrides `script`). */
  handler?: (req: FakeRequest) => FakeReply;
  /** When false, a `json_schema` response_format gets the 400 a server without structured output sends. */
  supportsJsonSchema?: boolean;
  /** When false, `json_object` is refused the same way. */
  supportsJsonObject?: boolean;
}

/** A running fake. `url` is the base URL to give the client (ends in /v1). */
export interface FakeOpenAI {
  url: string;
  requests: FakeRequest[];
  /** Most chat requests in flight at once so far. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

/** Starts a fake on an ephemeral port of 127.0.0.1. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let step = 0;
  let inFlight = 0;
  let maxConcurrent = 0;
  const server = createServer((req, res) => {
    inFlight++;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    res.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: FakeRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        // keep {}: the reply below tells the client
      }
      const request: FakeRequest = { path: req.url ?? '', headers: req.headers, body };
      requests.push(request);
      if (!req.url?.endsWith('/chat/completions')) return send(res, 404, { error: { message: `no route ${req.url}`, type: 'not_found' } });
      const format = body.response_format?.type;
      if ((format === 'json_schema' && options.supportsJsonSchema === false) || (format === 'json_object' && options.supportsJsonObject === false)) {
        return send(res, 400, { error: { message: `response_format type ${format} is not supported by this server`, type: 'invalid_request_error' } });
      }
      const script: FakeReply[] = options.script ?? [{ kind: 'answer', content: { score: 50, recommendation: 'REVIEW', reasoning: 'default', confidence: 0.5 } }];
      const reply = options.handler ? options.handler(request) : script[Math.min(step++, script.length - 1)]!;
      switch (reply.kind) {
        case 'answer':
          if (reply.delayMs) return void setTimeout(() => send(res, 200, completion(body.model, reply.content)), reply.delayMs);
          return send(res, 200, completion(body.model, reply.content));
        case 'status':
          return send(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type: 'server_error' } }, reply.headers);
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'malformed-body':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"id": "x", "choices": [ {"message": ');
        case 'truncated': {
          const text = JSON.stringify(completion(body.model, reply.content));
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
          res.write(text.slice(0, Math.floor(text.length / 2)));
          return void setTimeout(() => res.socket?.destroy(), 10);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(model: string | undefined, content: string | object) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model ?? 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

if (require.main === module) {
  const content = process.argv[2] ?? '{"score":85,"recommendation":"ACCEPT","reasoning":"fake","confidence":0.9}';
  void startFakeOpenAI({ script: [{ kind: 'answer', content }] }).then((fake) => process.stdout.write(`listening ${fake.url}\n`));
}
