// Memory of agent sessions: RSS added per idle worker (session started, waiting) and per worker
// in an active turn (streaming a response), and the main process's own heap per session handle.
// Baseline in the same run: RSS added per bare worker thread that only keeps itself alive.
// Workers run the bundled entry (as shipped), not the tsx-transpiled source.
import { rm } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AgentWorker } from '../src-main/agent/main/agent-worker.js';
import { RateLimiter } from '../src-main/agent/main/rate-limiter.js';
import { silentLogger } from '../src-main/shared/logger.js';
import { baseConfig, EventLog, tempProject } from '../test/agent/harness.js';
import { bundledWorkerUrl } from '../test/agent/worker-bundle.js';
import { AnthropicTestServer, reply, text } from '../test/helpers/anthropic-server.js';
import { isMain, printTable, type BenchRow } from './lib/report.js';

const WORKERS = 4;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(150);
  }
  return process.memoryUsage().rss;
}

async function settledHeap(): Promise<number> {
  gc();
  await sleep(50);
  gc();
  return process.memoryUsage().heapUsed;
}

/** RSS per bare worker thread (an isolate and an event loop doing nothing). */
async function bareWorkerRss(): Promise<number> {
  const before = await settledRss();
  const workers = Array.from({ length: WORKERS }, () => new Worker('setInterval(() => {}, 1000); require("worker_threads").parentPort.postMessage("up")', { eval: true }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const after = await settledRss();
  await Promise.all(workers.map((w) => w.terminate()));
  return (after - before) / WORKERS;
}

interface Measured {
  readonly perIdle: number;
  readonly perActive: number;
  readonly heapPerSession: number;
  readonly heap0: number;
  readonly complete: boolean;
}

async function measure(workerUrl: URL, server: AnthropicTestServer, root: string, resourceLimits?: ResourceLimits): Promise<Measured> {
  const limiter = new RateLimiter();
  const rss0 = await settledRss();
  const heap0 = await settledHeap();
  const agents = Array.from({ length: WORKERS }, (_, i) => {
    const worker = new AgentWorker({ limiter, logger: silentLogger(), workerUrl, name: `bench-${i}`, ...(resourceLimits ? { resourceLimits } : {}) });
    const log = new EventLog();
    worker.onEvent(log.push);
    return { worker, log };
  });
  await Promise.all(agents.map((a, i) => a.worker.start(baseConfig(root, server.url, { sessionId: `s${i}` }))));
  await Promise.all(agents.map((a) => a.worker.ping()));
  const rssIdle = await settledRss();
  const heapIdle = await settledHeap();

  // Every worker streams a long response slowly; measure while all are mid-turn.
  for (let i = 0; i < WORKERS; i++) server.enqueue(reply([text('streaming text '.repeat(3000))], { chunkChars: 20, delayMs: 2 }));
  agents.forEach((a, i) => a.worker.sendTurn(`t${i}`, [{ type: 'text', text: 'talk for a while' }]));
  await Promise.all(agents.map((a) => a.log.waitFor('text_delta')));
  await sleep(800);
  const rssActive = process.memoryUsage().rss;
  const stillStreaming = agents.every((a) => a.log.of('turn_end').length === 0);
  agents.forEach((a) => a.worker.stop());
  await Promise.all(agents.map((a) => a.worker.shutdown()));

  return {
    perIdle: (rssIdle - rss0) / WORKERS,
    perActive: (rssActive - rss0) / WORKERS,
    heapPerSession: (heapIdle - heap0) / WORKERS,
    heap0,
    complete: stillStreaming,
  };
}

export async function run(): Promise<BenchRow[]> {
  const workerUrl = await bundledWorkerUrl();
  const server = await AnthropicTestServer.start();
  const root = await tempProject({ 'README.md': '# bench\n' });
  try {
    const bare = await bareWorkerRss();
    const m = await measure(workerUrl, server, root);
    const v8Defaults = await measure(workerUrl, server, root, { maxYoungGenerationSizeMb: 16 });
    const bareText = `bare worker thread: ${(bare / MB).toFixed(1)} MB`;
    const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;
    return [
      { figure: `RSS added per idle agent worker (${WORKERS} workers)`, value: mb(m.perIdle), goal: '—', baseline: bareText },
      { figure: `RSS added per agent worker in an active turn${m.complete ? '' : ' (a turn ended early)'}`, value: mb(m.perActive), goal: '≤ 40 MB', baseline: bareText },
      { figure: '  same, with V8 default young generation (16 MB)', value: mb(v8Defaults.perActive), goal: '—', baseline: `idle: ${mb(v8Defaults.perIdle)}` },
      { figure: 'main-process heap per idle session (handle + state)', value: `${(m.heapPerSession / 1024).toFixed(0)} KB`, goal: '≤ 5 MB', baseline: `main heap at start: ${mb(m.heap0)}` },
    ];
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printTable(await run());
