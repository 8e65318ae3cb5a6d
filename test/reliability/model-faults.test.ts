// Model faults, played by the local Anthropic-compatible server: 429 with retry-after, a burst of
// 529s, 500s, a stream cut in the middle of a tool call, malformed SSE, a connection that hangs
// (after and before the headers), and faults that outlast the retries. Each instruction either
// recovers (its one Bash effect, its answer once on the phone) or ends with one clear message on
// the phone; the next instruction always works, and every request the session sent would have
// been accepted by the real API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { reply, text, toolUse, type Script } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import type { ShownMessage } from '../helpers/phone.js';
import { allRequestProblems } from './helpers/api-shape.js';
import { checkEffects, effectLines, EffectScript, EFFECTS_FILE } from './helpers/effects.js';
import { Owner } from './helpers/owner.js';

/** A stream that stays silent this long counts as cut (the app's default is 120 s). */
const IDLE_MS = 2500;

// Error bodies as the real API words them.
const overloaded = (retryAfterSec?: number): Script => ({ kind: 'error', status: 529, message: 'Overloaded', ...(retryAfterSec === undefined ? {} : { retryAfterSec }) });
const serverError = (status: number): Script => ({ kind: 'error', status, message: 'Internal server error' });
/** A tool call cut while its arguments stream in: it must never run. */
const partialToolCall = reply([text('Running it.'), toolUse('Bash', { command: `echo 'PARTIAL-CALL-RAN' >> ${EFFECTS_FILE}` })]);

interface Scenario {
  readonly name: string;
  readonly faults: Script[];
  readonly recovers: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: '429-retry-after', faults: [{ kind: 'error', status: 429, message: 'Number of request tokens has exceeded your per-minute rate limit', retryAfterSec: 1 }], recovers: true },
  { name: '529-burst', faults: [overloaded(), overloaded(), overloaded()], recovers: true },
  { name: '500s', faults: [serverError(500), serverError(502), serverError(500)], recovers: true },
  { name: 'cut-mid-tool-call', faults: [{ kind: 'cut', message: partialToolCall, afterEvents: 8 }], recovers: true },
  { name: 'malformed-sse', faults: [{ kind: 'malformed', message: reply([text('Hello there, working on it.')]), afterEvents: 4 }], recovers: true },
  { name: 'hang-after-headers', faults: [{ kind: 'hang', message: partialToolCall, afterEvents: 3 }], recovers: true },
  { name: 'hang-before-headers', faults: [{ kind: 'hang-before-headers' }], recovers: true },
  { name: 'early-end', faults: [{ kind: 'end-early', message: partialToolCall, afterEvents: 9 }], recovers: true },
  { name: 'cut-twice', faults: [{ kind: 'cut', message: partialToolCall, afterEvents: 8 }, { kind: 'cut', message: partialToolCall, afterEvents: 10 }], recovers: false },
  { name: '529-beyond-retries', faults: Array.from({ length: 7 }, () => overloaded(0)), recovers: false },
  { name: '400-invalid', faults: [{ kind: 'error', status: 400, message: 'messages.0.content: text content blocks must be non-empty' }], recovers: false },
  { name: '401-bad-key', faults: [{ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' }], recovers: false },
];

test('model faults: every turn recovers or ends with a clear message, and the session keeps working', { timeout: 300_000 }, async (t) => {
  const p = await startProduct(t, { settings: { permissionMode: 'bypassPermissions' }, agentTiming: { streamIdleTimeoutMs: IDLE_MS } });
  const script = new EffectScript();
  p.claude.fallback = script.respond;
  const dir = p.folder('mf');
  const owner = new Owner(p.phone);
  await owner.say('/add mf');
  await p.phone.waitFor((m) => m.body.includes('Added mf '), 'the /add confirmation');

  /** The next notifying message after `from` (final answers and failures notify; progress does not). */
  const nextNotify = (from: number, what: string) => p.phone.waitFor((m) => m.kind === 'notify' && p.phone.shown.indexOf(m) >= from, what, 60_000);
  const tags: string[] = [];
  const outcomes: string[] = [];
  for (const s of SCENARIOS) {
    p.claude.enqueue(...s.faults);
    const from = p.phone.shown.length;
    const started = Date.now();
    await owner.say(`TASK mf-${s.name}`);
    // A turn that cannot recover ends with its ❌ line; a rejected key is also announced once, on its own.
    const answer: ShownMessage = s.recovers
      ? await nextNotify(from, `the answer to ${s.name}`)
      : await p.phone.waitFor((m) => m.kind === 'notify' && p.phone.shown.indexOf(m) >= from && m.body.includes('❌'), `the failure of ${s.name}`, 60_000);
    if (s.name === '401-bad-key') assert.ok(p.phone.shown.slice(from).some((m) => m.body.startsWith('🔑 Anthropic rejected the API key')), 'the owner is told the key was rejected');
    if (s.recovers) {
      tags.push(`mf-${s.name}`);
      assert.match(answer.body, new RegExp(`DONE mf-${s.name}\\b`), `${s.name} recovers`);
    } else {
      assert.match(answer.body, /❌ \S.{10,}[.!]$/m, `${s.name} ends with a clear sentence`);
      assert.doesNotMatch(answer.body, /\n\s+at |TypeError|undefined|\[object/, `${s.name}: no internals on the phone`);
    }
    assert.equal(p.claude.pending, 0, `${s.name}: every scripted fault was met`);
    outcomes.push(`${s.name}: ${s.recovers ? 'recovered' : `"${answer.body.split('\n').find((l) => l.includes('❌'))?.slice(0, 90)}"`} in ${Date.now() - started} ms`);

    // The session keeps working.
    const next = `mf-after-${s.name}`;
    tags.push(next);
    const before = p.phone.shown.length;
    await owner.say(`TASK ${next}`);
    const after = await nextNotify(before, `the answer after ${s.name}`);
    assert.match(after.body, new RegExp(`DONE ${next}\\b`), `the instruction after ${s.name} works`);
  }
  console.log(`[model faults] ${SCENARIOS.length} scenarios:\n  ${outcomes.join('\n  ')}`);

  const effects = checkEffects(script, tags, effectLines(dir));
  assert.deepEqual(effects.problems, []);
  assert.equal(effectLines(dir).some((l) => l.includes('PARTIAL-CALL-RAN')), false, 'a tool call cut while streaming never runs');
  assert.deepEqual(allRequestProblems(p.claude.messageRequests), [], 'every request would be accepted by the API');
  // Each answer exactly once.
  for (const tag of tags) {
    const shown = new Set(p.phone.shown.filter((m) => m.kind === 'notify' && m.body.includes(`DONE ${tag}`)).map((m) => m.timestamp));
    assert.equal(shown.size, 1, `${tag} answered once`);
  }
  assert.equal(join(dir, EFFECTS_FILE).length > 0, true);
});
