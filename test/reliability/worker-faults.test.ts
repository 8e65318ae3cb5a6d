// Worker faults in the whole product (real daemon, phone, scripted Claude; agent workers from the
// fault-injecting entry): a worker that exits, throws, runs out of memory (its resourceLimits)
// or stops answering (caught by the health check the supervisor runs every 5 minutes; the test
// runs it at once). For each kind:
//   1. a fault in the middle of a turn → the session recovers quietly (a silent notice) and the
//      turn finishes from its transcript, answered once;
//   2. a second fault within 60 s (an instruction that kills the worker as it arrives) → the
//      session stays crashed, the owner gets a notifying message naming /restart, and the
//      instruction ends with a ❌ answer instead of being retried forever;
//   3. /restart from the phone → the next instruction works.
// Meanwhile another project keeps working: its answers all arrive and its session never crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest, Script } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { FAULTY_WORKER } from '../helpers/sessions-harness.js';
import { checkEffects, effectLines, EffectScript, finalAnswers } from './helpers/effects.js';
import { Owner } from './helpers/owner.js';

interface Kind {
  readonly name: string;
  /** Flag file that triggers the fault mid-turn (see faulty-worker.ts). */
  readonly flag: string;
  /** Word in an instruction that triggers it as the turn arrives. */
  readonly word: string;
  /** What the owner reads as the reason. */
  readonly reason: RegExp;
  readonly hangs: boolean;
}

const KINDS: Kind[] = [
  { name: 'exit', flag: '.crash-now', word: 'CRASH_NOW', reason: /exit code 3/, hangs: false },
  { name: 'throw', flag: '.throw-now', word: 'THROW_NOW', reason: /injected failure/, hangs: false },
  { name: 'oom', flag: '.oom-now', word: 'OOM_NOW', reason: /memory/i, hangs: false },
  { name: 'hang', flag: '.hang-now', word: 'HANG_NOW', reason: /unresponsive|did not answer/, hangs: true },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('worker faults: isolated, recovered under the 60-second rule, owner notified', { timeout: 300_000 }, async (t) => {
  const p = await startProduct(t, { settings: { permissionMode: 'bypassPermissions' }, workerUrl: FAULTY_WORKER });
  const script = new EffectScript();
  // "INJECT" in an instruction: the first request of that turn drops the fault's flag file in
  // the project and never answers; the worker dies (or hangs) while Claude "thinks".
  const injected = new Set<string>();
  p.claude.fallback = (request: RecordedRequest): Script => {
    const said = JSON.stringify(request.body.messages.at(-1)?.content ?? '');
    const m = /TASK (w-(\w+)-\d+) INJECT/.exec(said);
    if (m && !injected.has(m[1]!)) {
      injected.add(m[1]!);
      const kind = KINDS.find((k) => k.name === m[2])!;
      writeFileSync(join(p.root, `w-${kind.name}`, kind.flag), '');
      return { kind: 'hang' };
    }
    return script.respond(request);
  };
  const owner = new Owner(p.phone);
  const projects = ['steady', ...KINDS.map((k) => `w-${k.name}`)];
  for (const name of projects) {
    p.folder(name);
    await owner.say(`/add ${name}`);
    await p.phone.waitFor((m) => m.body.includes(`Added ${name} `), `the /add ${name} confirmation`);
  }

  // The bystander: one instruction after another for the whole run.
  const steadyTags: string[] = [];
  const steadyStates = new Set<string>();
  p.daemon.events.subscribe((event) => {
    if (event.type === 'session' && event.session.projectName === 'steady') steadyStates.add(event.session.state);
  });
  let faultsDone = false;
  const steady = (async () => {
    for (let i = 0; !faultsDone || i < 5; i++) {
      const tag = `steady-${i}`;
      steadyTags.push(tag);
      await owner.say(`@steady TASK ${tag}`);
      await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes(`DONE ${tag}`), `the bystander's answer ${tag}`, 60_000);
    }
  })();

  const supervisor = p.daemon.services.supervisor;
  const sessionOf = (name: string) => supervisor.existingSessionFor(p.daemon.services.projects.find(name)!.id)!;
  const until = async (condition: () => boolean, what: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
      await sleep(20);
    }
  };
  const victimTags: string[] = [];
  const report: string[] = [];
  for (const kind of KINDS) {
    const name = `w-${kind.name}`;
    const dir = join(p.root, name);
    // 1. A fault mid-turn: recovered, the turn finishes.
    const first = `${name}-1`;
    victimTags.push(first);
    const from = p.phone.shown.length;
    await owner.say(`@${name} TASK ${first} INJECT`);
    if (kind.hangs) {
      await until(() => injected.has(first) && !existsSync(join(dir, kind.flag)), 'the worker took the hang flag');
      await sleep(100);
      await supervisor.healthCheck();
    }
    const notice = await p.phone.waitFor((m) => p.phone.shown.indexOf(m) >= from && m.body.includes(`${name}: Claude's worker stopped unexpectedly`), `the recovery notice for ${name}`);
    assert.equal(notice.kind, 'silent', 'a first crash recovers quietly');
    assert.match(notice.body, kind.reason);
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes(`DONE ${first}`), `the recovered answer for ${first}`);
    assert.equal(sessionOf(name).currentRecord().crashCount, 1);

    // 2. A second fault within 60 s: stays crashed, the owner is notified.
    const poison = `${name}-2`;
    const before = p.phone.shown.length;
    await owner.say(`@${name} TASK ${poison} ${kind.word}`);
    if (kind.hangs) {
      await until(() => sessionOf(name).state === 'active', 'the poisoned turn starts');
      await sleep(300);
      await supervisor.healthCheck();
    }
    const alarm = await p.phone.waitFor((m) => p.phone.shown.indexOf(m) >= before && m.kind === 'notify' && m.body.includes(`${name} crashed twice within a minute`), `the crash alarm for ${name}`);
    assert.match(alarm.body, /\/restart/);
    assert.match(alarm.body, kind.reason);
    const failed = await p.phone.waitFor((m) => p.phone.shown.indexOf(m) >= before && m.kind === 'notify' && m.body.includes('❌ The worker crashed twice'), `the poisoned instruction's answer for ${name}`);
    assert.equal(sessionOf(name).state, 'crashed');

    // 3. /restart from the phone revives it.
    await owner.say(`@${name} /restart`);
    await p.phone.waitFor((m) => p.phone.shown.indexOf(m) >= before && m.body.includes(`Restarting ${name}`), `the /restart reply for ${name}`);
    const third = `${name}-3`;
    victimTags.push(third);
    await owner.say(`@${name} TASK ${third}`);
    await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes(`DONE ${third}`), `the answer after /restart for ${name}`);
    report.push(`${kind.name}: recovered ("${notice.body.split('(')[1]?.split(')')[0]}"), second crash → crashed + notified, /restart → working; poisoned turn: "${failed.body.slice(0, 60)}…"`);
  }
  faultsDone = true;
  await steady;
  console.log(`[worker faults] ${KINDS.length} kinds, ${steadyTags.length} bystander instructions:\n  ${report.join('\n  ')}`);

  const lines = projects.flatMap((name) => effectLines(join(p.root, name)));
  const effects = checkEffects(script, [...steadyTags, ...victimTags], lines);
  assert.deepEqual(effects.problems, [], 'each instruction ran once; the poisoned ones never ran a tool');
  const finals = finalAnswers(p.phone.shown, [...steadyTags, ...victimTags]);
  assert.deepEqual([...finals.distinct].filter(([, n]) => n !== 1), [], 'every answer exactly once');
  // Isolation: the bystander never crashed and its worker was never replaced.
  const bystander = sessionOf('steady');
  assert.equal(bystander.currentRecord().crashCount, 0);
  assert.deepEqual([...steadyStates].filter((s) => s === 'crashed' || s === 'recovering'), [], 'the bystander never crashed');
});
