// Light when idle, as the owner would notice it (or rather, would not): linked and idle, the
// app runs no command host and health is fine; the first Bash command starts it and still forks
// from it; after the quiet period it stops again, health does not call that "down", and the next
// command starts a new one. A command running longer than the quiet period keeps it alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

const QUIET_SEC = 2;

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('the command host starts with the first command, stops after a quiet period without being called down, and starts again', { timeout: 120_000 }, async (t) => {
  const p = await startProduct(t, { settings: { commandHostIdleSec: QUIET_SEC, sandboxEnabled: false, sandboxAskWhenUnsandboxed: false } });
  const commands = p.daemon.services.commands;
  assert.equal(commands.health().state, 'idle', 'linked and idle: no command host');
  assert.equal(commands.pid, undefined);
  assert.deepEqual(p.daemon.health().problems, [], 'an idle host is no problem');
  assert.equal(p.daemon.health().ok, true);

  const shop = p.folder('shop');
  const parentIn = (file: string) => Number(readFileSync(join(shop, file), 'utf8').trim());
  p.claude.enqueue(
    reply([toolUse('Bash', { command: 'echo $PPID > first.txt' })]),
    reply([text('First done.')]),
    reply([toolUse('Bash', { command: `sleep ${QUIET_SEC * 2}; echo $PPID > slow.txt` })]),
    reply([text('Slow done.')]),
    reply([toolUse('Bash', { command: 'echo $PPID > again.txt' })]),
    reply([text('Again done.')]),
  );
  await p.phone.say('/add shop');
  await p.phone.waitFor((m) => m.body.includes('Added') && m.body.includes('shop'), 'the /add confirmation');
  await p.phone.say('/mode bypassPermissions');
  await p.phone.waitFor((m) => m.body.includes('bypassPermissions'), 'the mode change');

  await p.phone.say('run the first command');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('First done.'), 'the first answer');
  const first = parentIn('first.txt');
  assert.notEqual(first, process.pid, 'the first command forked from the command host, not the app');
  assert.equal(commands.pid, first);

  // A command longer than the quiet period: the host is not stopped under it.
  await p.phone.say('run the slow command');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Slow done.'), 'the slow answer');
  assert.equal(parentIn('slow.txt'), first, 'the slow command ran to its end in the same host');

  await until(() => commands.health().state === 'idle', 'the host stopped after the quiet period');
  await until(() => !alive(first), 'the host process is gone');
  assert.deepEqual(p.daemon.health().problems, [], 'stopped on purpose is not "command host down"');

  await p.phone.say('run it again');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('Again done.'), 'the third answer');
  const again = parentIn('again.txt');
  assert.notEqual(again, process.pid, 'the next command started a host again and forked from it');
  assert.equal(commands.pid, again);
  assert.equal(commands.health().state, 'running');
});
