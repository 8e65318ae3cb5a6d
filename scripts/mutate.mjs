#!/usr/bin/env node
// Mutation testing (StrykerJS, command runner over Node's test runner), one source file at a time
// so each mutant runs only the tests that import that file. A surviving mutant is a change to the
// code that no test notices. The sets (guards, core), their goals and the test files each source
// file needs are in mutation.sets.json; docs/mutation.md says how to read the figures.
//
//   npm run mutate                     the guards set, then the core set
//   npm run mutate -- guards           one set
//   npm run mutate -- src-main/chat/parse-input.ts [more files]
//   options: --concurrency=N (default 2), --fresh (ignore the incremental reports)
//
// Incremental: each file's report is kept in reports/mutation/ and reused for mutants whose code
// did not change, so a second run after a small edit takes seconds, not minutes. The command
// runner reports no per-test coverage, so Stryker alone would reuse every old result, survivors
// included, even after new tests were written: when the tests' text changed since the last run,
// the survivors are dropped from the report first and so run again (killed ones are reused; run
// with --fresh after weakening a test).
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
const names = args.filter((a) => !a.startsWith('--'));

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
  return names.map((name) =>
    config.sets[name]
      ? { set: name, files: config.sets[name].files }
      : { set: null, files: { [name]: findListed(name) } },
  );
}

function findListed(file) {
  for (const set of Object.values(config.sets)) if (set.files[file]) return set.files[file];
  return { tests: [] };
}

/** Drops the surviving mutants from an incremental report, so the next run tests them again. */
function forgetSurvivors(incrementalFile) {
  const report = JSON.parse(readFileSync(incrementalFile, 'utf8'));
  for (const file of Object.values(report.files ?? {})) {
    file.mutants = file.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
  }
  writeFileSync(incrementalFile, JSON.stringify(report));
}

async function mutateOne(source, entry) {
  const tests = testsFor(source, entry.tests ?? []);
  if (tests.length === 0) throw new Error(`no test imports ${source}; list its tests in mutation.sets.json`);
  mkdirSync(join('reports', 'mutation'), { recursive: true });
  const slug = source.replace(/[\\/]/g, '_').replace(/\.ts$/, '');
  const incrementalFile = join('reports', 'mutation', `${slug}.incremental.json`);
  const testsHashFile = join('reports', 'mutation', `${slug}.tests.sha256`);
  const testsHash = createHash('sha256');
  for (const file of tests) testsHash.update(`${file}\0${readFileSync(file, 'utf8')}\0`);
  const hash = testsHash.digest('hex');
  if (!fresh && existsSync(incrementalFile) && (!existsSync(testsHashFile) || readFileSync(testsHashFile, 'utf8') !== hash)) {
    forgetSurvivors(incrementalFile);
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
    mutate: [source],
    coverageAnalysis: 'off',
    concurrency,
    timeoutMS: 20000,
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
  const results = await stryker.runMutationTest();
  writeFileSync(testsHashFile, hash);
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
