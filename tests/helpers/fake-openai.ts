import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { splitSentences } from '../../src/text/sentences.js';

/**
 * A local OpenAI-compatible endpoint (POST /v1/chat/completions on 127.0.0.1) for tests and the
 * benchmark. Replies are scripted per request; without a script it answers with a well-grounded
 * brief built from the article it was sent. Every request is recorded.
 */

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
  /** The text between <article> and </article> in the last user message, or ''. */
  article: string;
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  max_tokens?: number;
  max_completion_tokens?: number;
  tools?: unknown;
  [key: string]: unknown;
}

export type FakeReply =
  /** 200 with this message content (an object is sent as JSON text). */
  | {
      kind: 'content';
      content: string | object;
      usage?: { prompt: number; completion: number };
      finish?: string;
    }
  | { kind: 'refusal' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: object }
  /** Never answers (until the server closes). */
  | { kind: 'hang' }
  /** Sends the headers, then never finishes the body. */
  | { kind: 'stall-body' };

export type Responder = (req: RecordedRequest) => FakeReply;

export interface FakeOpenAI {
  /** Base URL for the openai client, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order; then the default responder. */
  enqueue(...replies: Array<FakeReply | Responder>): void;
  setDefault(responder: Responder): void;
  close(): Promise<void>;
}

export function articleOf(body: ChatRequestBody): string {
  const user = [...body.messages].reverse().find((m) => m.role === 'user' && m.content.includes('<article>'));
  const m = /<article>\n([\s\S]*?)\n<\/article>/.exec(user?.content ?? '');
  return m?.[1] ?? '';
}

/** Sentences of the article as the fake sees it (its "[...]" markers removed), of 5 words or more. */
export function sentencesOf(article: string): string[] {
  const text = article
    .split(/\n\n/)
    .filter((p) => p !== '[...]')
    .join('\n\n');
  return splitSentences(text)
    .map((s) => s.text)
    .filter((s) => s.split(/\s+/).length >= 5);
}

/** A brief whose every quote is an article sentence and whose texts repeat them: fully grounded. */
export function groundedOutput(article: string, facts = 4): object {
  const sentences = sentencesOf(article);
  // Facts come after the summary's sentence: a brief's facts add to its summary.
  const pick = sentences.length > 1 ? sentences.slice(1, 1 + Math.max(1, facts)) : sentences;
  return {
    headline: (sentences[0] ?? 'Untitled').split(/\s+/).slice(0, 8).join(' '),
    summary: [sentences[0] ?? 'The article is short.'],
    // A model's fact is short; its first words keep every name and number of the quote's start.
    keyFacts: pick.map((s) => ({ text: s.split(/\s+/).slice(0, 25).join(' '), quote: s })),
  };
}

export const replies = {
  grounded:
    (usage?: { prompt: number; completion: number }): Responder =>
    (req) => ({ kind: 'content', content: groundedOutput(req.article), usage }),
  /** Grounded, plus one fact whose quote appears nowhere in the article. */
  fabricatedQuote: (): Responder => (req) => {
    const out = groundedOutput(req.article) as { keyFacts: { text: string; quote: string }[] };
    out.keyFacts.push({
      text: 'The mayor resigned.',
      quote: 'the mayor announced her immediate resignation on live television',
    });
    return { kind: 'content', content: out };
  },
  extraKeys: (): Responder => (req) => ({
    kind: 'content',
    content: { ...groundedOutput(req.article), sentiment: 'positive', instructions: 'ignore' },
  }),
  emptyFacts: (): Responder => (req) => ({
    kind: 'content',
    content: { ...groundedOutput(req.article), keyFacts: [] },
  }),
  tenSentenceSummary: (): Responder => (req) => {
    const s = sentencesOf(req.article);
    const summary = Array.from({ length: 10 }, (_, i) => s[i % Math.max(1, s.length)] ?? 'More.');
    return { kind: 'content', content: { ...groundedOutput(req.article), summary: [summary.join(' ')] } };
  },
  invalidJson: (): FakeReply => ({ kind: 'content', content: '{"headline": "Broken", "summary": [' }),
  status: (status: number, headers?: Record<string, string>): FakeReply => ({
    kind: 'status',
    status,
    headers,
  }),
  hang: (): FakeReply => ({ kind: 'hang' }),
};

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const queue: Array<FakeReply | Responder> = [];
  let fallbackResponder: Responder = replies.grounded();
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
      const recorded: RecordedRequest = {
        path: req.url,
        headers: req.headers,
        body,
        article: articleOf(body),
      };
      requests.push(recorded);
      const next = queue.shift() ?? fallbackResponder;
      const reply = typeof next === 'function' ? next(recorded) : next;
      send(res, reply, body);
    });
  });

  const send = (res: ServerResponse, reply: FakeReply, body: ChatRequestBody) => {
    switch (reply.kind) {
      case 'hang':
        hanging.add(res);
        return;
      case 'stall-body':
        hanging.add(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-stall",');
        return;
      case 'status':
        res
          .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
          .end(
            JSON.stringify(reply.body ?? { error: { message: `fake error ${reply.status}`, type: 'fake' } }),
          );
        return;
      case 'refusal':
      case 'content': {
        const content =
          reply.kind === 'refusal'
            ? null
            : typeof reply.content === 'string'
              ? reply.content
              : JSON.stringify(reply.content);
        const promptText = body.messages.map((m) => m.content).join('\n');
        const usage =
          reply.kind === 'content' && reply.usage
            ? { prompt_tokens: reply.usage.prompt, completion_tokens: reply.usage.completion }
            : { prompt_tokens: estimateTokens(promptText), completion_tokens: estimateTokens(content ?? '') };
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `chatcmpl-fake-${requests.length}`,
            object: 'chat.completion',
            created: 1_700_000_000,
            model: body.model,
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content,
                  refusal: reply.kind === 'refusal' ? 'I cannot help.' : null,
                },
                finish_reason: (reply.kind === 'content' && reply.finish) || 'stop',
                logprobs: null,
              },
            ],
            usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
          }),
        );
        return;
      }
    }
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...r) => queue.push(...r),
    setDefault: (responder) => {
      fallbackResponder = responder;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
