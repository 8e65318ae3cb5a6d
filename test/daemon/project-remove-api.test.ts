// "Remove project…" through the HTTP API the page and the desktop window use (DELETE
// /api/projects/:id), on a real host (loopback server, token, encrypted store): the choice is
// checked by the route's schema, "delete" removes every row of the project's history from the
// SQLCipher store, "keep" keeps them, and the folder on disk is never touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { findAppRoot } from '../../src-main/shared/app-info.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { StepsRepo } from '../../src-main/store/steps-repo.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { startHost, type RunningHost } from '../../src-main/host/start-host.js';
import { tempDir } from '../helpers/temp.js';
import { unreachableSignalConfig } from '../helpers/signal-config.js';

async function host(t: TestContext): Promise<{ host: RunningHost; root: string }> {
  const dataDir = tempDir(t);
  const root = join(tempDir(t), 'code');
  mkdirSync(root);
  const settings = loadSettings({ dataDir, port: 0, signalConfig: await unreachableSignalConfig(t), logLevel: 'silent', projectRoots: [root] }, {});
  const running = await startHost({ settings, root: findAppRoot(), print: () => undefined, keyProvider: (dir) => new FileKeyProvider(dir), host: { quit: () => undefined }, headless: true });
  t.after(() => running.stop());
  return { host: running, root };
}

/** A project with a session, a queued instruction, a transcript step and a waiting approval. */
function projectWithHistory(h: RunningHost, root: string, name: string): string {
  const folder = join(root, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'index.ts'), 'export {};\n');
  const { projects, supervisor, approvals } = h.daemon.services;
  const project = projects.add(folder);
  h.daemon.store.transaction(() => {
    const { runtime, turn } = supervisor.enqueueTurn(project.id, undefined, [{ type: 'text', text: 'tidy up' }]);
    new StepsRepo(h.daemon.store).append(runtime.id, { seq: 1, turnId: turn.id, kind: 'user', at: Date.now() });
    approvals.asked({ sessionId: runtime.id, id: 'ab12', turnId: turn.id, tool: 'Edit', summary: 'edit index.ts', sessionRule: undefined, expiresAt: Date.now() + 60_000 });
  });
  return project.id;
}

function rows(h: RunningHost, projectId: string): number[] {
  const db = h.daemon.store.db;
  const of = 'session_id IN (SELECT id FROM sessions WHERE project_id = ?)';
  return [
    'SELECT COUNT(*) AS n FROM projects WHERE id = ?',
    'SELECT COUNT(*) AS n FROM sessions WHERE project_id = ?',
    `SELECT COUNT(*) AS n FROM steps WHERE ${of}`,
    `SELECT COUNT(*) AS n FROM turns WHERE ${of}`,
    `SELECT COUNT(*) AS n FROM approvals WHERE ${of}`,
  ].map((sql) => db.prepare(sql).get<{ n: number }>([projectId])?.n ?? 0);
}

async function call(h: RunningHost, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const url = new URL(path, h.url);
  const token = new URL(h.url).searchParams.get('token')!;
  const res = await fetch(url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: await res.json() };
}

test('DELETE /api/projects/:id: a bad choice is refused, "delete" removes every row, "keep" keeps them, folders stay', async (t) => {
  const { host: h, root } = await host(t);
  const web = projectWithHistory(h, root, 'web');
  const docs = projectWithHistory(h, root, 'docs');
  assert.deepEqual(rows(h, web), [1, 1, 1, 1, 1]);

  const bad = await call(h, 'DELETE', `/api/projects/${web}`, { history: 'archive' });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.json), /API_BAD_REQUEST.*history/);
  const missing = await call(h, 'DELETE', `/api/projects/${web}`, {});
  assert.equal(missing.status, 400, 'the choice is required');
  const unknown = await call(h, 'DELETE', '/api/projects/no-such-id', { history: 'delete' });
  assert.equal(unknown.status, 404);
  assert.deepEqual(rows(h, web), [1, 1, 1, 1, 1], 'refused requests change nothing');

  const deleted = await call(h, 'DELETE', `/api/projects/${web}`, { history: 'delete' });
  assert.equal(deleted.status, 200);
  assert.deepEqual(deleted.json, { name: 'web', history: 'delete', stoppedTurn: false, droppedTurns: 1, cancelledApprovals: 1 });
  assert.deepEqual(rows(h, web), [0, 0, 0, 0, 0], 'nothing of web is left in the store');
  assert.ok(existsSync(join(root, 'web', 'index.ts')), 'the folder is untouched');

  const kept = await call(h, 'DELETE', `/api/projects/${docs}`, { history: 'keep' });
  assert.deepEqual(kept.json, { name: 'docs', history: 'keep', stoppedTurn: false, droppedTurns: 1, cancelledApprovals: 1 });
  assert.deepEqual(rows(h, docs), [1, 1, 1, 1, 1], 'the history of docs stays');
  const status = h.daemon.store.db.prepare('SELECT status FROM approvals WHERE id = ?').get<{ status: string }>(['ab12']);
  assert.equal(status?.status, 'cancelled', 'its waiting approval was cancelled');
  assert.ok(existsSync(join(root, 'docs', 'index.ts')));

  const list = await call(h, 'GET', '/api/projects');
  assert.deepEqual(list.json, { projects: [] });
  assert.deepEqual((await call(h, 'GET', '/api/sessions')).json, { sessions: [] }, 'their sessions ended');
  const again = await call(h, 'DELETE', `/api/projects/${docs}`, { history: 'delete' });
  assert.equal(again.status, 404, 'a removed project cannot be removed twice');
});
