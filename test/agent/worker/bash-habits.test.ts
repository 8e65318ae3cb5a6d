// Bash habits through a REAL worker thread, the real command host and (where it works here)
// the bwrap sandbox, with the model played by the local Anthropic server: a `cd` and an
// `export` in one turn hold in the next; the owner's approval request names the folder the
// command will run in; a command started with run_in_background outlives its turn, is read
// with BashOutput in a later turn, and ends when the session ends; variables exported inside
// the sandbox never reach a command the owner approves to run outside it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { probeSandbox } from '../../../src-main/agent/sandbox/detect.js';
import { reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { baseConfig, type InWorker, serverAndCommandHost, spawnWorker, tempProject, toolResultOf } from '../harness.js';

const sandboxed = probeSandbox().kind === 'bwrap';
const world = serverAndCommandHost();
const { host } = world;

/** Whether a process on this computer has `marker` in its arguments. */
function runningWith(marker: string): boolean {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(marker)) return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

const resultOf = (w: InWorker, toolUseId: string): string => toolResultOf(w, toolUseId).text;

async function turn(w: InWorker, turnId: string): Promise<void> {
  w.worker.sendTurn(turnId, [{ type: 'text', text: turnId }]);
  const end = await w.log.waitFor('turn_end', (e) => e.turnId === turnId, 30_000);
  assert.equal(end.reason, 'end_turn');
}

test('cd and export hold from one turn to the next; the approval request shows where the command runs', async (t) => {
  const root = await realpath(await tempProject({ 'app/package.json': '{}\n' }));
  t.after(() => rm(root, { recursive: true, force: true }));
  const w = spawnWorker(new RateLimiter());
  t.after(() => w.worker.terminate());
  await w.worker.start(baseConfig(root, world.server.url, { permissionMode: 'default', rules: { allow: ['Bash(cd:*)', 'Bash(export:*)'], ask: [], deny: [] }, commandHost: host.endpoint()! }));
  world.server.enqueue(
    reply([toolUse('Bash', { command: 'cd app' }, 'toolu_cd'), toolUse('Bash', { command: 'export STAGE=built' }, 'toolu_export')]),
    reply([text('moved')]),
    reply([toolUse('Bash', { command: 'pwd; echo "stage=$STAGE"; ls' }, 'toolu_pwd')]),
    reply([text('here')]),
  );
  await turn(w, 'turn-1');
  const asking = w.log.waitFor('approval_request');
  w.worker.sendTurn('turn-2', [{ type: 'text', text: 'where are you' }]);
  const request = await asking;
  assert.deepEqual(request.subject, { kind: 'command', command: 'pwd; echo "stage=$STAGE"; ls', cwd: join(root, 'app'), sandboxed });
  w.worker.answerApproval(request.approvalId, 'once');
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-2');
  assert.equal(resultOf(w, 'toolu_pwd'), `${join(root, 'app')}\nstage=built\npackage.json`);
});

test('a background command outlives its turn, is read in the next one, and ends with the session', async (t) => {
  const root = await realpath(await tempProject());
  t.after(() => rm(root, { recursive: true, force: true }));
  const w = spawnWorker(new RateLimiter());
  t.after(() => w.worker.terminate());
  await w.worker.start(baseConfig(root, world.server.url, { permissionMode: 'bypassPermissions', commandHost: host.endpoint()! }));
  world.server.enqueue(
    reply([toolUse('Bash', { command: 'echo $$ > server.pid; echo listening; sleep 60.4242', run_in_background: true, description: 'start the server' }, 'toolu_bg')]),
    reply([text('started')]),
    reply([toolUse('BashOutput', { bash_id: 'bash_1' }, 'toolu_read')]),
    reply([text('still up')]),
  );
  await turn(w, 'turn-bg');
  assert.equal(resultOf(w, 'toolu_bg'), 'Command running in background with ID: bash_1');
  for (let i = 0; i < 100 && !existsSync(join(root, 'server.pid')); i++) await new Promise((r) => setTimeout(r, 20));
  await turn(w, 'turn-read');
  assert.equal(resultOf(w, 'toolu_read'), '<status>running</status>\n<output>\nlistening\n</output>');
  // The main process is told what runs in the background (the owner's /status lists it).
  const told = w.log.of('background').at(-1);
  assert.deepEqual(told?.shells.map((s) => [s.id, s.command]), [['bash_1', 'echo $$ > server.pid; echo listening; sleep 60.4242']]);
  // Found by its arguments: in the sandbox the pid it wrote is the one in its own namespace.
  assert.ok(runningWith('60.4242'), 'the server is running after its turn');
  await w.worker.shutdown();
  for (let i = 0; i < 100 && runningWith('60.4242'); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(runningWith('60.4242'), false, 'the background command ended with the session');
});

test('variables exported inside the sandbox do not reach a command the owner approves to run outside it', { skip: sandboxed ? false : 'no bwrap sandbox here' }, async (t) => {
  const root = await realpath(await tempProject());
  const outside = mkdtempSync(join('/var/tmp', 'habits-outside-'));
  t.after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const w = spawnWorker(new RateLimiter());
  t.after(() => w.worker.terminate());
  await w.worker.start(baseConfig(root, world.server.url, { permissionMode: 'bypassPermissions', commandHost: host.endpoint()!, sandbox: { excludedCommands: ['docker:*'] } }));
  const plant = `mkdir -p evil && printf '#!/bin/sh\\necho pwned > ${outside}/ran\\n' > evil/docker && chmod +x evil/docker && export PATH="$PWD/evil:$PATH" SHOWN=yes`;
  world.server.enqueue(
    reply([toolUse('Bash', { command: plant }, 'toolu_plant'), toolUse('Bash', { command: 'echo "$SHOWN"; command -v docker' }, 'toolu_inside')]),
    reply([toolUse('Bash', { command: 'docker ps; echo "shown=${SHOWN:-no}"' }, 'toolu_outside')]),
    reply([text('done')]),
  );
  const asking = w.log.waitFor('approval_request');
  w.worker.sendTurn('turn-env', [{ type: 'text', text: 'docker' }]);
  const request = await asking;
  assert.match(request.reason, /Runs unsandboxed/);
  w.worker.answerApproval(request.approvalId, 'once');
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-env');
  assert.equal(resultOf(w, 'toolu_inside'), `yes\n${join(root, 'evil/docker')}`, 'sandboxed commands keep what sandboxed commands exported');
  assert.equal(existsSync(join(outside, 'ran')), false, 'the planted docker did not run outside the sandbox');
  const out = resultOf(w, 'toolu_outside');
  assert.match(out, /shown=no/);
  assert.match(out, /\[Variables exported by sandboxed commands were not passed to this command, which runs outside the sandbox: PATH, SHOWN\.\]/);
  assert.equal(readFileSync(join(root, 'evil/docker'), 'utf8').includes('pwned'), true);
});
