// The session host in the whole product (real daemon, phone, scripted Claude, real workers in the
// session-host process): the idle app has no session-host process; the first instruction starts
// one; killed in the middle of two turns, both sessions go through a crash and recover, each
// turn is answered once, and an instruction the owner sends while they recover is not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { RecordedRequest, Script } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { gone } from '../helpers/processes.js';
import { waitUntil } from '../helpers/computers.js';

/** Children of this process running the session host's entry (Linux: read from /proc). */
function sessionHostProcesses(): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      if (ppid === process.pid && /session-host(\/host-main\.ts|\.js)\0/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) found.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const answers = (shown: readonly { kind: string; body: string }[], tag: string): number => shown.filter((m) => m.kind === 'notify' && m.body.includes(`DONE ${tag}`)).length;

test('the session host: none while idle; killed mid-turn, the sessions crash, recover and lose no instruction', { timeout: 240_000 }, async (t) => {
  const p = await startProduct(t, { settings: { permissionMode: 'bypassPermissions' } });
  const host = p.daemon.services.sessionHost;
  // Claude answers "DONE <tag>"; the first request of a turn marked HOLD never answers, so the
  // turn is mid-stream when the host is killed.
  const held = new Set<string>();
  p.claude.fallback = (request: RecordedRequest): Script => {
    const said = JSON.stringify(request.body.messages);
    const tags = [...said.matchAll(/TASK (\w+)/g)].map((m) => m[1]!);
    const tag = tags.at(-1) ?? 'none';
    if (said.includes(`TASK ${tag} HOLD`) && !held.has(tag)) {
      held.add(tag);
      return { kind: 'hang' };
    }
    return { kind: 'message', content: [{ type: 'text', text: `DONE ${tag}` }] };
  };
  for (const name of ['alpha', 'beta']) {
    p.folder(name);
    await p.phone.say(`/add ${name}`);
    await p.phone.waitFor((m) => m.body.includes(`Added ${name} `), `the /add ${name} confirmation`);
  }
  assert.equal(host.pid, undefined, 'projects alone start no session host');
  assert.deepEqual(sessionHostProcesses(), [], 'no session-host process while idle');

  const states = new Map<string, string[]>();
  p.daemon.events.subscribe((event) => {
    if (event.type !== 'session') return;
    states.set(event.session.projectName, [...(states.get(event.session.projectName) ?? []), event.session.state]);
  });
  await p.phone.say('@alpha TASK a1 HOLD');
  await p.phone.say('@beta TASK b1 HOLD');
  for (let i = 0; held.size < 2; i++) {
    if (i > 1200) assert.fail('both turns did not reach Claude');
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = host.pid;
  assert.ok(pid !== undefined);
  if (process.platform === 'linux') assert.deepEqual(sessionHostProcesses(), [pid], 'one session-host process holds both sessions');

  process.kill(pid, 'SIGKILL');
  // The owner writes while the sessions recover: queued behind the recovered turn, not lost.
  await p.phone.say('@alpha TASK a2');
  for (const [name, tag] of [['alpha', 'a1'], ['beta', 'b1'], ['alpha', 'a2']] as const) {
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes(`DONE ${tag}`), `${name}'s answer ${tag}`, 90_000);
  }
  for (const name of ['alpha', 'beta']) {
    const notice = await p.phone.waitFor((m) => m.body.includes(`${name}: Claude's worker stopped unexpectedly`), `the recovery notice for ${name}`);
    assert.equal(notice.kind, 'silent', 'a first crash recovers quietly');
    assert.match(notice.body, /session host exited \(SIGKILL\)/);
    const seen = states.get(name) ?? [];
    assert.ok(seen.includes('crashed') || seen.includes('recovering'), `${name} went through a crash: ${seen.join(' → ')}`);
    // The answer is sent when Claude's reply is stored, a moment before the worker's end of turn.
    await waitUntil(() => states.get(name)?.at(-1) === 'idle', `${name} is idle again after its answers: ${(states.get(name) ?? []).join(' → ')}`);
  }
  for (const tag of ['a1', 'b1', 'a2']) assert.equal(answers(p.phone.shown, tag), 1, `${tag} is answered once`);
  assert.ok(await gone(pid), 'the killed host is gone');
  const recovered = host.pid;
  assert.ok(recovered !== undefined && recovered !== pid, 'the recovered sessions run in a new session host');

  // The app restarted with both sessions stored, idle: no session-host process again.
  await p.restart();
  assert.ok(await gone(recovered), 'the session host ends with the app');
  assert.equal(p.daemon.services.sessionHost.pid, undefined);
  assert.deepEqual(sessionHostProcesses(), [], 'no session-host process in the restarted, idle app');
});
