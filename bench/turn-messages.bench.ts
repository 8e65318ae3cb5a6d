// One long turn as the phone sees it: Claude streams 2,000 events over about 25 seconds with 30
// tool calls, and we count what reaches the phone from the instruction to the final answer —
// messages (the progress message and its continuations, the final answer) and edits — and time
// the lag between the agent's last event (its final response stored by the app) and the phone
// showing the final answer. Baseline in the same run: the same lag for a one-line answer with no
// tools, and the number of agent events the turn produced.
import { AnthropicTestServer, reply, text, toolUse, type MessageScript } from '../test/helpers/anthropic-server.js';
import { epochNow, linkedDaemon, waitShown } from './lib/app-setup.js';
import { isMain, ms, printTable, type BenchRow } from './lib/report.js';
import { startPhoneHost } from './lib/signal-setup.js';

const TOOL_CALLS = 30;
const EVENTS = 2000;
/** Pause between stream events: ~25 s for the turn, a realistic streaming pace. */
const EVENT_DELAY_MS = 12;

/** SSE events the local server writes for a message (as anthropic-server.ts builds them). */
function eventsOf(script: MessageScript): number {
  let n = 4; // message_start, ping, message_delta, message_stop
  script.content.forEach((block, index) => {
    n += 2 + (block.type === 'text' ? Math.ceil(block.text.length / (script.chunkChars ?? 12)) : block.type === 'thinking' ? Math.ceil(block.thinking.length / (script.chunkChars ?? 12)) + 1 : block.type === 'web_search' ? 3 : Math.ceil(JSON.stringify(block.input).length / 10));
    if (index % 3 === 2) n += 1;
  });
  return n;
}

function longTurn(): MessageScript[] {
  const steps: MessageScript[] = [];
  for (let k = 0; k < TOOL_CALLS; k++) {
    steps.push(reply([text(`Step ${k}: ${'looking at the code and deciding what to change next. '.repeat(11)}`), toolUse('Bash', { command: `echo step ${k}` })], { delayMs: EVENT_DELAY_MS }));
  }
  const used = steps.reduce((n, s) => n + eventsOf(s), 0);
  const finalChars = Math.max(12, (EVENTS - used - 6) * 12);
  steps.push(reply([text(`FINAL-ANSWER ${'All thirty steps are done and the tests pass. '.repeat(Math.ceil(finalChars / 46))}`.slice(0, finalChars))], { delayMs: EVENT_DELAY_MS }));
  return steps;
}

export async function run(): Promise<BenchRow[]> {
  const host = await startPhoneHost();
  const claude = await AnthropicTestServer.start();
  const app = await linkedDaemon(host, claude.url);
  try {
    app.project('t');
    // When the app stored the agent's final response (its last event of the turn).
    let finalStoredAt = 0;
    app.daemon.events.subscribe((event) => {
      if (event.type === 'transcript' && event.entry.kind === 'assistant' && /FINAL-ANSWER|SHORT-ANSWER/.test(event.entry.text)) finalStoredAt = epochNow();
    });
    const turn = async (script: MessageScript[], body: string, marker: string) => {
      claude.enqueue(...script);
      finalStoredAt = 0;
      const { sentAt } = await host.request<{ sentAt: number }>({ cmd: 'say', deviceKey: app.deviceKey, body });
      const items = await waitShown(host, sentAt, (shown) => shown.some((x) => x.kind === 'notify' && x.body.includes(marker)), 180_000);
      const final = items.find((x) => x.kind === 'notify' && x.body.includes(marker))!;
      return { items, lag: final.at - finalStoredAt };
    };
    // Warm the worker, then the measured turns.
    await turn([reply([text('SHORT-ANSWER warm')])], '@t hello', 'SHORT-ANSWER warm');
    const short = await turn([reply([text('SHORT-ANSWER done')])], '@t say something short', 'SHORT-ANSWER done');
    const script = longTurn();
    const events = script.reduce((n, s) => n + eventsOf(s), 0);
    const started = epochNow();
    const long = await turn(script, '@t do the long job', 'FINAL-ANSWER');
    const seconds = (epochNow() - started) / 1000;
    const messages = long.items.filter((x) => x.kind !== 'edit').length;
    const edits = long.items.length - messages;
    return [
      { figure: `messages reaching the phone for one turn (${events} stream events, ${TOOL_CALLS} tool calls, ${seconds.toFixed(0)} s)`, value: `${messages} (+ ${edits} edits)`, goal: '≤ 6 messages', baseline: `${events + 2 * TOOL_CALLS} agent events (stream + tool call/result)` },
      { figure: "lag: agent's last event → final answer on the phone (that turn)", value: ms(long.lag), goal: '≤ 2 s', baseline: `one-line answer, no tools: ${ms(short.lag)}` },
    ];
  } finally {
    await app.close();
    await claude.close();
    await host.close();
  }
}

if (isMain(import.meta.url)) printTable(await run());
