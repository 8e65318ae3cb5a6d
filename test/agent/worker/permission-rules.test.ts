// Claude Code's permission-rule syntax as the owner writes it in settings: which rules parse,
// which tools a rule covers, how Bash rules (exact, prefix `:*`, wildcards, several rules at
// once) and path rules (globs, folders, `/` from the project root, `//` absolute, `~/` home)
// match, and which rule a refusal names. Decisions are read through Permissions, as a session
// makes them; permissions.test.ts has the modes and the order deny → ask → allow.
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { describe, test } from 'node:test';
import { bashRulesMatch, findMatchingRule, parseRule, pathRuleMatches, sessionRuleFor } from '../../../src-main/agent/worker/permission-rules.js';
import { analyzeBash, type BashAnalysis } from '../../../src-main/agent/worker/bash-analysis.js';
import { Permissions, type PermissionCall, type RuleSet } from '../../../src-main/agent/worker/permissions.js';

const ROOT = '/home/me/project';
/** No folders added besides the project. */
const noFolders = (): readonly string[] => [];
const rules = (r: Partial<RuleSet>): RuleSet[] => [{ allow: [], ask: [], deny: [], ...r }];
const bash = (command: string): PermissionCall => ({ toolName: 'Bash', kind: 'execute', target: command });
const edit = (path: string, toolName = 'Edit'): PermissionCall => ({ toolName, kind: 'edit', target: path });
const read = (path: string, toolName = 'Read'): PermissionCall => ({ toolName, kind: 'read', target: path });
/** The decision, with what allowed it standing in for the reason of an allow. */
const decide = (p: Permissions, c: PermissionCall) => {
  const d = p.decide(c);
  return { ...d, reason: 'reason' in d ? d.reason : `allowed by ${d.by}` };
};
const behavior = (p: Permissions, c: PermissionCall): string => p.decide(c).behavior;

describe('rule text', () => {
  test('a rule is a tool name, optionally with a specifier in parentheses; spaces around it do not matter', () => {
    assert.deepEqual(parseRule('  Bash( npm test:* )  '), { tool: 'Bash', specifier: 'npm test:*', text: 'Bash( npm test:* )' });
    assert.deepEqual(parseRule('mcp__github_2'), { tool: 'mcp__github_2', specifier: undefined, text: 'mcp__github_2' });
    assert.deepEqual(parseRule('Bash(echo (a))'), { tool: 'Bash', specifier: 'echo (a)', text: 'Bash(echo (a))' });
  });

  test('Tool(), Tool(*) and Tool mean every call of that tool', () => {
    for (const text of ['Bash()', 'Bash(*)', 'Bash( * )', 'Bash']) {
      assert.equal(parseRule(text)?.specifier, undefined, text);
      const p = new Permissions('bypassPermissions', rules({ deny: [text] }), ROOT, noFolders);
      assert.equal(behavior(p, bash('ls')), 'deny', text);
    }
  });

  test('text that is not a rule is reported, not guessed at', () => {
    const bad = ['Bash(ls', '1Bash', 'Bash(ls) now', 'Bash (ls)', 'Ba-sh', '(ls)', 'x Bash(ls)', ''];
    for (const text of bad) assert.equal(parseRule(text), undefined, JSON.stringify(text));
    const p = new Permissions('default', rules({ allow: bad }), ROOT, noFolders);
    assert.deepEqual(p.invalidRules, bad);
  });

  test('a refusal names the rule as the owner wrote it', () => {
    const p = new Permissions('default', rules({ deny: ['  Bash(curl:*) '] }), ROOT, noFolders);
    assert.equal(decide(p, bash('curl x')).reason, 'Blocked by the permission rule Bash(curl:*).');
  });
});

describe('which tools a rule covers', () => {
  test('Read rules cover Read, Grep, Glob and LS, and nothing that writes', () => {
    const p = new Permissions('acceptEdits', rules({ deny: ['Read(secrets/**)'] }), ROOT, noFolders);
    for (const tool of ['Read', 'Grep', 'Glob', 'LS']) assert.equal(behavior(p, read('secrets/a.pem', tool)), 'deny', tool);
    assert.equal(behavior(p, edit('secrets/a.pem')), 'allow', 'a Read rule is not an Edit rule');
    assert.equal(p.readDenied('secrets/a.pem')?.text, 'Read(secrets/**)');
    assert.equal(p.readDenied('src/a.ts'), undefined);
  });

  test('Edit rules cover Edit and Write only; an allowed read path is not writable', () => {
    const p = new Permissions('default', rules({ allow: ['Read(src/**)', 'Edit(docs/**)'] }), ROOT, noFolders);
    assert.equal(behavior(p, edit('src/a.ts')), 'ask', 'allow Read(src/**) does not let Edit write');
    assert.equal(behavior(p, edit('src/a.ts', 'Write')), 'ask');
    assert.equal(behavior(p, edit('docs/a.md', 'Write')), 'allow');
    assert.equal(behavior(p, edit('docs/a.md', 'NotebookEdit')), 'ask', 'a tool Edit does not name');
  });

  test('any other rule covers exactly the tool it names', () => {
    const p = new Permissions('bypassPermissions', rules({ deny: ['WebFetch'], ask: ['Bash(git push:*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, { toolName: 'WebFetch', kind: 'read', target: undefined }), 'deny');
    assert.equal(behavior(p, { toolName: 'WebSearch', kind: 'read', target: undefined }), 'allow');
    assert.equal(behavior(p, read('git/push')), 'allow', 'a Bash rule says nothing about files');
  });

  test('a path rule with a specifier does not cover a call without a path', () => {
    const p = new Permissions('default', rules({ deny: ['Read(*.env)'] }), ROOT, noFolders);
    assert.equal(behavior(p, { toolName: 'Grep', kind: 'read', target: undefined }), 'allow');
  });
});

describe('Bash rules', () => {
  test('every deny rule counts, not only the first', () => {
    const p = new Permissions('bypassPermissions', rules({ deny: ['Bash(curl:*)', 'Bash(rm:*)', 'Bash(git push:*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('rm -rf build')), 'deny');
    assert.equal(decide(p, bash('ls && git push -f')).reason, 'Blocked by the permission rule Bash(git push:*).', 'the rule that matched is named');
    assert.equal(behavior(p, bash('ls')), 'allow');
  });

  test('an allow rule naming a whole compound line exactly allows that line, and only it', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(npm ci && npm test)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('npm ci  &&  npm test')), 'allow');
    assert.equal(behavior(p, bash('  npm ci && npm test\n')), 'allow', 'space around the line does not count');
    assert.equal(behavior(p, bash('npm ci')), 'ask');
    assert.equal(behavior(p, bash('npm ci && npm test && rm -rf ~')), 'ask');
  });

  test('several allow rules together cover a compound command when each part has one', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(npm ci)', 'Bash(npm test:*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('npm ci && npm test -- --watch')), 'allow');
    assert.equal(behavior(p, bash('npm ci && npm run build')), 'ask');
  });

  test('characters with a meaning in patterns are literal in a rule, except *', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(node a.js:*)', 'Bash(cat *.txt)', 'Bash(echo $HOME)', 'Bash(test -f a+b)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('node a.js --x')), 'allow');
    assert.equal(behavior(p, bash('node abjs')), 'ask', '. is a dot in a prefix rule');
    assert.equal(behavior(p, bash('cat notes.txt')), 'allow');
    assert.equal(behavior(p, bash('cat notes_txt')), 'ask', '. is a dot next to a wildcard');
    assert.equal(behavior(p, bash('echo $HOME')), 'allow');
    assert.equal(behavior(p, bash('test -f a+b')), 'allow');
    assert.equal(behavior(p, bash('test -f aab')), 'ask');
  });

  test('a prefix rule needs a space (or the end) after the prefix', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(git status:*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('git status')), 'allow');
    assert.equal(behavior(p, bash('git   status   -s')), 'allow');
    assert.equal(behavior(p, bash('git statusx')), 'ask');
    assert.equal(behavior(p, bash('xgit status')), 'ask');
  });

  test('an ask rule asks when any part of a compound command matches, even in bypassPermissions', () => {
    const p = new Permissions('bypassPermissions', rules({ ask: ['Bash(git push:*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('npm test && git push origin main')), 'ask');
    assert.equal(behavior(p, bash('sudo git push')), 'ask', 'a wrapped command is a part too');
    assert.equal(decide(p, bash('ls; git push')).reason, 'The rule Bash(git push:*) asks first.');
  });

  test('a line with a redirection is allowed by a rule naming that whole line, next to other rules', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(ls)', 'Bash(npm test > test-output.txt)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('npm test > test-output.txt')), 'allow');
    assert.equal(behavior(p, bash('npm test > other.txt')), 'ask', 'another redirection is not the line the rule names');
    assert.equal(behavior(p, bash('ls')), 'allow');
  });

  test('a rule for every command allows any line, whatever other Bash rules say', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(npm test)', 'Bash'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('ls -la && make')), 'allow');
  });

  test('a line that runs no command is not covered by an allow rule', () => {
    const p = new Permissions('default', rules({ allow: ['Bash(npm test:*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, bash('# npm test')), 'ask');
  });
});

describe('path rules', () => {
  test('a bare name matches at any depth; a folder name covers what is inside it', () => {
    const p = new Permissions('default', rules({ deny: ['Read(secrets)', 'Read(.env)', 'Edit(build/)'] }), ROOT, noFolders);
    assert.equal(behavior(p, read('secrets/key.pem')), 'deny');
    assert.equal(behavior(p, read('app/secrets')), 'deny');
    assert.equal(behavior(p, read('app/.env')), 'deny');
    assert.equal(behavior(p, read('secretsx/key.pem')), 'allow');
    assert.equal(behavior(p, edit('build/out/a.js', 'Write')), 'deny');
    assert.equal(behavior(p, edit('src/build.ts')), 'ask');
  });

  test('/path counts from the project root; a path with a folder matches from the root only', () => {
    const p = new Permissions('default', rules({ deny: ['Edit(/config/**)', 'Read(src/private/*)'] }), ROOT, noFolders);
    assert.equal(behavior(p, edit('config/a.json')), 'deny');
    assert.equal(behavior(p, edit('app/config/a.json')), 'ask');
    assert.equal(behavior(p, read('src/private/a.ts')), 'deny');
    assert.equal(behavior(p, read('lib/src/private/a.ts')), 'allow');
  });

  test('//path is an absolute path on the computer', () => {
    const p = new Permissions('default', rules({ deny: ['Edit(//home/me/project/vendor/**)', 'Edit(//vendor/**)'] }), ROOT, noFolders);
    assert.equal(behavior(p, edit('vendor/lib.js')), 'deny');
    assert.equal(decide(p, edit('vendor/lib.js')).reason, 'Blocked by the permission rule Edit(//home/me/project/vendor/**).');
  });

  test('a folder rule covers what is inside it however its end is written', () => {
    const p = new Permissions('default', rules({ deny: ['Read(docs/private)', 'Read(build//)', 'Read(/tmp-out/)'] }), ROOT, noFolders);
    assert.equal(behavior(p, read('docs/private/plan.md')), 'deny');
    assert.equal(behavior(p, read('docs/private')), 'deny');
    assert.equal(behavior(p, read('build/out/a.js')), 'deny');
    assert.equal(behavior(p, read('tmp-out/x')), 'deny');
    assert.equal(behavior(p, read('docs/public/plan.md')), 'allow');
    assert.equal(behavior(p, read('docs/privateer.md')), 'allow');
  });

  test('parentheses are literal (Next.js route groups); [!…] excludes the characters it lists', () => {
    const p = new Permissions('default', rules({ deny: ['Edit(/app/(auth)/**)', 'Read(/keys/[!p]*.pem)'] }), ROOT, noFolders);
    assert.equal(behavior(p, edit('app/(auth)/login/page.tsx')), 'deny');
    assert.equal(behavior(p, edit('app/auth/login/page.tsx')), 'ask', 'a group is not a regular expression');
    assert.equal(behavior(p, read('keys/server.pem')), 'deny');
    assert.equal(behavior(p, read('keys/public.pem')), 'allow');
  });

  test('~/path is in the home folder', () => {
    const home = homedir();
    const root = `${home}/code/app`;
    const p = new Permissions('default', rules({ deny: ['Edit(~/code/app/generated/**)', 'Read(~/generated/**)'] }), root, noFolders);
    assert.equal(behavior(p, edit('generated/a.ts')), 'deny');
    assert.equal(behavior(p, read('generated/a.ts')), 'allow', '~/generated is not the project’s generated/');
  });
});

describe('"allow for this session"', () => {
  test('offers exactly the command, the file to edit or the file to read, or the tool', () => {
    assert.equal(sessionRuleFor({ toolName: 'Bash', target: ' npm   test \n' }, 'execute'), 'Bash(npm test)');
    assert.equal(sessionRuleFor({ toolName: 'Write', target: 'src/[id].ts' }, 'edit'), 'Edit(/src/\\[id\\].ts)');
    assert.equal(sessionRuleFor({ toolName: 'Grep', target: 'src/a*.ts' }, 'read'), 'Read(/src/a\\*.ts)');
    assert.equal(sessionRuleFor({ toolName: 'WebFetch', target: 'https://x' }, 'meta'), 'WebFetch(/https://x)');
    assert.equal(sessionRuleFor({ toolName: 'TodoWrite', target: undefined }, 'meta'), 'TodoWrite');
  });
});

describe('rules the owner adds while a session runs', () => {
  test('the same answer twice is kept once; text that is no rule is refused', () => {
    const p = new Permissions('default', rules({}), ROOT, noFolders);
    assert.equal(p.addSessionRule('Bash(npm test)'), true);
    assert.equal(p.addSessionRule(' Bash(npm test) '), true);
    assert.equal(p.addSessionRule('Bash(npm test'), false);
    assert.deepEqual(p.sessionRules, ['Bash(npm test)']);
  });

  test('an answer for one protected file does not open another, nor a command writing there', () => {
    const p = new Permissions('bypassPermissions', rules({}), ROOT, noFolders);
    const asked = decide(p, edit('.envrc', 'Write'));
    assert.equal(asked.behavior === 'ask' && asked.sessionRule, 'Edit(/.envrc)');
    p.addSessionRule('Edit(/.envrc)');
    assert.equal(behavior(p, edit('.envrc')), 'allow');
    assert.equal(behavior(p, edit('sub/.envrc')), 'ask');
    assert.equal(behavior(p, bash('echo x > .envrc')), 'ask', 'a command is answered by its own rule');
    const command = decide(p, bash('echo  x >  .envrc'));
    assert.equal(command.behavior === 'ask' && command.sessionRule, 'Bash(echo x > .envrc)');
    p.addSessionRule('Bash(echo x > .envrc)');
    assert.equal(behavior(p, bash('echo x   > .envrc')), 'allow', 'the same command, however it is spaced');
    assert.equal(behavior(p, bash('echo y > .envrc')), 'ask');
  });
});

describe('what a command writes, against Edit deny rules', () => {
  test('a write into the home folder or outside the project is not judged by project Edit rules', () => {
    const home = homedir();
    const root = `${home}/code/app`;
    const p = new Permissions('bypassPermissions', rules({ deny: ['Edit(notes/**)'] }), root, noFolders);
    assert.equal(behavior(p, bash('echo x > notes/a.md')), 'deny');
    assert.equal(decide(p, bash('echo x > ~/code/app/notes/a.md')).reason, 'Blocked by the permission rule Edit(notes/**): the command writes to ~/code/app/notes/a.md.');
    assert.equal(behavior(p, bash('echo x > /tmp/notes/a.md')), 'allow');
    assert.equal(behavior(p, bash('echo x > ../notes/a.md')), 'allow');
  });
});

describe('the matchers on their own', () => {
  test('a command with a part only known when it runs is never covered by allow rules, even when every part has one', () => {
    const command = 'echo hi; $CMD';
    const analysis = analyzeBash(command);
    assert.ok(analysis.unclear);
    assert.equal(bashRulesMatch([parseRule('Bash(echo:*)')!, parseRule('Bash($CMD)')!], command, analysis, 'all-parts'), false);
    assert.equal(bashRulesMatch([parseRule('Bash(echo:*)')!], command, analysis, 'any-part'), true, 'a deny rule still sees the part it names');
  });

  test('a part with space around it is matched like the same part without', () => {
    const analysis = { ...analyzeBash('rm -rf x'), parts: [{ text: '  rm   -rf x \n', aliases: [] }] } as BashAnalysis;
    assert.equal(bashRulesMatch([parseRule('Bash(rm:*)')!], 'ls', analysis, 'any-part'), true);
  });

  test('only Bash rules judge a command', () => {
    const analysis = analyzeBash('ls');
    assert.equal(bashRulesMatch([parseRule('Read')!], 'ls', analysis, 'any-part'), false);
    assert.equal(bashRulesMatch([parseRule('Read')!], 'ls', analysis, 'all-parts'), false);
  });

  test('a rule without a specifier covers any path and any call of its tool, with or without a target', () => {
    assert.equal(pathRuleMatches(parseRule('Read')!, 'deep/a.ts', ROOT), true);
    assert.equal(findMatchingRule([parseRule('Bash')!], { toolName: 'Bash', target: undefined }, ROOT, 'any-part')?.text, 'Bash');
    assert.equal(findMatchingRule([parseRule('Read(src/**)')!], { toolName: 'Read', target: undefined }, ROOT, 'any-part'), undefined);
    assert.equal(findMatchingRule([parseRule('Read(undef*)')!], { toolName: 'Grep', target: undefined }, ROOT, 'any-part'), undefined, 'no path is not a path named "undefined"');
  });

  test('a Bash call is read for the rules when no analysis comes with it', () => {
    const rule = findMatchingRule([parseRule('Bash(git push:*)')!], { toolName: 'Bash', target: 'ls && git push' }, ROOT, 'any-part');
    assert.equal(rule?.text, 'Bash(git push:*)');
  });
});
