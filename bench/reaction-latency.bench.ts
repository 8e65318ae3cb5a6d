// Phone message → the first thing the phone shows in answer, as the owner sees it: the phone (its
// own process) writes in Note to Self and we time until its first incoming message, edit or sync
// transcript. Two kinds of message: an instruction to a project whose worker is warm (the first
// reaction is the progress message, after Claude's first streamed response) and a command
// (/status, answered by the chat layer alone). Typing indicators are not counted: Signal shows
// none in Note to Self, so the app does not send them there. Baseline in the same run: the same
// message only reaching the app (decrypted, stored, acknowledged: SignalService's 'inbound').
import { AnthropicTestServer, reply, text, toolUse, type RecordedRequest, type Script } from '../test/helpers/anthropic-server.js';
import { epochNow, linkedDaemon, waitShown } from './lib/app-setup.js';
import { isMain, ms, percentile, printTable, ratio, type BenchRow } from './lib/report.js';
import { startPhoneHost } from './lib/signal-setup.js';

const N = 100;
const WARMUP = 5;

/** Claude: a quick Bash call for "task N", then "DONE N". */
function claudeScript(request: RecordedRequest): Script {
  const said = JSON.stringify(request.body.messages);
  const task = [...said.matchAll(/task (\d+)/g)].at(-1)?.[1] ?? '?';
  const last = request.body.messages.at(-1);
  const answered = Array.isArray(last?.content) && last.content.some((b) => b.type === 'tool_result');
  return answered ? reply([text(`DONE ${task}`)]) : reply([toolUse('Bash', { command: 'true' })]);
}

export async function run(): Promise<BenchRow[]> {
  const host = await startPhoneHost();
  const claude = await AnthropicTestServer.start();
  claude.fallback = claudeScript;
  const app = await linkedDaemon(host, claude.url);
  try {
    app.project('r');
    const stored: number[] = [];
    app.daemon.services.signal.on('inbound', () => stored.push(epochNow()));
    const measure = async (body: (i: number) => string, done: (i: number) => (items: { kind: string; body: string }[]) => boolean) => {
      const first: number[] = [];
      const inbox: number[] = [];
      for (let i = 0; i < WARMUP + N; i++) {
        const before = stored.length;
        const { sentAt } = await host.request<{ sentAt: number }>({ cmd: 'say', deviceKey: app.deviceKey, body: body(i) });
        const items = await waitShown(host, sentAt, done(i));
        if (i < WARMUP) continue;
        first.push(Math.min(...items.map((x) => x.at)) - sentAt);
        inbox.push((stored[before] ?? epochNow()) - sentAt);
      }
      return { first, inbox };
    };
    const instructions = await measure(
      (i) => `@r task ${i}`,
      (i) => (items) => items.some((x) => x.kind === 'notify' && x.body.includes(`DONE ${i}`)),
    );
    const commands = await measure(
      () => '/status',
      () => (items) => items.some((x) => x.kind === 'notify'),
    );
    const row = (what: string, p: number, values: number[], base: number[], goal: string): BenchRow => {
      const v = percentile(values, p);
      const b = percentile(base, p);
      return { figure: `phone → first visible reaction, ${what}, p${p} (${N} msgs)`, value: ms(v), goal, baseline: `reaching the app p${p} ${ms(b)} (${ratio(v, b)})` };
    };
    return [
      row('instruction (warm worker)', 50, instructions.first, instructions.inbox, '≤ 25 ms'),
      row('instruction (warm worker)', 99, instructions.first, instructions.inbox, '≤ 100 ms'),
      row('command /status', 50, commands.first, commands.inbox, '≤ 25 ms'),
      row('command /status', 99, commands.first, commands.inbox, '≤ 100 ms'),
    ];
  } finally {
    await app.close();
    await claude.close();
    await host.close();
  }
}

if (isMain(import.meta.url)) printTable(await run());
