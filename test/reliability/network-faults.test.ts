// Network faults mid-traffic: while the owner keeps sending instructions to two projects and
// Claude keeps answering, Signal's mock server drops every connection 50 times (at seeded
// random moments) and is restarted twice (close, down for a while, listen on the same port).
// Nothing may be lost or doubled (effects counted in the project folders, answers on the
// phone), and reconnecting must stay within the backoff's cap.
//
// The daemon runs with the reconnect policy scaled down (50 ms initial, 2 s cap, healthy after
// 1 s, instead of 1 s / 60 s / 60 s) so 50 drops fit in about a minute; the code path is the
// same. Drops come 30 ms to 1.5 s after a reconnect, so the backoff both grows and resets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SignalState } from '../../src-main/shared/api.js';
import { startProduct } from '../helpers/product.js';
import { checkEffects, effectLines, EffectScript, finalAnswers } from './helpers/effects.js';
import { Owner } from './helpers/owner.js';
import { between, prng, scenarioSeed } from './helpers/seed.js';

const DROPS = 50;
const RESTART_AT = new Set([17, 34]);
const MESSAGES = 80;
const RECONNECT = { initialMs: 50, maxMs: 2000 };
/** A connect on loopback takes well under this; the cap plus it bounds every reconnect. */
const CONNECT_ALLOWANCE_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`network faults: ${DROPS} connection drops and ${RESTART_AT.size} server restarts mid-traffic`, { timeout: 480_000 }, async (t) => {
  const seed = scenarioSeed('network');
  const random = prng(seed);
  const p = await startProduct(t, {
    settings: { permissionMode: 'bypassPermissions' },
    signalTiming: { reconnect: RECONNECT, healthyAfterMs: 1000, keepaliveMs: 5000, keepaliveTimeoutMs: 2000 },
  });
  const script = new EffectScript();
  p.claude.fallback = script.respond;
  const projects = ['net1', 'net2'];
  const owner = new Owner(p.phone);
  for (const name of projects) {
    p.folder(name);
    await owner.say(`/add ${name}`);
    await p.phone.waitFor((m) => m.body.includes(`Added ${name} `), `the /add ${name} confirmation`);
  }

  const signal = p.daemon.services.signal;
  const states: Array<{ state: SignalState; at: number }> = [];
  signal.on('status', (s) => {
    if (states.at(-1)?.state !== s.state) states.push({ state: s.state, at: Date.now() });
  });
  const connected = () => signal.status().state === 'connected';
  const waitConnected = async (timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!connected()) {
      if (Date.now() > deadline) assert.fail(`not connected again within ${timeoutMs} ms (seed ${seed}); states: ${states.slice(-6).map((s) => s.state).join(' → ')}`);
      await sleep(5);
    }
  };

  const tags = Array.from({ length: MESSAGES }, (_, i) => `${projects[i % 2]}-${String(i).padStart(3, '0')}`);
  const answered = () => [...finalAnswers(p.phone.shown, tags).distinct.values()].filter((n) => n > 0).length;
  let sent = 0;
  const sending = (async () => {
    for (const tag of tags) {
      while (sent - answered() >= 10) await sleep(20);
      await owner.say(`@${tag.split('-')[0]} TASK ${tag}`);
      sent++;
      await sleep(between(random, 0, 400));
    }
  })();

  const reconnectMs: number[] = [];
  const restarts: string[] = [];
  const afterRestartMs: number[] = [];
  for (let i = 0; i < DROPS; i++) {
    await waitConnected();
    await sleep(between(random, 30, 1500));
    const at = Date.now();
    if (RESTART_AT.has(i)) {
      const down = between(random, 200, 2500);
      await p.mock.restart(down);
      restarts.push(`after drop ${i}: down ${down} ms`);
    } else {
      p.mock.dropConnections();
    }
    // Wait until the app noticed and came back.
    const deadline = Date.now() + 30_000;
    while (!states.some((s) => s.at >= at && s.state !== 'connected')) {
      if (Date.now() > deadline) assert.fail(`drop ${i} was never noticed (seed ${seed})`);
      await sleep(2);
    }
    await waitConnected();
    const back = states.filter((s) => s.at >= at && s.state === 'connected').at(0)?.at ?? Date.now();
    if (!RESTART_AT.has(i)) reconnectMs.push(back - at);
    else afterRestartMs.push(back - at);
  }

  await sending;
  const deadline = Date.now() + 120_000;
  while (answered() < MESSAGES && Date.now() < deadline) await sleep(100);
  await sleep(2000);

  const lines = projects.flatMap((name) => effectLines(`${p.root}/${name}`));
  const effects = checkEffects(script, tags, lines);
  const finals = finalAnswers(p.phone.shown, tags);
  const sorted = [...reconnectMs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const maxMs = sorted.at(-1) ?? 0;
  console.log(
    `[network] seed ${seed}: ${DROPS - RESTART_AT.size} connection drops + ${RESTART_AT.size} server restarts (${restarts.join('; ')}; back ${afterRestartMs.join(', ')} ms after the close); ` +
      `reconnect median ${medianMs} ms, max ${maxMs} ms (cap ${RECONNECT.maxMs} ms); ${MESSAGES} instructions, ${effects.lines} effect lines, ` +
      `${owner.resends} phone re-sends, ${finals.raw} final-answer deliveries`,
  );
  assert.deepEqual(effects.problems, [], `seed ${seed}`);
  assert.deepEqual(tags.filter((tag) => finals.distinct.get(tag) !== 1), [], `every answer on the phone exactly once (seed ${seed})`);
  assert.ok(maxMs <= RECONNECT.maxMs + CONNECT_ALLOWANCE_MS, `backoff bounded: slowest reconnect ${maxMs} ms (seed ${seed})`);
  assert.equal(p.daemon.services.signal.status().state, 'connected');
});
