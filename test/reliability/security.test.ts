// Security checks on the running product:
//   - the HTTP API: every route refuses a missing or wrong token and a foreign Host; the server
//     is bound to 127.0.0.1 only (the machine's other addresses and ::1 refuse the connection);
//   - the agent's file tools, driven by scripted Claude through a real worker in the most
//     permissive mode, cannot read or write outside the project (paths, symlinks, dangling
//     links, globs), and nothing from outside reaches the model;
//   - secrets and message contents never reach the log: a linked daemon at trace level handles
//     instructions with an API key set, then its log files and stderr are searched for the API
//     key, the dashboard token, the database key, the Signal password and profile key, the
//     owner's number and the texts of the messages, answers and files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ROUTES, routePath } from '../../src-main/shared/api.js';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { AnthropicTestServer, reply, text, toolUse, type Script } from '../helpers/anthropic-server.js';
import { startDaemon } from '../helpers/daemon-process.js';
import { startMockSignal } from '../helpers/mock-signal.js';
import { Phone } from '../helpers/phone.js';
import { startProduct } from '../helpers/product.js';
import { tempDir } from '../helpers/temp.js';
import { defer } from '../helpers/defer.js';
import { startAndLink, TEST_API_KEY, type CliOptions } from './helpers/linked-cli.js';
import { Owner } from './helpers/owner.js';

function rawStatus(port: number, method: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Content-Length: 2', 'Connection: close', '', '{}'];
      socket.write(lines.join('\r\n'));
    });
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(true));
  });
}

test('the HTTP API: every route refuses no token, a wrong token and a foreign Host; only 127.0.0.1 is bound', async (t) => {
  const daemon = await startDaemon(t, ['--data-dir', tempDir(t), '--port', '0']);
  const host = `127.0.0.1:${daemon.port}`;
  const checked: string[] = [];
  for (const [name, route] of Object.entries(API_ROUTES)) {
    const path = routePath(route.path, { id: 'x' });
    assert.equal(await rawStatus(daemon.port, route.method, path, { Host: host }), 401, `${name} without a token`);
    assert.equal(await rawStatus(daemon.port, route.method, path, { Host: host, Authorization: `Bearer ${daemon.token}x` }), 401, `${name} with a wrong token`);
    assert.equal(await rawStatus(daemon.port, route.method, `${path}?token=${daemon.token.toUpperCase()}`, { Host: host }), 401, `${name} with a wrong query token`);
    for (const foreign of ['evil.example', `evil.example:${daemon.port}`, `127.0.0.1.evil.example:${daemon.port}`, `localhost.:${daemon.port}`, `127.0.0.1:${daemon.port + 1}`]) {
      assert.equal(await rawStatus(daemon.port, route.method, path, { Host: foreign, Authorization: `Bearer ${daemon.token}` }), 403, `${name} with Host ${foreign}`);
    }
    // HTTP/1.1 without Host: Node's parser refuses it (400) before our check (403) would.
    assert.ok([400, 403].includes(await rawStatus(daemon.port, route.method, path, { Authorization: `Bearer ${daemon.token}` })), `${name} without a Host header`);
    checked.push(name);
  }
  assert.equal(await rawStatus(daemon.port, 'GET', '/api/events', { Host: host }), 401, 'the event stream too');
  // The page itself is a static build with no data (it loads without the token), but a wrong token is refused.
  assert.equal(await rawStatus(daemon.port, 'GET', `/?token=${daemon.token}x`, { Host: host }), 401, 'the page with a wrong token');

  // Bound to 127.0.0.1 only: the machine's other addresses (and IPv6 loopback) refuse.
  const others = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((a) => !a.internal).map((a) => a.address);
  for (const address of [...others, '::1']) assert.equal(await refused(address, daemon.port), true, `nothing listens on ${address}:${daemon.port}`);
  assert.equal(await refused('127.0.0.1', daemon.port), false);
  console.log(`[security] API: ${checked.length} routes × (no token, wrong token, wrong query token, 5 foreign Hosts, no Host) refused; not reachable on ${[...others, '::1'].join(', ')}`);
  await daemon.stop();
});

test("the agent's file tools cannot leave the project, even with every permission granted", async (t) => {
  const p = await startProduct(t, { settings: { permissionMode: 'bypassPermissions' } });
  const dir = p.folder('fort');
  const outside = mkdtempSync(join(tmpdir(), 'sc-outside-'));
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'secret.txt'), 'TOP-SECRET-OUTSIDE\n');
  mkdirSync(join(outside, 'dir'));
  writeFileSync(join(dir, 'inside.txt'), 'inside\n');
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.txt'));
  symlinkSync(outside, join(dir, 'out-dir'));
  symlinkSync(join(outside, 'created-through-link.txt'), join(dir, 'dangling.txt'));
  symlinkSync(join(outside, 'made-dir'), join(dir, 'dangling-dir'));
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  const attacks: Array<[string, Record<string, unknown>]> = [
    ['Read', { file_path: '../../../../../../etc/passwd' }],
    ['Read', { file_path: join(outside, 'secret.txt') }],
    ['Read', { file_path: 'leak.txt' }],
    ['Read', { file_path: 'out-dir/secret.txt' }],
    ['Read', { file_path: 'loop-a' }],
    ['Read', { file_path: 'inside.txt\u0000../../secret' }],
    ['Read', { file_path: '/proc/self/environ' }],
    ['Write', { file_path: join(outside, 'written.txt'), content: 'pwned' }],
    ['Write', { file_path: 'dangling.txt', content: 'pwned' }],
    ['Write', { file_path: 'dangling-dir/x.txt', content: 'pwned' }],
    ['Write', { file_path: 'out-dir/dir/new.txt', content: 'pwned' }],
    ['Write', { file_path: 'leak.txt', content: 'pwned' }],
    ['Edit', { file_path: 'leak.txt', old_string: 'TOP', new_string: 'pwned' }],
    ['Edit', { file_path: 'dangling.txt', old_string: '', new_string: 'pwned' }],
    ['Glob', { pattern: '**/*', path: outside }],
    ['Glob', { pattern: '../**/secret.txt' }],
    ['Grep', { pattern: 'TOP-SECRET', path: '..' }],
    ['Grep', { pattern: 'TOP-SECRET', output_mode: 'content' }],
    ['Glob', { pattern: 'out-dir/**' }],
  ];
  const script: Script[] = [reply(attacks.map(([name, input], i) => toolUse(name, input, `toolu_attack_${i}`))), reply([text('ATTACKS-DONE')])];
  p.claude.enqueue(...script);
  const owner = new Owner(p.phone);
  await owner.say('/add fort');
  await p.phone.waitFor((m) => m.body.includes('Added fort '), 'the /add confirmation');
  await owner.say('try to get out');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('ATTACKS-DONE'), 'the end of the attack turn');

  const results = p.claude.messageRequests[1]!.body.messages.at(-1)!.content as Array<{ type: string; tool_use_id: string; content: unknown; is_error?: boolean }>;
  const byId = new Map(results.filter((b) => b.type === 'tool_result').map((b) => [b.tool_use_id, b]));
  const outcomes: string[] = [];
  attacks.forEach(([name, input], i) => {
    const r = byId.get(`toolu_attack_${i}`);
    assert.ok(r, `${name} ${JSON.stringify(input)} was answered`);
    const said = JSON.stringify(r.content);
    // A search rooted inside may answer (with nothing from outside); anything naming a place
    // outside is refused.
    const searchInside = (name === 'Grep' || name === 'Glob') && input.path === undefined;
    if (searchInside) assert.doesNotMatch(said, /secret\.txt|TOP-SECRET|written|created-through/, `${name} ${JSON.stringify(input)} finds nothing outside`);
    else assert.equal(r.is_error, true, `${name} ${JSON.stringify(input)} is refused: ${said.slice(0, 200)}`);
    outcomes.push(`${name} ${JSON.stringify(input).slice(0, 60)} → ${said.slice(1, 70)}`);
  });
  const everything = JSON.stringify(p.claude.messageRequests.map((r) => r.body));
  assert.doesNotMatch(everything, /TOP-SECRET-OUTSIDE|root:x:0:0/, 'nothing from outside reached the model');
  assert.deepEqual(readdirSync(outside).sort(), ['dir', 'secret.txt'], 'nothing was created outside');
  assert.deepEqual(readdirSync(join(outside, 'dir')), []);
  assert.equal(readFileSync(join(outside, 'secret.txt'), 'utf8'), 'TOP-SECRET-OUTSIDE\n', 'nothing outside was changed');
  console.log(`[security] ${attacks.length} confinement attacks through the real worker, all refused:\n  ${outcomes.join('\n  ')}`);
});

/** Every file under `dir` (recursively), as text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push({ path, text: readFileSync(path, 'latin1') });
  }
  return out;
}

test('secrets and message contents never reach the log (trace level, a full conversation)', { timeout: 180_000 }, async (t) => {
  const mock = await startMockSignal(t);
  const claude = await AnthropicTestServer.start();
  defer(t, () => claude.close());
  const dataDir = tempDir(t, 'sc-logscan-');
  const root = join(tempDir(t), 'code');
  mkdirSync(join(root, 'vault'), { recursive: true });
  const marks = {
    body: 'OWNER-BODY-7f3a9c',
    answer: 'CLAUDE-ANSWER-2b8e41',
    fileContent: 'FILE-CONTENT-91d0aa',
    command: 'BASH-OUTPUT-55e2c7',
  };
  // The paths where content could slip into a log: a refused request and a retry, a command
  // that fails with the secret in its output, a file error naming a path, a stranger's message.
  claude.enqueue(
    { kind: 'error', status: 500, message: `Internal error while reading ${marks.body}` },
    reply([text(`Working on ${marks.body}.`), toolUse('Write', { file_path: join(root, 'vault', 'notes.txt'), content: `${marks.fileContent}\n` })]),
    reply([toolUse('Bash', { command: `echo ${marks.command}; echo ${marks.command} >&2; exit 3` })]),
    reply([toolUse('Read', { file_path: `missing-${marks.fileContent}.txt` })]),
    { kind: 'cut', message: reply([text(`${marks.answer} partial`)]), afterEvents: 4 },
    reply([text(`${marks.answer}: wrote the notes.`)]),
  );
  const options: CliOptions = { mock, claudeUrl: claude.url, dataDir, root, extraArgs: ['--log-level', 'trace', '--permission-mode', 'bypassPermissions'] };
  const { daemon, device } = await startAndLink(t, options);
  const phone = new Phone(mock, device);
  t.after(() => phone.stop());
  const owner = new Owner(phone);
  await owner.say('/add vault');
  await phone.waitFor((m) => m.body.includes('Added vault '), 'the /add confirmation');
  await owner.say(`please write ${marks.body} into the notes`);
  await phone.waitFor((m) => m.kind === 'notify' && m.body.includes(marks.answer), 'the answer');
  await owner.say('/history');
  await owner.say(`/nosuchcommand ${marks.body}`);
  const stranger = await mock.createAccount('Stranger');
  await stranger.addSingleUseKey(device, await device.popSingleUseKey());
  await Phone.strangerWrites(stranger, device, `stranger says ${marks.body}`);
  await phone.waitFor((m) => m.body.includes('Unknown command /nosuchcommand'), 'the unknown-command reply');
  await new Promise((r) => setTimeout(r, 500));
  await daemon.stop();

  const store = Store.open({ path: join(dataDir, DATABASE_FILE), key: new FileKeyProvider(dataDir).load({ create: false }) });
  const account = store.db.prepare('SELECT password, profile_key, number FROM signal_account').get<{ password: string; profile_key: Uint8Array<ArrayBuffer> | null; number: string | null }>();
  store.close();
  assert.ok(account);
  const dbKey = readFileSync(join(dataDir, 'db.key'), 'utf8').trim();
  const secrets: Record<string, string> = {
    'the Anthropic API key': TEST_API_KEY,
    'the end of the Anthropic API key': TEST_API_KEY.slice(-20),
    'the dashboard token': daemon.token,
    'the database key': dbKey,
    'the Signal password': account.password,
    ...(account.profile_key ? { 'the profile key (base64)': Buffer.from(account.profile_key).toString('base64'), 'the profile key (hex)': Buffer.from(account.profile_key).toString('hex') } : {}),
    ...(account.number ? { "the owner's number": account.number, "the owner's number without +": account.number.replace(/^\+/, '') } : {}),
    "the owner's message": marks.body,
    "Claude's answer": marks.answer,
    'the file Claude wrote': marks.fileContent,
    "the command's output": marks.command,
  };
  const logs = filesUnder(join(dataDir, 'logs'));
  if (process.env.SHOW_LOG) console.log(logs.map((l) => l.text).join('\n'));
  const logText = logs.map((l) => l.text).join('\n');
  // The stranger's message is decrypted, then dropped before it is stored (only the owner's Note to Self is kept).
  for (const expected of ['messages of another conversation dropped, not stored', 'linked as a new device', 'daemon stopped']) assert.ok(logText.includes(expected), `the log covers the scenario: "${expected}"`);
  const sources = [...logs, { path: 'stderr', text: daemon.stderr.join('\n') }];
  const leaks: string[] = [];
  for (const [what, secret] of Object.entries(secrets)) {
    for (const s of sources) if (s.text.includes(secret)) leaks.push(`${what} in ${s.path}`);
  }
  const size = logs.reduce((n, l) => n + l.text.length, 0);
  console.log(`[security] log scan: ${Object.keys(secrets).length} secrets and contents searched in ${logs.length} log file(s) (${size} bytes at trace level) and stderr: ${leaks.length} found`);
  assert.deepEqual(leaks, []);
});
