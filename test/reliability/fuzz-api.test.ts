// Fuzzing the app's other inputs: HTTP requests against the running loopback server (the CLI
// daemon), IPC payloads through the Electron-free dispatcher with the real handlers, and config
// files (preferences.json and --signal-config). Each ends in an answer or a clear error: no 500,
// no crash, no unhandled rejection, no internal error for anything a caller can send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { API_ROUTES, type ApiRouteName } from '../../src-main/shared/api.js';
import { AppError } from '../../src-main/shared/errors.js';
import { silentLogger } from '../../src-main/shared/logger.js';
import { createApiHandlers } from '../../src-main/daemon/api-handlers.js';
import { dispatchIpc } from '../../src-main/electron/ipc-dispatch.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { loadServerConfig } from '../../src-main/signal/server-config.js';
import { spawn } from 'node:child_process';
import { CLI_ENTRY, startDaemon } from '../helpers/daemon-process.js';
import { startProduct } from '../helpers/product.js';
import { tempDir } from '../helpers/temp.js';
import { scenarioSeed } from './helpers/seed.js';

const HTTP_RUNS = 1_500;
const IPC_RUNS = 3_000;
const CONFIG_RUNS = 2_000;
const CLI_RUNS = 12;

interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

function raw(port: number, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
  // A body always carries its length (Node sends a GET's body without one, which the server then
  // reads as the start of a second, malformed request).
  const withLength = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    // A fresh connection each time: a reused keep-alive socket the server just timed out resets.
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: withLength, setHost: !('Host' in headers), agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may refuse a request and close the connection before reading all of its body.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ status: 0, contentType: '', body: '' });
      else reject(error);
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const idLike = fc.oneof(fc.uuid(), fc.string({ maxLength: 30 }), fc.constantFrom('..', '%2e%2e', '%00', 'a/b', ' ', '😀', 'x'.repeat(5000)));
const jsonish = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.record({ id: idLike, decision: fc.constantFrom('allow_once', 'allow_session', 'deny', 'maybe'), key: fc.string({ maxLength: 120 }), permissionMode: fc.constantFrom('default', 'bypassPermissions', 'yolo'), projectRoots: fc.array(fc.constantFrom('/', '/tmp', 'relative', ''), { maxLength: 2 }), approvalTimeoutSec: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('{', '[1,', '"\\ud800"', 'null', '', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}') },
  { weight: 1, arbitrary: fc.integer({ min: 1_100_000, max: 1_500_000 }).map((n) => `{"k":"${'a'.repeat(n)}"}`) },
);

test(`${HTTP_RUNS} generated HTTP requests against the running loopback server`, { timeout: 300_000 }, async (t) => {
  const seed = scenarioSeed('fuzz-http');
  const daemon = await startDaemon(t, ['--data-dir', tempDir(t), '--port', '0']);
  const routes = (Object.keys(API_ROUTES) as ApiRouteName[]).filter((name) => name !== 'quit');
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        route: fc.constantFrom(...routes),
        method: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')),
        id: idLike,
        otherPath: fc.option(fc.oneof(fc.webPath(), fc.constantFrom('/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/index.html', '/assets/../../package.json', '/api', '/api/', '/api/../api/status', '//api/status', '/api/sessions/%E0%A4%A', '/api/sessions/%', '/api/approvals/%ZZ', '/%E0%A4%A', '/assets/%ZZ.js')), { freq: 4 }),
        auth: fc.constantFrom('bearer', 'query', 'none', 'wrong', 'malformed'),
        host: fc.constantFrom('ok', 'ok', 'ok', 'localhost', 'evil.example', '127.0.0.1:1', '[::1]', 'none'),
        body: fc.option(jsonish, { freq: 2 }),
        contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
      }),
      async (r) => {
        const route = API_ROUTES[r.route];
        const method = r.method || route.method;
        let path = r.otherPath ?? route.path.replace(':id', encodeURIComponent(r.id));
        if (r.auth === 'query') path += `${path.includes('?') ? '&' : '?'}token=${daemon.token}`;
        const headers: Record<string, string> = {};
        if (r.auth === 'bearer') headers.Authorization = `Bearer ${daemon.token}`;
        // (Changes the last character; a token that ends in 'x' gets a 'y', or the "wrong" one is right.)
        if (r.auth === 'wrong') headers.Authorization = `Bearer ${daemon.token.slice(0, -1)}${daemon.token.endsWith('x') ? 'y' : 'x'}`;
        if (r.auth === 'malformed') headers.Authorization = `Basic ${daemon.token}`;
        if (r.host === 'localhost') headers.Host = `localhost:${daemon.port}`;
        else if (r.host !== 'ok' && r.host !== 'none') headers.Host = r.host;
        if (r.contentType) headers['Content-Type'] = r.contentType;
        const res = await raw(daemon.port, method, path, headers, r.body ?? undefined);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 0) {
          // Cut off mid-upload: only for a body over the 1 MiB limit or a target Node refuses.
          assert.ok((r.body?.length ?? 0) > 1024 * 1024 || !path.startsWith('/'), `connection reset: ${method} ${path.slice(0, 80)}`);
          return;
        }
        assert.ok(res.status < 500 || res.status === 503, `no server error: ${method} ${path.slice(0, 80)} → ${res.status} ${res.body.slice(0, 200)}`);
        const loopbackHost = ['ok', 'localhost', '[::1]', 'none'].includes(r.host);
        // (A target that is not a path at all is refused by Node's parser first: 400.)
        if (!loopbackHost) assert.ok(res.status === 403 || (res.status === 400 && !path.startsWith('/')), `a foreign Host is refused: ${res.status}`);
        const authorized = r.auth === 'bearer' || r.auth === 'query';
        if (!authorized && loopbackHost && path.startsWith('/api/')) assert.equal(res.status, 401, `no token, no API: ${path}`);
        if (path.startsWith('/api/') && res.status >= 400 && method !== 'HEAD') {
          const parsed = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
          assert.ok(parsed.error?.code && parsed.error.message, `an error body with code and message: ${res.body.slice(0, 200)}`);
        }
        assert.ok(!res.body.includes(daemon.token) || res.contentType.startsWith('text/html'), 'the token is never echoed');
      },
    ),
    { numRuns: HTTP_RUNS, seed, includeErrorInReport: true },
  );
  const status = await daemon.api('/api/status');
  assert.equal(status.status, 200, 'still answering');
  console.log(`[fuzz-http] seed ${seed}: ${HTTP_RUNS} requests → ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  const stopped = await daemon.stop();
  assert.equal(stopped.code, 0);
  assert.equal(daemon.stderr.filter((l) => /unhandled|uncaught|TypeError/i.test(l)).length, 0, daemon.stderr.join('\n'));
});

test(`${IPC_RUNS} generated IPC payloads through the dispatcher with the real handlers`, { timeout: 300_000 }, async (t) => {
  const seed = scenarioSeed('fuzz-ipc');
  const p = await startProduct(t);
  const handlers = createApiHandlers(p.daemon, { quit: () => undefined });
  const routes = (Object.keys(API_ROUTES) as ApiRouteName[]).filter((r) => r !== 'quit');
  const outcomes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes),
      fc.oneof(fc.constant('app://renderer/index.html'), fc.constant('app://renderer/'), fc.constantFrom(undefined, '', 'https://evil.example/', 'file:///etc/passwd', 'app://evil/', 'http://127.0.0.1:1/', 'devtools://devtools')),
      fc.oneof(fc.anything({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), fc.record({ id: idLike, decision: fc.constantFrom('allow_once', 'deny', 'x'), key: fc.string(), permissionMode: fc.string() }, { requiredKeys: [] })),
      async (route, sender, payload) => {
        const result = await dispatchIpc(route, sender, payload, handlers, silentLogger());
        const key = result.ok ? 'ok' : result.error.code;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (!result.ok) {
          assert.notEqual(result.error.code, 'INTERNAL', `${route} with ${JSON.stringify(payload)?.slice(0, 200)} failed inside: ${result.error.message}`);
          assert.ok(result.error.message.length > 5);
        }
      },
    ),
    { numRuns: IPC_RUNS, seed, includeErrorInReport: true },
  );
  console.log(`[fuzz-ipc] seed ${seed}: ${IPC_RUNS} calls → ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  assert.ok((outcomes.get('API_FORBIDDEN') ?? 0) > 0 && (outcomes.get('ok') ?? 0) > 0);
  assert.equal(p.daemon.health().ok, true);
  assert.equal(p.daemon.services.signal.status().state, 'connected', 'no call dropped the Signal link');
});

const settingValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('default', 'bot', 'note-to-self', 'bypassPermissions', '/', '~', '../x', -1, 0, 65_536, 1e309, true, null));
const preferencesText = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom('port', 'model', 'permissionMode', 'approvalTimeoutSec', 'chatMode', 'allowlist', 'projectRoots', 'logLevel', 'deviceName', 'notifications', 'allowRules', 'denyRules', 'askRules', 'dataDir', 'anthropicBaseUrl', 'unknownKey', '__proto__'), settingValue, { maxKeys: 5 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b).toString('latin1')) },
);
const signalConfigText = fc.oneof(
  { weight: 4, arbitrary: fc.record({ chatUrl: fc.oneof(fc.webUrl(), fc.string(), fc.constant('https://127.0.0.1:1')), storageUrl: fc.webUrl(), cdnUrls: fc.dictionary(fc.constantFrom('0', '2', '3', 'x'), fc.oneof(fc.webUrl(), fc.integer())), certificateAuthority: fc.oneof(fc.string(), fc.constant('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')), serverTrustRoots: fc.array(fc.base64String(), { maxLength: 2 }), serverPublicParams: fc.base64String(), genericServerPublicParams: fc.base64String(), backupServerPublicParams: fc.base64String() }, { requiredKeys: [] }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
);

test(`${CONFIG_RUNS} generated preferences.json and --signal-config files: settings, or one clear error`, (t) => {
  const seed = scenarioSeed('fuzz-config');
  const dir = tempDir(t);
  const outcomes = { valid: 0, refused: 0 };
  fc.assert(
    fc.property(preferencesText, signalConfigText, (prefs, signal) => {
      const dataDir = join(dir, 'data');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'preferences.json'), prefs);
      const signalPath = join(dir, 'signal.json');
      writeFileSync(signalPath, signal);
      for (const load of [() => loadSettings({ dataDir }, {}), () => loadServerConfig(signalPath)]) {
        try {
          load();
          outcomes.valid++;
        } catch (error) {
          assert.ok(error instanceof AppError, `only AppErrors: ${String(error)}`);
          assert.match(error.toUserLine(), /^[A-Z"].{15,}/, 'a sentence');
          assert.ok(error.toUserLine().length < 600, 'one readable line');
          outcomes.refused++;
        }
      }
    }),
    { numRuns: CONFIG_RUNS, seed, includeErrorInReport: true },
  );
  console.log(`[fuzz-config] seed ${seed}: ${CONFIG_RUNS} preference files and ${CONFIG_RUNS} signal configs → ${outcomes.valid} loaded, ${outcomes.refused} refused with a clear error`);
});

/** Runs the daemon: it exits with a message, or prints its Dashboard line and is stopped. */
function runDaemonOnce(args: string[]): Promise<{ code: number | null; stderr: string; ran: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    let stderr = '';
    let ran = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!ran && d.toString().includes('Dashboard: ')) {
        ran = true;
        child.kill('SIGTERM');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ran });
    });
  });
}

test(`${CLI_RUNS} generated config files given to the real CLI: one clear line and a non-zero exit, or it runs`, { timeout: 300_000 }, async (t) => {
  const seed = scenarioSeed('fuzz-cli-config');
  const samples = fc.sample(fc.tuple(preferencesText, signalConfigText), { numRuns: CLI_RUNS, seed, includeErrorInReport: true });
  const outcomes: string[] = [];
  for (const [prefs, signal] of samples) {
    const dir = tempDir(t);
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'preferences.json'), prefs);
    writeFileSync(join(dir, 'signal.json'), signal);
    const r = await runDaemonOnce(['--data-dir', dataDir, '--port', '0', '--signal-config', join(dir, 'signal.json')]);
    outcomes.push(r.ran ? 'ran' : `exit ${r.code}`);
    if (r.ran) continue;
    assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.match(r.stderr, /^signal-claude: \S/);
    assert.doesNotMatch(r.stderr, /\n\s+at |TypeError|unexpected failure/);
  }
  console.log(`[fuzz-cli-config] seed ${seed}: ${CLI_RUNS} daemon starts → ${outcomes.join(', ')}`);
  assert.ok(outcomes.some((o) => o !== 'ran'), 'some configurations were refused');
});
