// SIGTERM during heavy traffic: the real daemon (CLI child process) is busy with a burst of
// instructions to three projects and a stream of replies when it gets SIGTERM. It must be gone
// within 5 s (exit 0), with the outbox intact: rows still pending stay pending (not failed or
// dropped), are sent after the restart, and nothing reaches the phone twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { checkEffects, effectLines, finalAnswers } from './helpers/effects.js';
import { inspectDataDir } from './helpers/inspect-store.js';
import { restart, startEffectsWorld } from './helpers/linked-cli.js';
import { between, prng, scenarioSeed } from './helpers/seed.js';

const PROJECTS = ['s1', 's2', 's3'];
const INSTRUCTIONS = 60;
const COMMANDS = 40;
const ROUNDS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Outbox rows still pending in a stopped daemon's database (not typing indicators). */
function pendingRows(dataDir: string): Array<{ id: number; timestamp: number }> {
  const store = Store.open({ path: join(dataDir, DATABASE_FILE), key: new FileKeyProvider(dataDir).load({ create: false }) });
  try {
    return store.db
      .prepare("SELECT id, sent_timestamp AS timestamp FROM signal_outbox WHERE status = 'pending' AND kind != 'typing' ORDER BY id")
      .all<{ id: number; timestamp: number }>();
  } finally {
    store.close();
  }
}

test(`SIGTERM during heavy traffic (${ROUNDS} rounds): down in under 5 s, the outbox intact, nothing sent twice`, { timeout: 420_000 }, async (t) => {
  const seed = scenarioSeed('shutdown');
  const random = prng(seed);
  const world = await startEffectsWorld(t, 'term', PROJECTS);
  const { script, dataDir, root, options, phone, owner } = world;
  let daemon = world.daemon;

  const tags: string[] = [];
  const stops: string[] = [];
  const carried: number[] = [];
  const midTraffic: boolean[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const roundTags = Array.from({ length: INSTRUCTIONS / ROUNDS }, (_, i) => `${PROJECTS[i % PROJECTS.length]}-r${round}-${String(i).padStart(2, '0')}`);
    tags.push(...roundTags);
    const answeredInRound = () => [...finalAnswers(phone.shown, roundTags).distinct.values()].filter((n) => n > 0).length;
    // Heavy traffic: while the app is down the phone queues a burst of instructions and
    // commands; the restarted app takes them in one batch, runs the turns and fills its outbox
    // faster than the replies go out.
    const quiet = await daemon.stop('SIGTERM');
    assert.equal(quiet.code, 0);
    const burst = [...roundTags.map((tag) => `@${tag.split('-')[0]} TASK ${tag}`), ...Array.from({ length: COMMANDS / ROUNDS }, () => '/status')];
    for (let i = burst.length - 1; i > 0; i--) {
      const j = between(random, 0, i + 1);
      [burst[i], burst[j]] = [burst[j]!, burst[i]!];
    }
    const deliveries: Promise<void>[] = [];
    for (const body of burst) deliveries.push((await owner.post(body)).delivered);
    const before = phone.shown.length;
    daemon = await restart(t, options, false);
    // SIGTERM in the thick of it: after a seeded number of replies reached the phone.
    const target = between(random, 1, 12);
    const deadline = Date.now() + 60_000;
    while (phone.shown.length - before < target && Date.now() < deadline) await sleep(2);
    const answeredAtStop = answeredInRound();
    midTraffic.push(answeredAtStop < roundTags.length);
    const stopped = await daemon.stop('SIGTERM');
    stops.push(`round ${round}: SIGTERM after ${phone.shown.length - before} replies, ${answeredInRound()}/${roundTags.length} answers → exit ${stopped.code} in ${stopped.ms} ms`);
    assert.equal(stopped.code, 0, `exit code (seed ${seed})`);
    assert.ok(stopped.ms < 5000, `stopped in ${stopped.ms} ms (contract: under 5 s; seed ${seed})`);

    const pending = pendingRows(dataDir);
    const state = inspectDataDir(dataDir);
    assert.equal(state.integrity, 'ok');
    assert.equal(state.outbox.failed ?? 0, 0, 'no outgoing message was given up on');
    carried.push(pending.length);

    // Back up: what was pending goes out, once; the rest of the burst is carried out.
    const restartedAt = Date.now();
    daemon = await restart(t, options);
    await Promise.all(deliveries);
    const answeredAll = Date.now() + 120_000;
    while (answeredInRound() < roundTags.length && Date.now() < answeredAll) await sleep(50);
    const outAt = Date.now() + 30_000;
    const shownStamps = () => new Set(phone.shown.filter((m) => m.at >= restartedAt).map((m) => m.timestamp));
    while (pending.some((r) => !shownStamps().has(r.timestamp)) && Date.now() < outAt) await sleep(50);
    const missing = pending.filter((r) => !shownStamps().has(r.timestamp));
    assert.deepEqual(missing, [], `rows pending at SIGTERM were sent after the restart (seed ${seed})`);
  }
  // The scenario must stop the app in the thick of it: while a round's instructions are still being
  // worked on. Whether replies are still queued at that moment depends on how fast the outbox
  // drains; since the sessions moved out of the main process it usually keeps up, so rows pending
  // at SIGTERM are checked when there are some (above) and reported, not required.
  assert.ok(midTraffic.some(Boolean), `some SIGTERM came while instructions were still being worked on (${stops.join('; ')})`);
  t.diagnostic(`outbox rows pending at each SIGTERM: ${carried.join(', ')}`);
  await sleep(2000);
  const last = await daemon.stop('SIGTERM');
  assert.equal(last.code, 0);

  const effects = checkEffects(script, tags, PROJECTS.flatMap((p) => effectLines(join(root, p))));
  const finals = finalAnswers(phone.shown, tags);
  // Nothing twice: no Signal timestamp arrives twice (a message or sync transcript re-sent).
  const counts = new Map<string, number>();
  for (const m of phone.shown) {
    const key = `${m.kind === 'edit' ? 'edit' : 'msg'}:${m.timestamp}:${m.editOf ?? ''}:${m.kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeats = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
  const store = inspectDataDir(dataDir);
  console.log(
    `[shutdown] seed ${seed}: ${stops.join('; ')}; outbox rows carried over a SIGTERM: ${carried.join(', ')}; ` +
      `${effects.lines} effect lines for ${tags.length} instructions; ${finals.raw} final answers; repeats on the phone: ${repeats.length}`,
  );
  assert.deepEqual(effects.problems, [], `seed ${seed}`);
  assert.deepEqual(tags.filter((tag) => finals.distinct.get(tag) !== 1), [], `every answer exactly once (seed ${seed})`);
  assert.deepEqual(repeats, [], `nothing reached the phone twice (seed ${seed})`);
  assert.equal(store.integrity, 'ok');
  assert.equal(store.pendingOutbox, 0);
  assert.equal(store.unhandledInbox, 0);
});
