/**
 * A seeded fuzz run over the three Personalize APIs of a running service: `requests` requests
 * from `concurrency` clients at once, every answer judged, each distinct failure shrunk to the
 * smallest request that still fails.
 */
import { RequestMaker, type FuzzRequest, type RequestKind } from './requests';
import { declaredErrors, type ServiceModel } from './service-models';
import { shrink } from './shrink';
import { Wire, type Answer, type Judged } from './wire';
import type { Clients, World } from './world';

export interface FuzzOptions {
  endpoint: string;
  models: readonly ServiceModel[];
  world: World;
  clients: Clients;
  seed: number;
  requests: number;
  concurrency: number;
}

export interface Failure {
  index: number;
  problem: string;
  /** The smallest request found that still fails, and its answer. */
  request: FuzzRequest;
  answer: Answer;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  seconds: number;
  /** Answers by HTTP status (or 'no answer', 'refused by the client'). */
  byStatus: Map<string, number>;
  /** Requests and their total time to answer, by kind. */
  byKind: Map<RequestKind, { requests: number; milliseconds: number }>;
  viaSdk: number;
  jobsStarted: number;
  failures: Failure[];
}

/** Each signature (operation, kind, problem) is shrunk once: the rest are the same finding. */
const MAX_SHRUNK = 20;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const maker = new RequestMaker(options.models, options.world, options.seed);
  const wire = new Wire(
    options.endpoint,
    options.models,
    options.clients,
    options.models.flatMap(declaredErrors),
  );
  const report: FuzzReport = {
    seed: options.seed,
    requests: options.requests,
    seconds: 0,
    byStatus: new Map(),
    byKind: new Map(),
    viaSdk: 0,
    jobsStarted: 0,
    failures: [],
  };
  const firstFailures = new Map<string, { index: number; request: FuzzRequest; judged: Judged }>();
  const started = performance.now();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.requests) {
          const index = next++;
          const request = maker.make(index);
          const sent = performance.now();
          const judged = await wire.send(request);
          const kind = report.byKind.get(request.kind) ?? { requests: 0, milliseconds: 0 };
          report.byKind.set(request.kind, {
            requests: kind.requests + 1,
            milliseconds: kind.milliseconds + performance.now() - sent,
          });
          const status = String(judged.answer.status);
          report.byStatus.set(status, (report.byStatus.get(status) ?? 0) + 1);
          if (request.viaSdk) report.viaSdk++;
          if (judged.output !== undefined)
            options.world.noteSuccess(request.operation, judged.output);
          if (!judged.problem) continue;
          const signature = `${request.service} ${request.operation} ${request.kind} ${judged.problem.slice(0, 40)}`;
          if (!firstFailures.has(signature))
            firstFailures.set(signature, { index, request, judged });
        }
      }),
    );
    report.seconds = (performance.now() - started) / 1000;
    report.jobsStarted = options.world.jobsStarted();
    for (const { index, request, judged } of [...firstFailures.values()].slice(0, MAX_SHRUNK)) {
      let last = judged;
      const smallest = await shrink(request, async (candidate) => {
        const again = await wire.send(candidate);
        if (!again.problem) return false;
        last = again;
        return true;
      });
      report.failures.push({
        index,
        problem: last.problem!,
        request: smallest,
        answer: last.answer,
      });
    }
  } finally {
    wire.close();
  }
  return report;
}

const clip = (text: string, length = 2000) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;

/** A failure as a request one can send again with curl, and what came back. */
export function describeFailure({ index, problem, request, answer }: Failure): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value}`);
  const came =
    typeof answer.status === 'number'
      ? `${answer.status} ${JSON.stringify(answer.headers['x-amzn-errortype'] ?? '')} ${clip(answer.body, 500)}`
      : answer.status;
  return [
    `request #${index}: ${request.operation} (${request.service}), ${request.kind}${request.viaSdk ? ', through the official client' : ''}: ${problem}`,
    `  ${request.method} ${request.path}`,
    ...headers,
    `  ${clip(JSON.stringify(request.body).slice(1, -1))}`,
    `  answer: ${came}`,
  ].join('\n');
}

/** The run as a table: requests, answers by status, 5xx count, rate. */
export function formatReport(report: FuzzReport): string {
  return table([...summaryRows(report), ...kindRows(report)]);
}

function kindRows(report: FuzzReport): [string, string][] {
  return [...report.byKind]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, { requests, milliseconds }]) => [
      `  ${kind}`,
      `${requests} requests, ${(milliseconds / requests).toFixed(1)} ms each`,
    ]);
}

function summaryRows(report: FuzzReport): [string, string][] {
  const fivexx = [...report.byStatus].reduce(
    (sum, [status, n]) => sum + (Number(status) >= 500 ? n : 0),
    0,
  );
  return [
    ['seed (TAILOR_FUZZ_SEED)', String(report.seed)],
    ['requests', String(report.requests)],
    ['  through the official clients', String(report.viaSdk)],
    ...[...report.byStatus]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]): [string, string] => [`  answered ${status}`, String(n)]),
    ['5xx answers', String(fivexx)],
    ['jobs started', String(report.jobsStarted)],
    ['distinct failures', String(report.failures.length)],
    ['requests/s', (report.requests / report.seconds).toFixed(0)],
    ['by kind', ''],
  ];
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `| ${'measure'.padEnd(width)} | value`,
    `|${'-'.repeat(width + 2)}|------`,
    ...rows.map(([name, value]) => `| ${name.padEnd(width)} | ${value}`),
  ].join('\n');
}
