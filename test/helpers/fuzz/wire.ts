/**
 * Sends a fuzz request (raw HTTP, or through the official client) and judges the answer: a
 * well-formed AWS error or success of the request's protocol, never a 5xx, never silence.
 */
import * as control from '@aws-sdk/client-personalize';
import * as events from '@aws-sdk/client-personalize-events';
import * as runtime from '@aws-sdk/client-personalize-runtime';
import { Agent, request as httpRequest, validateHeaderName, validateHeaderValue } from 'node:http';
import type { FuzzRequest } from './requests';
import type { ServiceId, ServiceModel, Shape } from './service-models';
import type { Clients } from './world';

/** Errors any AWS API may answer with beyond those its model declares (AWS's common errors). */
const COMMON_ERRORS = [
  'AccessDeniedException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'NotFoundException',
  'RequestEntityTooLargeException',
  'SerializationException',
  'ThrottlingException',
  'UnknownOperationException',
  'UnrecognizedClientException',
  'ValidationException',
];

const AWS_JSON = 'application/x-amz-json-1.1';
const REST_JSON = 'application/json';
const ANSWER_TIMEOUT_MS = 30_000;

export type Answer =
  | { status: number; headers: Record<string, string>; body: string }
  | { status: 'no answer'; reason: string }
  | { status: 'refused by the client' };

export interface Judged {
  answer: Answer;
  /** What is wrong with the answer; undefined when it is a well-formed AWS answer below 500. */
  problem?: string;
  /** The parsed body of a success, for the ARNs in it. */
  output?: unknown;
}

export class Wire {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly known: ReadonlySet<string>;
  private readonly shapes: ReadonlyMap<ServiceId, ServiceModel>;

  constructor(
    private readonly endpoint: string,
    models: readonly ServiceModel[],
    private readonly clients: Clients,
    declared: readonly string[],
  ) {
    this.known = new Set([...COMMON_ERRORS, ...declared]);
    this.shapes = new Map(models.map((model) => [model.id, model]));
  }

  async send(request: FuzzRequest): Promise<Judged> {
    const command = request.viaSdk ? this.sdkCommand(request) : undefined;
    return command ? this.sendWithSdk(request, command) : this.sendRaw(request);
  }

  close(): void {
    this.agent.destroy();
  }

  private sendRaw(request: FuzzRequest): Promise<Judged> {
    try {
      for (const [name, value] of Object.entries(request.headers)) {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      }
    } catch {
      // Node's client will not send a header it finds invalid, so neither does any real client.
      return Promise.resolve({ answer: { status: 'refused by the client' } });
    }
    const url = new URL(this.endpoint);
    return new Promise((resolve) => {
      const outgoing = httpRequest(
        {
          agent: this.agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          timeout: ANSWER_TIMEOUT_MS,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (value !== undefined) headers[name] = String(value);
            }
            const answer = {
              status: incoming.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
            };
            resolve(this.judge(request, answer));
          });
          incoming.on('error', (error) => resolve(noAnswer(error)));
        },
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error(`no answer in ${ANSWER_TIMEOUT_MS} ms`)),
      );
      outgoing.on('error', (error) => resolve(noAnswer(error)));
      outgoing.end(request.body);
    });
  }

  private judge(request: FuzzRequest, answer: Answer & { status: number }): Judged {
    const problem = this.problemWith(request, answer);
    if (problem || answer.status !== 200) return { answer, problem };
    return { answer, output: answer.body ? JSON.parse(answer.body) : undefined };
  }

  private problemWith(
    request: FuzzRequest,
    { status, headers, body }: Answer & { status: number },
  ): string | undefined {
    if (status >= 500) return `answered ${status}`;
    // Node's own HTTP parser answers requests it cannot route (a 6 KB path), before any handler.
    if (request.method === 'HEAD' || status === 431 || status === 414) return undefined;
    const contentType = headers['content-type'] ?? '';
    // An operation Tailor does not serve is unknown before its protocol is: either will do.
    const unknown = headers['x-amzn-errortype'] === 'UnknownOperationException';
    const expected = unknown ? undefined : expectedContentType(request);
    if (expected && !contentType.startsWith(expected)) {
      return `content-type '${contentType}', expected '${expected}'`;
    }
    if (!contentType.startsWith(AWS_JSON) && !contentType.startsWith(REST_JSON)) {
      return `content-type '${contentType}' is neither AWS JSON nor JSON`;
    }
    let parsed: unknown;
    try {
      parsed = body === '' && contentType.startsWith(REST_JSON) ? {} : JSON.parse(body);
    } catch {
      return `the body is not JSON: ${body.slice(0, 200)}`;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      return 'the body is not a JSON object';
    if (status === 200) return undefined;
    const error = parsed as { __type?: unknown; message?: unknown; Message?: unknown };
    const type = contentType.startsWith(AWS_JSON) ? error.__type : headers['x-amzn-errortype'];
    if (typeof type !== 'string' || !this.known.has(type.split(':')[0]!)) {
      return `error type ${JSON.stringify(type)} is no exception the models or AWS's common errors name`;
    }
    if (typeof (error.message ?? error.Message) !== 'string') return 'the error has no message';
    return undefined;
  }

  private sdkCommand(request: FuzzRequest): object | undefined {
    const module: Record<string, unknown> =
      request.service === 'personalize'
        ? control
        : request.service === 'personalize-events'
          ? events
          : runtime;
    const Command = module[`${request.operation}Command`] as
      (new (input: unknown) => object) | undefined;
    if (!Command) return undefined;
    const model = this.shapes.get(request.service)!;
    const inputShape = model.operations[request.operation]!.input?.shape;
    return new Command(inputShape ? withDates(model.shapes, inputShape, request.input) : {});
  }

  private async sendWithSdk(request: FuzzRequest, command: object): Promise<Judged> {
    const client =
      request.service === 'personalize'
        ? this.clients.personalize
        : request.service === 'personalize-events'
          ? this.clients.events
          : this.clients.runtime;
    try {
      const output = await (client.send as (command: object) => Promise<{ $metadata: object }>)(
        command,
      );
      return { answer: { status: 200, headers: {}, body: '' }, output };
    } catch (error) {
      const { name, message, $metadata } = error as Error & {
        $metadata?: { httpStatusCode?: number };
      };
      const status = $metadata?.httpStatusCode;
      if (status === undefined) return { answer: { status: 'refused by the client' } };
      const answer = { status, headers: {}, body: `${name}: ${message}` };
      if (status >= 500) return { answer, problem: `answered ${status} (${name}: ${message})` };
      if (!this.known.has(name))
        return {
          answer,
          problem: `the official client could not read the answer: ${name}: ${message}`,
        };
      return { answer };
    }
  }
}

function expectedContentType(request: FuzzRequest): string | undefined {
  if (request.kind === 'wrong method or path' || request.kind === 'unknown target')
    return undefined;
  return request.service === 'personalize' ? AWS_JSON : REST_JSON;
}

const noAnswer = (error: Error): Judged => {
  const reason = `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim();
  return { answer: { status: 'no answer', reason }, problem: `no answer: ${reason}` };
};

/** The SDK takes timestamps as Dates where the wire has epoch seconds. */
function withDates(
  shapes: Readonly<Record<string, Shape>>,
  shapeName: string,
  value: unknown,
): unknown {
  const shape = shapes[shapeName]!;
  if (shape.type === 'timestamp' && typeof value === 'number') return new Date(value * 1000);
  if (shape.type === 'list' && Array.isArray(value)) {
    return value.map((item) => withDates(shapes, shape.member.shape, item));
  }
  if (shape.type === 'structure' && value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [
        name,
        shape.members[name] ? withDates(shapes, shape.members[name].shape, inner) : inner,
      ]),
    );
  }
  return value;
}
