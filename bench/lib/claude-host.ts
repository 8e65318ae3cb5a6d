// Child process for benchmarks that measure the app's own event loop: the local Anthropic server
// streams from here, so its work (building and writing SSE for many sessions at once) does not
// run on the loop being measured. Prints "URL <url>" when ready; stops when stdin closes.
//   env CLAUDE_ROUNDS      tool rounds per turn (each: streamed text + one Bash call)
//   env CLAUDE_DELAY_MS    mean pause between stream events (each response draws its own pace,
//                          ±40 %, so many sessions do not all finish their responses at once)
import { AnthropicTestServer, reply, text, toolUse, type RecordedRequest, type Script } from '../../test/helpers/anthropic-server.js';

const rounds = Number(process.env.CLAUDE_ROUNDS ?? 10);
const delayMs = Number(process.env.CLAUDE_DELAY_MS ?? 10);
const words = 'reading the module, checking the tests and planning the next edit; '.repeat(5);

/** Tool rounds so far in the current turn: tool results after the owner's last instruction. */
function roundsDone(request: RecordedRequest): number {
  let n = 0;
  for (const m of [...request.body.messages].reverse()) {
    if (m.role !== 'user') continue;
    const blocks = typeof m.content === 'string' ? [{ type: 'text' }] : m.content;
    if (blocks.some((b) => b.type === 'text')) break;
    n += blocks.filter((b) => b.type === 'tool_result').length;
  }
  return n;
}

const server = await AnthropicTestServer.start();
// A fixed seed: the same paces every run.
let seed = 0x5eed;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
server.fallback = (request): Script => {
  const done = roundsDone(request);
  const pace = { delayMs: Math.max(1, Math.round(delayMs * (0.6 + 0.8 * random()))) };
  if (done >= rounds) return reply([text(`DONE after ${done} rounds.`)], pace);
  return reply([text(`Round ${done}: ${words}`), toolUse('Bash', { command: 'true' })], pace);
};
process.stdout.write(`URL ${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
