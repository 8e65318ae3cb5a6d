// The app's own CPU per 1,000 inbound envelopes, with and without the privacy filter, in the same
// run: the phone's traffic is captured once (bench/lib/envelope-replay.ts) and replayed into the
// receive path on fresh copies of the app's database. Neither the phone nor the socket is in the
// figure, so it shows what the wall-clock throughput of signal-inbound.bench.ts cannot: whether
// the filtered run does more or less work per envelope. Main-thread CPU time moves less than wall
// time when other processes share the cores, but on a crowded machine one replay can still cost
// twice another of the same work: read the medians, and compare runs made in the same minutes.
// Two captures, each on its own newly linked app: a burst of Note to Self messages, replayed with
// no filter (the unfiltered figure), and a burst with every second message from another
// conversation, replayed once with the filter on and once without (what the filter saves on that
// mix). Each replay starts from a fresh copy of its app's database, and the three take turns in
// a rotating order: a replay's cost depends on what ran before it in the same process. A third
// capture has every message sealed (sender certificate and all, as the owner's messages to a bot
// number come): what unsealing adds to the unfiltered run.
import { authorize } from '../src-main/chat/authorization.js';
import type { StoredEvent } from '../src-main/signal/receive/inbound-events.js';
import { capture, ReplayTarget, type Capture, type ReplayResult } from './lib/envelope-replay.js';
import { isMain, percentile, printTable, type BenchRow } from './lib/report.js';
import { startPhoneHost } from './lib/signal-setup.js';

/** Envelopes per burst; figures are per 1,000 (more envelopes make the 10 ms clock ticks count less). */
const N = 2000;
const PER = 1000;
const ROUNDS = 9;
/** The first rounds warm up the JIT and are not counted. */
const WARMUP = 2;

/** The daemon's filter in Note-to-Self mode (see daemon/build-services.ts). */
const noteToSelfOnly = (event: StoredEvent, ownAci: string) => authorize(event, { mode: 'note-to-self', ownAci, allowlist: [] }).allowed;

interface Run {
  readonly name: string;
  readonly captured: Capture;
  readonly keep: ((event: StoredEvent, ownAci: string) => boolean) | undefined;
  /** Expected outcome counts: stored, and dropped as another conversation's. */
  readonly stored: number;
  readonly foreign: number;
  readonly results: ReplayResult[];
}

export async function run(): Promise<BenchRow[]> {
  const host = await startPhoneHost();
  const captures: Capture[] = [];
  try {
    const own = await capture(host, { n: N });
    captures.push(own);
    const mixed = await capture(host, { n: N, foreignEvery: 2 });
    captures.push(mixed);
    const sealed = await capture(host, { n: N, sealed: true });
    captures.push(sealed);
    const runs: Run[] = [
      { name: 'unfiltered', captured: own, keep: undefined, stored: N, foreign: 0, results: [] },
      { name: 'filtered', captured: mixed, keep: noteToSelfOnly, stored: N / 2, foreign: N / 2, results: [] },
      { name: 'mixed, unfiltered', captured: mixed, keep: undefined, stored: N, foreign: 0, results: [] },
      { name: 'sealed, unfiltered', captured: sealed, keep: undefined, stored: N, foreign: 0, results: [] },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < runs.length; i++) {
        const r = runs[(round + i) % runs.length]!;
        const target = new ReplayTarget(r.captured);
        try {
          const result = await target.replay(r.keep);
          if (result.counts.stored !== r.stored || result.counts.foreign !== r.foreign) {
            throw new Error(`${r.name}: ${result.counts.stored} stored, ${result.counts.foreign} dropped; expected ${r.stored} and ${r.foreign}`);
          }
          if (round >= WARMUP) r.results.push(result);
        } finally {
          target.close();
        }
      }
    }
    const [unfiltered, filtered, mixedUnfiltered, sealedUnfiltered] = runs.map((r) => r.results) as [ReplayResult[], ReplayResult[], ReplayResult[], ReplayResult[]];
    const cpu = (rs: ReplayResult[]) => (percentile(rs.map((r) => r.cpuMs), 50) * PER) / N;
    const wall = (rs: ReplayResult[]) => (percentile(rs.map((r) => r.wallMs), 50) * PER) / N;
    const [u, f, m, s] = [cpu(unfiltered), cpu(filtered), cpu(mixedUnfiltered), cpu(sealedUnfiltered)];
    const counted = ROUNDS - WARMUP;
    return [
      {
        figure: `inbound CPU (main thread) per ${PER} envelopes, privacy filter on, 50 % other conversations`,
        value: `${f.toFixed(0)} ms (median of ${counted}; wall ${wall(filtered).toFixed(0)} ms)`,
        goal: '≤ the unfiltered run',
        baseline: `unfiltered, all Note to Self: ${u.toFixed(0)} ms (wall ${wall(unfiltered).toFixed(0)} ms) → ${((f / u) * 100).toFixed(0)} %`,
      },
      {
        figure: `inbound CPU (main thread) per ${PER} envelopes, same mix without the filter`,
        value: `${m.toFixed(0)} ms (median of ${counted}; wall ${wall(mixedUnfiltered).toFixed(0)} ms)`,
        goal: '≥ the filtered run',
        baseline: `filtered: ${f.toFixed(0)} ms → the filter saves ${(((m - f) / m) * 100).toFixed(0)} %`,
      },
      {
        figure: `inbound CPU (main thread) per ${PER} envelopes, all sealed sender (the owner writing to a bot number)`,
        value: `${s.toFixed(0)} ms (median of ${counted}; wall ${wall(sealedUnfiltered).toFixed(0)} ms)`,
        goal: '≤ 2 × the unsealed run',
        baseline: `unsealed, all Note to Self: ${u.toFixed(0)} ms → ${(s / u).toFixed(2)} ×`,
      },
    ];
  } finally {
    for (const c of captures) c.remove();
    await host.close();
  }
}

if (isMain(import.meta.url)) printTable(await run());
