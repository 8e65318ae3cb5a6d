// Kill test: 200 phone messages across 5 projects while the real daemon (the CLI as a child
// process) is SIGKILLed at 20 seeded random points and started again on the same data folder.
// Claude's scripted turns run one Bash command per instruction that appends a line to
// effects.log in the project, so "exactly once" is counted from the files (see effects.ts for
// the rule on interrupted commands), replies are counted on the phone, and the database must
// pass PRAGMA integrity_check afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DaemonProcess } from '../helpers/daemon-process.js';
import { checkEffects, effectLines, finalAnswers } from './helpers/effects.js';
import { inspectDataDir } from './helpers/inspect-store.js';
import { restart, startEffectsWorld } from './helpers/linked-cli.js';
import { between, prng, scenarioSeed } from './helpers/seed.js';

const MESSAGES = 200;
const PROJECTS = ['p1', 'p2', 'p3', 'p4', 'p5'];
const KILLS = 20;
/** Instructions sent but not yet answered on the phone, at most. */
const WINDOW = 20;
const RUN_LIMIT_MS = 7 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`kill test: ${MESSAGES} messages, ${PROJECTS.length} projects, SIGKILL at ${KILLS} seeded points`, { timeout: RUN_LIMIT_MS + 120_000 }, async (t) => {
  const seed = scenarioSeed('kill');
  const random = prng(seed);
  const started = Date.now();
  const world = await startEffectsWorld(t, 'kill', PROJECTS);
  const { script, dataDir, root, options, phone, owner } = world;
  let daemon: DaemonProcess = world.daemon;

  const tags = Array.from({ length: MESSAGES }, (_, i) => `${PROJECTS[i % PROJECTS.length]}-${String(i).padStart(3, '0')}`);
  const answered = () => finalAnswers(phone.shown, tags).distinct;
  const answeredCount = () => [...answered().values()].filter((n) => n > 0).length;
  const effectsCount = () => PROJECTS.reduce((n, p) => n + effectLines(join(root, p)).length, 0);

  // The owner keeps writing, whatever the computer is doing (the server queues for it).
  let sent = 0;
  const sending = (async () => {
    for (const tag of tags) {
      while (sent - answeredCount() >= WINDOW) await sleep(50);
      await owner.say(`@${tag.split('-')[0]} TASK ${tag}`);
      sent++;
    }
  })();
  sending.catch(() => undefined);
  const progress = setInterval(() => console.log(`[kill] ${((Date.now() - started) / 1000).toFixed(0)} s: sent ${sent}, effects ${effectsCount()}, answered ${answeredCount()}`), 15_000);
  t.after(() => clearInterval(progress));

  // Kill points: most when a seeded share of the work has run (mid-turn, mid-send, mid-receive),
  // some shortly after a restart (during recovery).
  const kills: string[] = [];
  const restartMs: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    const duringRecovery = k > 0 && random() < 0.25;
    if (duringRecovery) {
      const delay = between(random, 0, 1500);
      await sleep(delay);
      kills.push(`#${k + 1} ${delay} ms after restart`);
    } else {
      const target = Math.round((MESSAGES * (k + 1)) / (KILLS + 1)) + between(random, -3, 4);
      const delay = between(random, 0, 400);
      while (effectsCount() < target) {
        if (Date.now() - started > RUN_LIMIT_MS) assert.fail(`stuck at ${effectsCount()} effects before kill #${k + 1} (seed ${seed})`);
        await sleep(20);
      }
      await sleep(delay);
      kills.push(`#${k + 1} at ${effectsCount()} effects +${delay} ms`);
    }
    await daemon.stop('SIGKILL');
    const before = Date.now();
    daemon = await restart(t, options, false);
    restartMs.push(Date.now() - before);
  }

  await sending;
  const deadline = Date.now() + 180_000;
  while (answeredCount() < MESSAGES) {
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  // Anything sent twice would arrive now.
  await sleep(3000);
  const stopped = await daemon.stop();

  const lines = PROJECTS.flatMap((p) => effectLines(join(root, p)));
  const effects = checkEffects(script, tags, lines);
  const finals = finalAnswers(phone.shown, tags);
  const missing = tags.filter((tag) => finals.distinct.get(tag) === 0);
  const twice = tags.filter((tag) => (finals.distinct.get(tag) ?? 0) > 1);
  const store = inspectDataDir(dataDir);

  console.log(
    `[kill] seed ${seed}: ${KILLS} kills (${kills.join('; ')}); restart → Dashboard line median ${median(restartMs)} ms; ` +
      `${effects.lines} effect lines for ${MESSAGES} instructions, ${effects.interruptedAttempts} commands reported interrupted ` +
      `(${effects.interruptedThatRan} of them had run before the kill), ${owner.resends} phone re-sends, ` +
      `${finals.raw} final-answer deliveries (${finals.raw - MESSAGES} repeats of a timestamp already shown); ` +
      `integrity_check ${store.integrity}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  assert.deepEqual(effects.problems, [], `seed ${seed}`);
  assert.deepEqual(missing, [], `final answers missing on the phone (seed ${seed})`);
  assert.deepEqual(twice, [], `final answers shown twice (seed ${seed})`);
  assert.equal(store.integrity, 'ok');
  assert.equal(store.unhandledInbox, 0, 'every stored phone message was handled');
  assert.equal(store.turns, MESSAGES, 'one turn per instruction (turns.inbox_id is unique)');
  assert.deepEqual(store.turnStatuses, { done: MESSAGES }, 'every turn finished');
  assert.equal(store.pendingOutbox, 0, 'nothing left unsent');
  assert.equal(stopped.code, 0);
});

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
