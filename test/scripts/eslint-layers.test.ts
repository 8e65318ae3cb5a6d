// The layer map fails lint on an upward import: probes are linted as if they were files in
// src-main/, through the project's real ESLint config.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/import-layers').map((m) => m.message);
}

test('a feature folder importing daemon/, host/, headless/ or electron/ fails lint', async () => {
  for (const [file, spec] of [
    ['src-main/store/probe.ts', '../daemon/daemon.js'],
    ['src-main/signal/probe.ts', '../host/start-host.js'],
    ['src-main/chat/probe.ts', '../headless/cli.js'],
    ['src-main/sessions/probe.ts', '../electron/tray.js'],
    ['src-main/display/probe.ts', '../sessions/lifecycle.js'],
    ['src-main/shared/probe.ts', '../store/database.js'],
    ['src-main/signal/receive/probe.ts', '../../chat/chat-service.js'],
  ]) {
    const errors = await layerErrors(file!, `import '${spec}';\n`);
    assert.equal(errors.length, 1, `${file} → ${spec}`);
    assert.match(errors[0]!, /may not import/);
  }
});

test('imports down the layers pass', async () => {
  for (const [file, spec] of [
    ['src-main/store/probe.ts', '../shared/errors.js'],
    ['src-main/chat/probe.ts', '../sessions/lifecycle.js'],
    ['src-main/daemon/probe.ts', '../chat/chat-service.js'],
    ['src-main/sessions/probe.ts', '../agent/index.js'],
  ]) {
    assert.deepEqual(await layerErrors(file!, `import '${spec}';\n`), [], `${file} → ${spec}`);
  }
});

test('worker-thread and main-thread agent files never import each other', async () => {
  assert.equal((await layerErrors('src-main/agent/worker/probe.ts', "import '../main/rate-limiter.js';\n")).length, 1);
  assert.equal((await layerErrors('src-main/agent/main/probe.ts', "import '../worker/loop.js';\n")).length, 1);
  assert.equal((await layerErrors('src-main/agent/probe.ts', "import './worker/loop.js';\n")).length, 1);
  assert.deepEqual(await layerErrors('src-main/agent/worker/probe.ts', "import '../protocol.js';\n"), []);
});

test('outside agent/, the worker side is reached only through agent/index.ts', async () => {
  const errors = await layerErrors('src-main/sessions/probe.ts', "import '../agent/worker/loop.js';\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /agent\/index\.ts/);
});

test('re-exports and dynamic imports are checked too', async () => {
  assert.equal((await layerErrors('src-main/store/probe.ts', "export * from '../daemon/daemon.js';\n")).length, 1);
  assert.equal((await layerErrors('src-main/store/probe.ts', "export async function f() { return import('../daemon/daemon.js'); }\n")).length, 1);
});
