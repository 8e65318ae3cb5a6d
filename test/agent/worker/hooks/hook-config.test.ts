// Reading the `hooks` section of a settings file as Claude Code writes it: matchers, timeouts,
// what is left out (with a sentence for the owner), and fingerprints that change with the hook.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HOOK_TIMEOUT_SEC, hookConfirmationRule, hookMatches, isHookConfirmationRule, parseHooks } from '../../../../src-main/agent/worker/hooks/hook-config.js';

const command = (c: string, timeout?: number) => ({ type: 'command', command: c, ...(timeout ? { timeout } : {}) });

test('matchers: a name, a | list, a pattern, and empty or * for everything, anchored like Claude Code', () => {
  const { hooks } = parseHooks(
    {
      PreToolUse: [
        { matcher: 'Bash', hooks: [command('a')] },
        { matcher: 'Edit|Write', hooks: [command('b')] },
        { matcher: 'Web.*', hooks: [command('c')] },
        { matcher: '*', hooks: [command('d')] },
        { hooks: [command('e')] },
      ],
    },
    '.claude/settings.json',
  );
  const who = (tool: string) => hooks.filter((h) => hookMatches(h, tool)).map((h) => h.command).join('');
  assert.equal(who('Bash'), 'ade');
  assert.equal(who('Write'), 'bde');
  assert.equal(who('WebFetch'), 'cde');
  assert.equal(who('BashOutput'), 'de', '"Bash" does not match BashOutput');
});

test('timeouts are in seconds, 60 by default; unsupported events, types and patterns are reported and left out', () => {
  const { hooks, warnings } = parseHooks(
    {
      Stop: [{ hooks: [command('quick', 5), command('plain')] }],
      SubagentStop: [{ hooks: [command('x')] }],
      PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'prompt', prompt: 'judge it' }] }, { matcher: '(', hooks: [command('y')] }],
    },
    '~/.claude/settings.json',
  );
  assert.deepEqual(hooks.map((h) => [h.command, h.timeoutSec, h.source]), [
    ['quick', 5, '~/.claude/settings.json'],
    ['plain', DEFAULT_HOOK_TIMEOUT_SEC, '~/.claude/settings.json'],
  ]);
  assert.deepEqual(warnings, [
    '~/.claude/settings.json: SubagentStop hooks are not supported here; they are not run.',
    '~/.claude/settings.json: a PostToolUse hook of type "prompt" is not supported (only "command"); it is not run.',
    '~/.claude/settings.json: the PostToolUse matcher "(" is not a valid pattern; its hooks are not run.',
  ]);
  assert.deepEqual(parseHooks({ Stop: 'nope' }, 'x').warnings, ['x: "hooks" has an unexpected shape; its hooks are not run.']);
});

test('a changed command, matcher, timeout or file is a different hook (it needs confirming again)', () => {
  const one = (section: unknown, source = '.claude/settings.json') => hookConfirmationRule(parseHooks(section, source).hooks[0]!);
  const base = one({ PreToolUse: [{ matcher: 'Bash', hooks: [command('check.sh')] }] });
  assert.ok(isHookConfirmationRule(base));
  assert.equal(one({ PreToolUse: [{ matcher: 'Bash', hooks: [command('check.sh')] }] }), base);
  for (const other of [
    one({ PreToolUse: [{ matcher: 'Bash', hooks: [command('check.sh --fix')] }] }),
    one({ PreToolUse: [{ matcher: 'Bash|Write', hooks: [command('check.sh')] }] }),
    one({ PreToolUse: [{ matcher: 'Bash', hooks: [command('check.sh', 5)] }] }),
    one({ PreToolUse: [{ matcher: 'Bash', hooks: [command('check.sh')] }] }, '.claude/settings.local.json'),
    one({ PostToolUse: [{ matcher: 'Bash', hooks: [command('check.sh')] }] }),
  ]) assert.notEqual(other, base);
  assert.equal(isHookConfirmationRule('Bash(npm test)'), false);
});
