// How fast a worker relays a streamed response to the main process: streamed deltas (SSE
// text chunks) per second whose text has arrived (zod-checked) at the AgentWorker's listeners,
// timed from the turn being sent to its end, with the local server streaming as fast as it can.
// The worker gathers text into one text_delta per 100 ms (agent/event-outbox.ts), so the main
// thread sees far fewer messages than deltas; that count is reported too. Baseline in the same
// run: raw postMessage throughput of a bare worker posting one event per delta in a loop (no
// HTTP, no SSE parsing, no validation).
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AgentWorker } from '../src-main/agent/main/agent-worker.js';
import { RateLimiter } from '../src-main/agent/main/rate-limiter.js';
import { silentLogger } from '../src-main/shared/logger.js';
import { baseConfig, EventLog, inProcessSession, tempProject } from '../test/agent/harness.js';
import { bundledWorkerUrl } from '../test/agent/worker-bundle.js';
import { AnthropicTestServer, reply, text } from '../test/helpers/anthropic-server.js';
import { isMain, printTable, ratio, type BenchRow } from './lib/report.js';

const DELTAS = 40_000;
const CHUNK = 6;
const RUNS = 3;

async function rawPostMessage(count: number): Promise<number> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    parentPort.once('message', (n) => {
      for (let i = 0; i < n; i++) parentPort.postMessage({ type: 'text_delta', turnId: 't', text: 'word ' });
      parentPort.postMessage({ type: 'done' });
    });`;
  const worker = new Worker(code, { eval: true });
  let received = 0;
  let first = 0;
  const elapsed = await new Promise<number>((resolve) => {
    worker.on('message', (m: { type: string }) => {
      if (m.type === 'done') resolve(performance.now() - first);
      else if (received++ === 0) first = performance.now();
    });
    worker.postMessage(count);
  });
  await worker.terminate();
  return received / (elapsed / 1000);
}

/** The same stream consumed by an in-process session: SSE parsing without the thread hop. */
async function inProcess(server: AnthropicTestServer, root: string): Promise<number> {
  const h = await inProcessSession({ root, existingServer: server });
  server.enqueue(reply([text('abcde '.repeat(DELTAS))], { chunkChars: CHUNK }));
  const sent = performance.now();
  const end = await h.turn('stream');
  const elapsed = performance.now() - sent;
  const chars = h.log.of('text_delta').reduce((n, e) => n + e.text.length, 0);
  await h.close();
  if (end.reason !== 'end_turn') throw new Error(`turn ended with ${end.reason}`);
  return chars / CHUNK / (elapsed / 1000);
}

interface Relay {
  readonly deltasPerSecond: number;
  /** text_delta messages the main thread received per 1000 streamed deltas. */
  readonly messagesPer1000: number;
}

async function agentRelay(workerUrl: URL, server: AnthropicTestServer, root: string): Promise<Relay> {
  const agent = new AgentWorker({ limiter: new RateLimiter(), logger: silentLogger(), workerUrl });
  const log = new EventLog();
  let messages = 0;
  let chars = 0;
  agent.onEvent((e) => {
    if (e.type === 'text_delta') {
      messages++;
      chars += e.text.length;
    }
    log.push(e);
  });
  await agent.start(baseConfig(root, server.url));
  server.enqueue(reply([text('abcde '.repeat(DELTAS))], { chunkChars: CHUNK }));
  const sent = performance.now();
  agent.sendTurn('bench', [{ type: 'text', text: 'stream' }]);
  const end = await log.waitFor('turn_end', () => true, 120_000);
  const elapsed = performance.now() - sent;
  if (end.reason !== 'end_turn') throw new Error(`turn ended with ${end.reason}`);
  await agent.shutdown();
  const deltas = chars / CHUNK;
  return { deltasPerSecond: deltas / (elapsed / 1000), messagesPer1000: (messages / deltas) * 1000 };
}

export async function run(): Promise<BenchRow[]> {
  const workerUrl = await bundledWorkerUrl();
  const server = await AnthropicTestServer.start();
  const root = await tempProject();
  try {
    const agent: Relay[] = [];
    const raw: number[] = [];
    const local: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      agent.push(await agentRelay(workerUrl, server, root));
      raw.push(await rawPostMessage(DELTAS));
      local.push(await inProcess(server, root));
    }
    const best = agent.reduce((x, y) => (y.deltasPerSecond > x.deltasPerSecond ? y : x));
    const a = best.deltasPerSecond;
    const r = Math.max(...raw);
    const l = Math.max(...local);
    const k = (n: number): string => `${Math.round(n / 1000)}k deltas/s`;
    return [
      { figure: `streamed text deltas relayed worker → main (best of ${RUNS}, ${DELTAS} deltas of ${CHUNK} chars)`, value: k(a), goal: '—', baseline: `raw postMessage, one per delta: ${k(r)} (agent at ${ratio(a, r)})` },
      { figure: '  messages the main thread handles per 1000 deltas', value: best.messagesPer1000.toFixed(1), goal: '—', baseline: 'one per delta: 1000' },
      { figure: '  same stream consumed in-process (no thread hop)', value: k(l), goal: '—', baseline: `worker relay at ${ratio(a, l)} of it` },
    ];
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printTable(await run());
