// Red team, permission half: a model trying to read what deny rules forbid (through every tool
// that reads), to write the paths that widen its own reach (settings, git hooks, CI, shell rc
// files) in every mode, and to walk around Bash deny rules and strict allow rules. Each attempt
// is a tool call run by a real worker (red-team-harness.ts); nothing asked is ever approved.
// HOME points at a temporary folder for the whole file, so `~/.bashrc` attempts can never touch
// the real one even if one escaped.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AnthropicTestServer } from '../../helpers/anthropic-server.js';
import { runGroup, Tally, type Result } from './red-team-harness.js';
import { bashAttempts, bashProject, strictAllowAttempts } from './bash-attempts.js';
import { protectedAttempts, protectedProject } from './protected-attempts.js';
import { readAttempts, readProject, READ_DENY_RULES } from './read-attempts.js';

const tally = new Tally();

function check(results: readonly Result[]): void {
  tally.add(results);
  const wrong = results.filter((r) => r.outcome !== r.attempt.expect).map((r) => `${r.attempt.name}: expected ${r.attempt.expect}, got ${r.outcome} (${r.detail})`);
  assert.deepEqual(wrong, []);
}

describe('red team: permissions', () => {
  let server: AnthropicTestServer;
  const realHome = process.env.HOME;
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'red-team-home-'));
    process.env.HOME = home;
    server = await AnthropicTestServer.start();
  });
  after(async () => {
    await server.close();
    process.env.HOME = realHome;
    await rm(home, { recursive: true, force: true });
    console.log(tally.line('permissions'));
  });

  test('deny rules hold for every tool that reads files', async (t) => {
    const root = await readProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    check(await runGroup(t, server, { root, mode: 'default', rules: READ_DENY_RULES, attempts: readAttempts(root) }));
  });

  for (const mode of ['default', 'acceptEdits', 'bypassPermissions'] as const) {
    test(`protected paths ask in ${mode} mode, whatever the rules allow`, async (t) => {
      const root = await protectedProject();
      t.after(() => rm(root, { recursive: true, force: true }));
      check(await runGroup(t, server, { root, mode, rules: { allow: ['Edit', 'Write', 'Bash'], ask: [], deny: [] }, attempts: protectedAttempts(root, home, 'asked') }));
    });
  }

  test('protected paths are refused in plan mode', async (t) => {
    const root = await protectedProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    check(await runGroup(t, server, { root, mode: 'plan', attempts: protectedAttempts(root, home, 'refused').slice(0, 8) }));
  });

  test('Bash deny rules see through the usual evasions; what cannot be understood asks (bypassPermissions)', async (t) => {
    const root = await bashProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    check(await runGroup(t, server, { root, mode: 'bypassPermissions', rules: { allow: [], ask: ['Bash(git push:*)'], deny: ['Bash(rm:*)', 'Bash(curl:*)', 'Edit(locked/**)'] }, attempts: bashAttempts(root) }));
  });

  test('allow rules stay strict: every part allowed, no redirection into files', async (t) => {
    const root = await bashProject();
    t.after(() => rm(root, { recursive: true, force: true }));
    check(await runGroup(t, server, { root, mode: 'default', rules: { allow: ['Bash(npm test:*)', 'Bash(echo:*)'], ask: [], deny: [] }, attempts: strictAllowAttempts(root) }));
  });
});
