// Health tells the truth: each thing that keeps the app from doing its job shows up as a reason,
// and a started app that is not linked and has no key says so on /api/health and /api/status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DISK_LOW_BYTES, diskSpace, healthProblems, OUTBOX_STUCK_MS, type HealthFacts } from '../../src-main/daemon/health.js';
import { HealthSchema, StatusSchema } from '../../src-main/shared/api.js';
import { findAppRoot } from '../../src-main/shared/app-info.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { startHost } from '../../src-main/host/start-host.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { tempDir } from '../helpers/temp.js';
import { unreachableSignalConfig } from '../helpers/signal-config.js';

const NOW = 1_800_000_000_000;
const healthy: HealthFacts = {
  now: NOW,
  signal: { state: 'connected' },
  anthropicKeySet: true,
  oldestPendingAt: NOW - 1000,
  disk: { freeBytes: 50e9, totalBytes: 500e9 },
  commandHost: { state: 'running', detail: 'command host pid 7' },
};
const codes = (facts: Partial<HealthFacts>) => healthProblems({ ...healthy, ...facts }).map((p) => p.code);

test('a linked, connected app with a key, a moving outbox, room on disk and its command host has no problems', () => {
  assert.deepEqual(healthProblems(healthy), []);
});

test('each state that keeps the app from working is named, with what to do', () => {
  assert.deepEqual(codes({ signal: { state: 'unlinked' } }), ['signal-unlinked']);
  assert.deepEqual(codes({ signal: { state: 'unlinked-by-phone' } }), ['signal-unlinked']);
  assert.match(healthProblems({ ...healthy, signal: { state: 'unlinked-by-phone' } })[0]!.message, /unlinked from the phone/);
  assert.deepEqual(codes({ signal: { state: 'disconnected', lastError: 'ECONNREFUSED' } }), ['signal-unreachable']);
  assert.match(healthProblems({ ...healthy, signal: { state: 'disconnected', lastError: 'ECONNREFUSED' } })[0]!.message, /cannot be reached \(ECONNREFUSED\)/);
  assert.deepEqual(codes({ anthropicKeySet: false }), ['anthropic-key-missing']);
  assert.deepEqual(codes({ anthropicKeyRejected: { status: 401 } }), ['anthropic-key-rejected']);
  assert.match(healthProblems({ ...healthy, anthropicKeyRejected: { status: 403 } })[0]!.message, /^Anthropic rejected the API key \(HTTP 403\)/);
  assert.deepEqual(codes({ anthropicKeySet: false, anthropicKeyRejected: { status: 401 } }), ['anthropic-key-missing'], 'no key at all says so, not "rejected"');
  assert.deepEqual(codes({ oldestPendingAt: NOW - OUTBOX_STUCK_MS + 1000 }), [], 'a reply a few minutes old is still only slow');
  assert.deepEqual(codes({ oldestPendingAt: NOW - OUTBOX_STUCK_MS - 60_000 }), ['outbox-stuck']);
  assert.match(healthProblems({ ...healthy, oldestPendingAt: NOW - 12 * 60_000 })[0]!.message, /waiting 12 minutes/);
  const hold = { message: 'Signal wants a captcha solved before more messages go out. Replies wait and go out by themselves in about a minute.' };
  assert.deepEqual(codes({ sendHold: hold }), ['outbox-stuck'], 'a hold by Signal shows at once, not after minutes');
  assert.match(healthProblems({ ...healthy, sendHold: hold })[0]!.message, /^Signal is holding replies back: Signal wants a captcha/);
  assert.deepEqual(codes({ undelivered: 0 }), [], 'nothing undelivered is no problem');
  assert.match(healthProblems({ ...healthy, undelivered: 3 })[0]!.message, /^3 replies could not be delivered to Signal; send \/undelivered from the phone to see them\.$/);
  assert.deepEqual(codes({ disk: { freeBytes: DISK_LOW_BYTES - 1, totalBytes: 500e9 } }), ['disk-nearly-full']);
  assert.deepEqual(codes({ disk: { freeBytes: 1e9, totalBytes: 100e9 } }), ['disk-nearly-full'], 'under 2 % free');
  assert.deepEqual(codes({ commandHost: { state: 'failed', detail: 'exited with code 1' } }), ['command-host-down']);
  assert.deepEqual(codes({ commandHost: { state: 'stopped' } }), ['command-host-down']);
  assert.deepEqual(codes({ commandHost: { state: 'idle', detail: 'not running: starts with the next command' } }), [], 'stopped on purpose between commands is not down');
  assert.match(healthProblems({ ...healthy, commandHost: { state: 'failed', detail: 'exited with code 1' } })[0]!.message, /failed \(exited with code 1\)/);
  assert.deepEqual(codes({ signal: { state: 'linking' }, anthropicKeySet: false }), ['signal-unlinked', 'anthropic-key-missing']);
});

test('the disk figures health judges are the ones df shows for the data folder; an unreadable folder gives none (no invented problem)', (t) => {
  const dir = tempDir(t);
  const [avail, size] = execFileSync('df', ['-B1', '--output=avail,size', dir], { encoding: 'utf8' }).trim().split('\n').at(-1)!.trim().split(/\s+/).map(Number);
  const space = diskSpace(dir);
  assert.ok(space, 'figures for an existing folder');
  assert.equal(space.totalBytes, size);
  // Free space moves as other programs write; within 64 MB is the same reading.
  assert.ok(Math.abs(space.freeBytes - avail!) < 64 * 1024 * 1024, `free ${space.freeBytes} vs df ${avail}`);
  assert.equal(diskSpace(join(dir, 'missing')), undefined);
  assert.deepEqual(codes({ disk: undefined }), []);
});

test('/api/health and /api/status say degraded, with the reasons, when the app is not linked and has no key', async (t) => {
  const dataDir = tempDir(t);
  const host = await startHost({
    settings: loadSettings({ dataDir, port: 0, signalConfig: await unreachableSignalConfig(t), logLevel: 'silent' }, {}),
    root: findAppRoot(),
    print: () => undefined,
    keyProvider: (dir) => new FileKeyProvider(dir),
    host: { quit: () => undefined },
    headless: true,
  });
  t.after(() => host.stop());
  const url = new URL(host.url);
  const get = async (path: string) => (await fetch(`${url.origin}${path}`, { headers: { Authorization: `Bearer ${url.searchParams.get('token')}` } })).json();
  const health = HealthSchema.parse(await get('/api/health'));
  assert.equal(health.ok, false);
  assert.deepEqual(health.problems.map((p) => p.code), ['signal-unlinked', 'anthropic-key-missing']);
  const status = StatusSchema.parse(await get('/api/status'));
  assert.deepEqual(status.health.problems, health.problems);
  await host.stop();
});
