// Prompt caching over a scripted 30-turn coding session (Read → Edit → Bash → answer per turn,
// 4 requests a turn) through the real loop and the local server. For each request: the share
// of its input that is an exact repeat of the previous request's cached prefix (everything up
// to that request's last cache breakpoint). Baseline in the same run: the share a static
// breakpoint on tools + system alone would cover.
import { inProcessSession } from '../test/agent/harness.js';
import { canonicalBlocks, reply, text, tokensOf, toolUse, type RequestBody } from '../test/helpers/anthropic-server.js';
import { isMain, printTable, type BenchRow } from './lib/report.js';

const TURNS = 30;

const initialLib = Array.from({ length: 120 }, (_, i) => `export function helper${i}(x: number): number {\n  return x * ${i} + 1;\n}\n`).join('\n');

interface Share {
  readonly repeated: number;
  readonly total: number;
  readonly staticPrefix: number;
}

function shareOf(prev: RequestBody, cur: RequestBody): Share {
  const p = canonicalBlocks(prev);
  const c = canonicalBlocks(cur);
  const lastBreakpoint = p.map((b) => b.cached).lastIndexOf(true);
  let repeated = 0;
  let exact = lastBreakpoint >= 0;
  for (let i = 0; i <= lastBreakpoint; i++) {
    if (c[i]?.json !== p[i]?.json) {
      exact = false;
      break;
    }
    repeated += tokensOf(p[i]?.json ?? '');
  }
  const total = c.reduce((n, b) => n + tokensOf(b.json), 0);
  const staticPrefix = c.filter((b) => b.json.startsWith('tool:') || b.json.startsWith('system:')).reduce((n, b) => n + tokensOf(b.json), 0);
  return { repeated: exact ? repeated : 0, total, staticPrefix };
}

export async function run(): Promise<BenchRow[]> {
  const h = await inProcessSession({
    files: { 'src/lib.ts': initialLib, 'CLAUDE.md': 'Use TypeScript. Keep functions small. Run `node check.mjs` after edits.\n', 'check.mjs': "console.log('checks pass');\n" },
    config: { permissionMode: 'bypassPermissions' },
  });
  try {
    for (let t = 0; t < TURNS; t++) {
      h.server.enqueue(
        reply([text(`I'll add feature ${t}. Reading the library first.`), toolUse('Read', { file_path: 'src/lib.ts' })]),
        reply([toolUse('Edit', { file_path: 'src/lib.ts', old_string: 'export function helper0(', new_string: `export function feature${t}(): number {\n  return ${t};\n}\n\nexport function helper0(` })]),
        reply([toolUse('Bash', { command: 'node check.mjs' })]),
        reply([text(`Added feature${t}() to src/lib.ts; checks pass.`)]),
      );
      const end = await h.turn(`Please add a feature${t}() function to src/lib.ts that returns ${t}, then run the checks.`);
      if (end.reason !== 'end_turn') throw new Error(`turn ${t} ended with ${end.reason}: ${end.error ?? ''}`);
    }
    const bodies = h.server.messageRequests.map((r) => r.body);
    const shares = bodies.slice(1).map((b, i) => shareOf(bodies[i] as RequestBody, b));
    const perRequest = shares.map((s) => s.repeated / s.total);
    const mean = perRequest.reduce((a, b) => a + b, 0) / perRequest.length;
    const weighted = shares.reduce((n, s) => n + s.repeated, 0) / shares.reduce((n, s) => n + s.total, 0);
    const staticMean = shares.reduce((n, s) => n + s.staticPrefix / s.total, 0) / shares.length;
    const usage = h.server.messageRequests.map((r) => r.usage).filter((u) => u !== undefined);
    const read = usage.reduce((n, u) => n + u.cache_read_input_tokens, 0);
    const input = usage.reduce((n, u) => n + u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens, 0);
    const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
    const exactHits = shares.filter((s) => s.repeated > 0).length;
    const firstUsage = usage[0];
    const firstInput = firstUsage ? firstUsage.input_tokens + firstUsage.cache_creation_input_tokens + firstUsage.cache_read_input_tokens : 0;
    const toolCount = bodies[0]?.tools?.length ?? 0;
    return [
      { figure: `first request's input tokens (${toolCount} tools, system prompt, CLAUDE.md, the instruction)`, value: `${(firstInput / 1000).toFixed(2)}k`, goal: '≤ 4.7k', baseline: "Claude Code 2.1.197 measured on this server: 18.8k" },
      { figure: `input repeated from the previous request's cached prefix (mean of ${shares.length} requests, ${TURNS} turns)`, value: pct(mean), goal: '≥ 80 %', baseline: `static tools+system breakpoint only: ${pct(staticMean)}` },
      { figure: '  token-weighted over the session', value: pct(weighted), goal: '≥ 80 %', baseline: `requests with an exact prefix hit: ${exactHits}/${shares.length}` },
      { figure: '  lowest single request', value: pct(Math.min(...perRequest)), goal: '—', baseline: '—' },
      { figure: 'cache reads / all input, as the server billed it', value: pct(read / input), goal: '—', baseline: `${bodies.length} requests` },
    ];
  } finally {
    await h.close();
  }
}

if (isMain(import.meta.url)) printTable(await run());
