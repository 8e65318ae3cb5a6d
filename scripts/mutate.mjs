#!/usr/bin/env node
// Mutation testing (StrykerJS, command runner over Node's test runner), one source file at a time
// so each mutant runs only the tests that import that file. A surviving mutant is a change to the
// code that no test notices. The sets (guards, core), their goals and the test files each source
// file needs are in mutation.sets.json; docs/mutation.md says how to read the figures.
//
//   npm run mutate                     the guards set, then the core set
//   npm run mutate -- guards           one set
//   npm run mutate -- src-main/chat/parse-input.ts [more files]
//   npm run mutate -- src-main/signal/receive/receiver.ts:148-178,203-222   only the mutants on those lines
//   options: --concurrency=N (default 2), --fresh (ignore the incremental reports),
//            --timeout-ms=N (Stryker's timeoutMS, default 20000: a mutant's extra time over the
//            test run's own before it counts as timed out)
//
// Incremental: each file's report is kept in reports/mutation/ and reused for mutants whose code
// did not change, so a second run after a small edit takes seconds, not minutes. The command
// runner reports no per-test coverage, so Stryker alone would reuse every old result, survivors
// included, even after new tests were written: when the tests' text changed since the last run,
// the survivors are dropped from the report first and so run again (killed ones are reused; run
// with --fresh after weakening a test).
// A line range runs part of a file and keeps the rest of its report: a file whose tests are slow
// (a linked device on the mock server, ~15 s a mutant) is measured in pieces that each end with a
// saved report, instead of one run of hours that leaves nothing behind if it is stopped.
// Exit status 1 when a set is below its goal.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Stryker } from '@stryker-mutator/core';

const root = process.cwd();
const config = JSON.parse(readFileSync(join(root, 'mutation.sets.json'), 'utf8'));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const fresh = args.includes('--fresh');
const concurrency = Number(option('concurrency', '2'));
const timeoutMS = Number(option('timeout-ms', '20000'));
const names = args.filter((a) => !a.startsWith('--'));

/** `file.ts:120-250[,300-320]` → the file and its line ranges (inclusive), as Stryker's `mutate` takes them. */
function splitRanges(name) {
  const match = /^(.*\.ts):(\d+-\d+(?:,\d+-\d+)*)$/.exec(name);
  if (!match) return { file: name };
  const ranges = match[2].split(',').map((r) => {
    const [from, to] = r.split('-').map(Number);
    return { from, to };
  });
  return { file: match[1], ranges };
}

/** Test files that import `source` directly (by its path without extension), plus any listed. */
function testsFor(source, extra = []) {
  const stem = source.replace(/^src-main\//, '').replace(/\.ts$/, '');
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (p === join('test', 'reliability') || p === join('test', 'packaging')) continue;
        walk(p);
      } else if (name.endsWith('.test.ts')) {
        const text = readFileSync(p, 'utf8');
        if (text.includes(`src-main/${stem}.js'`) || text.includes(`src-main/${stem}.js"`)) found.push(p);
      }
    }
  };
  walk('test');
  return [...new Set([...found, ...extra])].sort();
}

/** `tests` with the test file mirroring `source` (src-main/x/y.ts → test/x/y.test.ts) first. */
function firstMirrored(source, tests) {
  const mirror = join('test', source.replace(/^src-main\//, '').replace(/\.ts$/, '.test.ts'));
  return [...tests.filter((t) => t === mirror), ...tests.filter((t) => t !== mirror)];
}

function plan() {
  if (names.length === 0) return Object.keys(config.sets).map((set) => ({ set, files: config.sets[set].files }));
  return names.map((name) => {
    if (config.sets[name]) return { set: name, files: config.sets[name].files };
    const { file, ranges } = splitRanges(name);
    return { set: null, files: { [file]: { ...findListed(file), ...(ranges ? { ranges } : {}) } } };
  });
}

function findListed(file) {
  for (const set of Object.values(config.sets)) if (set.files[file]) return set.files[file];
  return { tests: [] };
}

/**
 * Drops the surviving mutants from an incremental report, so the next run tests them again. With
 * a range, only those inside it: one outside would not run again and so would leave the figures.
 */
function forgetSurvivors(incrementalFile, ranges) {
  const report = JSON.parse(readFileSync(incrementalFile, 'utf8'));
  const inRange = (m) => !ranges || ranges.some((r) => m.location.start.line >= r.from && m.location.start.line <= r.to);
  for (const file of Object.values(report.files ?? {})) {
    file.mutants = file.mutants.filter((m) => (m.status !== 'Survived' && m.status !== 'NoCoverage') || !inRange(m));
  }
  writeFileSync(incrementalFile, JSON.stringify(report));
}

async function mutateOne(source, entry) {
  const tests = testsFor(source, entry.tests ?? []);
  if (fresh && entry.ranges) throw new Error('--fresh with a line range would drop the rest of the file\'s report');
  if (tests.length === 0) throw new Error(`no test imports ${source}; list its tests in mutation.sets.json`);
  mkdirSync(join('reports', 'mutation'), { recursive: true });
  const slug = source.replace(/[\\/]/g, '_').replace(/\.ts$/, '');
  const incrementalFile = join('reports', 'mutation', `${slug}.incremental.json`);
  const testsHashFile = join('reports', 'mutation', `${slug}.tests.sha256`);
  const testsHash = createHash('sha256');
  for (const file of tests) testsHash.update(`${file}\0${readFileSync(file, 'utf8')}\0`);
  const hash = testsHash.digest('hex');
  if (!fresh && existsSync(incrementalFile) && (!existsSync(testsHashFile) || readFileSync(testsHashFile, 'utf8') !== hash)) {
    forgetSurvivors(incrementalFile, entry.ranges);
  }
  const stryker = new Stryker({
    testRunner: 'command',
    commandRunner: {
      // Each test file runs in its own node process (the test runner would start one per file
      // too, plus its own), one after another, stopping at the first that fails: a killed mutant
      // then costs one file's run, not all of them. The source's mirrored test file goes first,
      // as it is the likeliest to fail.
      command: firstMirrored(source, tests)
        .map((t) => `node --import tsx ${t}`)
        .join(' && '),
    },
    mutate: entry.ranges ? entry.ranges.map((r) => `${source}:${r.from}-${r.to}`) : [source],
    coverageAnalysis: 'off',
    concurrency,
    timeoutMS,
    timeoutFactor: 2,
    incremental: true,
    force: fresh,
    incrementalFile,
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: join('reports', 'mutation', `${slug}.json`) },
    tempDirName: join('.tmp', 'stryker'),
    cleanTempDir: true,
    ignorePatterns: ['dist', 'dist-renderer', 'release', 'e2e', 'reports', 'bench', '.tmp', 'coverage', 'test-results'],
    disableTypeChecks: 'src-main/**/*.ts',
    logLevel: 'warn',
  });
  const unchanged = existsSync(testsHashFile) && readFileSync(testsHashFile, 'utf8') === hash;
  const results = await stryker.runMutationTest();
  // After a range run on changed tests, the survivors outside it were tested on the old ones.
  if (!entry.ranges || unchanged) writeFileSync(testsHashFile, hash);
  const count = (...statuses) => results.filter((r) => statuses.includes(r.status)).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived', 'NoCoverage');
  const valid = killed + timeout + survived;
  const equivalent = (entry.equivalent ?? []).length;
  return { source, mutants: valid, killed, timeout, survived, equivalent, score: valid - Math.min(equivalent, survived) ? (100 * (killed + timeout)) / (valid - Math.min(equivalent, survived)) : 100, tests: tests.length };
}

let failed = false;
for (const { set, files } of plan()) {
  const rows = [];
  for (const [source, entry] of Object.entries(files)) rows.push(await mutateOne(source, entry));
  const total = rows.reduce(
    (t, r) => ({ mutants: t.mutants + r.mutants - Math.min(r.equivalent, r.survived), caught: t.caught + r.killed + r.timeout }),
    { mutants: 0, caught: 0 },
  );
  const score = total.mutants ? (100 * total.caught) / total.mutants : 100;
  const goal = set ? config.sets[set].goal : undefined;
  console.log(`\n${set ? `set ${set}` : 'files'}${goal ? ` (goal ≥ ${goal} %)` : ''}`);
  console.log('| file | mutants | killed | timed out | survived | listed equivalent | score |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${relative('src-main', r.source)} | ${r.mutants} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.equivalent} | ${r.score.toFixed(1)} % |`);
  }
  console.log(`| **${set ?? 'all'}** | ${total.mutants} | | | | | **${score.toFixed(1)} %** |`);
  if (goal !== undefined && score < goal) {
    console.log(`${set}: ${score.toFixed(1)} % is below the goal of ${goal} %`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
