import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approvalRequest, intentSentence, type ApprovalRequestText } from '../../../src-main/display/wording/index.js';
import { parseUnifiedDiff } from '../../../src-main/display/diff-parse.js';
import { SIGNAL_BODY_LIMIT_BYTES } from '../../../src-main/display/types.js';
import { utf8Length } from '../../../src-main/display/unicode.js';

const HINT = 'reply yes 4f2a, always 4f2a or no 4f2a (or react 👍 / ♾️ / 👎) · expires in 10 min';
const base = { projectName: 'hello-app', id: '4f2a', reason: "Edit needs the owner's approval.", minutesLeft: 10 };

function styled(m: ReturnType<typeof approvalRequest>): [string, string][] {
  return m.bodyRanges.map((r) => [r.style, m.body.slice(r.start, r.start + r.length)]);
}

test('an Edit request shows the exact change as a diff, with Claude’s reason, and ends with the reply hint', () => {
  const m = approvalRequest({
    ...base,
    tool: 'Edit',
    summary: 'edit README.md',
    intent: 'I looked at the README.\n\nIt lacks usage. I’ll add a **Usage** section with `npx hello`.',
    subject: {
      kind: 'change',
      path: 'README.md',
      before: '# hello\n\nSays hello.\n\n## Install\n\nnpm i hello\n',
      after: '# hello\n\nSays hello.\n\n## Install\n\nnpm i hello\n\n## Usage\n\nnpx hello\n',
    },
  });
  assert.equal(
    m.body,
    [
      '🔐 hello-app wants to use Edit:',
      '💬 I’ll add a Usage section with npx hello.',
      '✏️ README.md  +4',
      '⋯ line 6',
      '',
      '  npm i hello',
      '+',
      '+ ## Usage',
      '+',
      '+ npx hello',
      HINT,
    ].join('\n'),
  );
  assert.deepEqual(styled(m), [
    ['bold', 'hello-app'],
    ['bold', 'Usage'],
    ['monospace', 'npx hello'],
    ['bold', 'README.md'],
    ['italic', '⋯ line 6'],
    ['monospace', '\n  npm i hello\n+\n+ ## Usage\n+\n+ npx hello'],
  ]);
  assert.deepEqual(m.attachments, []);
});

test('a Write of a new file shows its first lines and its size', () => {
  const content = Array.from({ length: 12 }, (_, i) => `- step ${i + 1}`).join('\n') + '\n';
  const m = approvalRequest({ ...base, tool: 'Write', summary: 'write notes/todo.md (13 lines)', intent: 'Let me write the plan down.', subject: { kind: 'change', path: 'notes/todo.md', before: null, after: content } });
  assert.equal(
    m.body,
    [
      '🔐 hello-app wants to use Write:',
      '💬 Let me write the plan down.',
      '🆕 notes/todo.md (new file, 12 lines, 111 B)',
      '- step 1\n- step 2\n- step 3\n- step 4\n- step 5\n- step 6\n- step 7\n- step 8',
      '⋯ 4 more lines',
      HINT,
    ].join('\n'),
  );
  assert.deepEqual(styled(m).slice(1), [
    ['bold', 'notes/todo.md'],
    ['monospace', '- step 1\n- step 2\n- step 3\n- step 4\n- step 5\n- step 6\n- step 7\n- step 8'],
    ['italic', '⋯ 4 more lines'],
  ]);
});

test('a Write over an existing file shows what it replaces', () => {
  const m = approvalRequest({ ...base, tool: 'Write', summary: 'write .nvmrc (2 lines)', subject: { kind: 'change', path: '.nvmrc', before: '20\n', after: '22\n' } });
  assert.equal(m.body, ['🔐 hello-app wants to use Write:', "Edit needs the owner's approval.", '✏️ .nvmrc  +1 −1', '⋯ line 1', '- 20\n+ 22', HINT].join('\n'));
});

test('a Bash request shows the full command, the folder it runs in and whether it is sandboxed', () => {
  const ask = (sandboxed: boolean): ApprovalRequestText => ({
    ...base,
    tool: 'Bash',
    summary: 'npm test',
    reason: "Bash needs the owner's approval.",
    intent: 'Run the tests once',
    subject: { kind: 'command', command: 'npm test -- --watch=false && git status', cwd: '/home/ann/hello-app', sandboxed },
  });
  const open = approvalRequest(ask(false));
  assert.equal(
    open.body,
    [
      '🔐 hello-app wants to use Bash:',
      '💬 Run the tests once',
      'npm test -- --watch=false && git status',
      '📁 /home/ann/hello-app',
      '🔓 runs unsandboxed: it can change anything your account can',
      HINT,
    ].join('\n'),
  );
  assert.deepEqual(styled(open).slice(1), [
    ['monospace', 'npm test -- --watch=false && git status'],
    ['monospace', '/home/ann/hello-app'],
  ]);
  assert.match(approvalRequest(ask(true)).body, /\n🔒 runs sandboxed\nreply yes 4f2a/);
});

test('a WebFetch request shows the URL', () => {
  const m = approvalRequest({ ...base, tool: 'WebFetch', summary: 'example.org', intent: 'I need the API docs.', subject: { kind: 'url', url: 'https://example.org/docs?page=2' } });
  assert.equal(m.body, ['🔐 hello-app wants to use WebFetch:', '💬 I need the API docs.', '🌐 https://example.org/docs?page=2', HINT].join('\n'));
});

test('a tool without a subject keeps its one-line summary', () => {
  const m = approvalRequest({ ...base, tool: 'TodoWrite', summary: '3 todos', reason: 'The rule TodoWrite asks first.' });
  assert.equal(m.body, ['🔐 hello-app wants to use TodoWrite:', '3 todos', 'The rule TodoWrite asks first.', HINT].join('\n'));
});

test('a long change becomes a summary in one message, with the whole patch attached', () => {
  const before = Array.from({ length: 200 }, (_, i) => `const v${i} = ${i};`).join('\n') + '\n';
  const after = before.replace(/= (\d+);/g, (all, d: string) => (Number(d) % 3 ? all : `= ${d} * 2;`));
  const m = approvalRequest({ ...base, tool: 'Edit', summary: 'edit src/values.ts', intent: 'Doubling every third value.', subject: { kind: 'change', path: 'src/values.ts', before, after } });
  assert.equal(
    m.body,
    [
      '🔐 hello-app wants to use Edit:',
      '💬 Doubling every third value.',
      '✏️ src/values.ts  +67 −67',
      '📎 values.ts.patch — the whole change, attached',
      HINT,
    ].join('\n'),
  );
  assert.equal(m.attachments.length, 1);
  const [patch] = m.attachments;
  assert.equal(patch?.fileName, 'values.ts.patch');
  assert.equal(patch?.contentType, 'text/x-patch');
  const files = parseUnifiedDiff(new TextDecoder().decode(patch?.data));
  assert.deepEqual(files.map((f) => [f.newPath, f.added, f.removed]), [['src/values.ts', 67, 67]], 'the attachment is the whole change');
});

test('a new file with a very long line shows two rows of it; a long command is attached; each stays one message', () => {
  const file = approvalRequest({ ...base, tool: 'Write', summary: 'w', subject: { kind: 'change', path: 'data/big.csv', before: null, after: 'x,'.repeat(3000) + '\n' } });
  assert.equal(
    file.body,
    [
      '🔐 hello-app wants to use Write:',
      "Edit needs the owner's approval.",
      '🆕 data/big.csv (new file, 1 line, 5.9 KB)',
      'x,'.repeat(30),
      `↪ ${'x,'.repeat(29)} …`,
      HINT,
    ].join('\n'),
  );
  assert.deepEqual(file.attachments, []);
  const command = 'cat > setup.sh <<EOF\n' + 'echo step\n'.repeat(300) + 'EOF';
  const bash = approvalRequest({ ...base, tool: 'Bash', summary: command, subject: { kind: 'command', command, cwd: '/p', sandboxed: false } });
  assert.equal(
    bash.body,
    ['🔐 hello-app wants to use Bash:', "Edit needs the owner's approval.", 'cat > setup.sh <<EOF …', '📎 command.sh — the whole command (302 lines, 3.0 KB), attached', '📁 /p', '🔓 runs unsandboxed: it can change anything your account can', HINT].join('\n'),
  );
  assert.equal(new TextDecoder().decode(bash.attachments[0]?.data), command);
  for (const m of [file, bash]) assert.ok(utf8Length(m.body) <= SIGNAL_BODY_LIMIT_BYTES);
});

test('secrets in a change are hidden on the phone and in the patch', () => {
  const key = 'sk-ant-api03-' + 'a'.repeat(40);
  const m = approvalRequest({ ...base, tool: 'Write', summary: 'w', subject: { kind: 'change', path: '.env', before: '', after: `ANTHROPIC_API_KEY=${key}\n` } });
  assert.doesNotMatch(m.body, /aaaaaaaa/);
  assert.match(m.body, /⚠️ 1 secret hidden here/);
});

test('the reason is the last sentence Claude wrote before the call', () => {
  assert.equal(intentSentence('First I read it. Then: I will fix the typo in `main.ts`.'), 'Then: I will fix the typo in `main.ts`.');
  assert.equal(intentSentence('Plan:\n\n1. Read.\n\nNow updating the config file'), 'Now updating the config file');
  assert.equal(intentSentence('   '), '');
  assert.equal(intentSentence(undefined), '');
  assert.equal(intentSentence('x'.repeat(400)).length, 280);
});
