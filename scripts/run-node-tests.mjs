#!/usr/bin/env node
// Runs node:test files under the given folders (default: test/) with the tsx loader, in a
// modest number of parallel processes (the CI machine has 2 cores). Worker threads do not pick
// up --import hooks on Node 20, so AgentWorker starts .ts worker entries through a tsx bootstrap.
// test/reliability/ (kill, fault, fuzz and security runs: minutes, not seconds) is left out of a
// wider folder such as test/ and runs when named: `npm run test:reliability`. So is
// test/packaging/ (electron-builder, busy for half a minute: it would starve the timing-sensitive
// tests running beside it on two cores); `npm test` runs it as its own step after the unit tests.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('--'));
const passthrough = args.filter((a) => a.startsWith('--'));
const exclude = (process.env.TEST_EXCLUDE ?? '').split(',').filter(Boolean);

const LONG_RUNS = join('test', 'reliability');
const ALONE = join('test', 'packaging');

function collect(dir, out, named) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if ((relative('.', p) === LONG_RUNS || relative('.', p) === ALONE) && !named) continue;
      collect(p, out, named);
    }
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = (roots.length ? roots : ['test'])
  .flatMap((r) => (r.endsWith('.ts') ? [r] : collect(r, [], relative('.', r).startsWith(LONG_RUNS) || relative('.', r).startsWith(ALONE))))
  .filter((f) => !exclude.some((e) => relative('.', f).startsWith(e)));
if (files.length === 0) {
  console.error('No test files found under', roots.join(', ') || 'test');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=180000', ...passthrough, ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
