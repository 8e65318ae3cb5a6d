// The layer map of src-main/, enforced like VS Code's `code-import-patterns`: every relative
// import is resolved against the importing file and checked against the table below, so an
// upward import (a store file reaching into daemon/, a worker file into the main thread) fails
// lint instead of waiting for a reviewer. The table may only get stricter.
import path from 'node:path';

// Folder → the src-main folders its files may import (besides their own).
// Read bottom-up: shared → store/display/agent → signal/sessions → chat → daemon → host →
// headless/electron. Feature folders never import daemon/, host/, headless/ or electron/.
export const LAYERS = {
  shared: [],
  store: ['shared'],
  display: ['shared'],
  agent: ['shared'],
  signal: ['shared', 'store'],
  sessions: ['shared', 'store', 'display', 'agent'],
  chat: ['shared', 'store', 'display', 'agent', 'sessions', 'signal'],
  daemon: ['shared', 'store', 'display', 'agent', 'sessions', 'signal', 'chat'],
  host: ['shared', 'store', 'display', 'agent', 'sessions', 'signal', 'chat', 'daemon'],
  headless: ['shared', 'store', 'display', 'agent', 'sessions', 'signal', 'chat', 'daemon', 'host'],
  electron: ['shared', 'store', 'display', 'agent', 'sessions', 'signal', 'chat', 'daemon', 'host'],
};

// Inside agent/: what runs in the worker thread (worker/, command-host/client.ts) and what runs
// in the main thread (main/, command-host/launcher.ts) never import each other; the command
// host's and the session host's own processes (*/host-main.ts) import neither; files at agent/'s top are
// shared by both sides and import neither (index.ts, the main side's face, excepted).
// Other folders reach the agent through agent/index.ts or the shared top-level files.
function agentSide(rel) {
  if (rel.startsWith('agent/worker/') || rel === 'agent/command-host/client.ts') return 'worker';
  if (rel.startsWith('agent/main/') || rel === 'agent/command-host/launcher.ts') return 'main';
  if (rel === 'agent/command-host/host-main.ts' || rel === 'agent/session-host/host-main.ts') return 'host-process';
  return 'shared';
}

const AGENT_SIDES = {
  worker: ['worker', 'shared'],
  main: ['main', 'shared'],
  'host-process': ['shared'],
  shared: ['shared'],
};

function resolveTs(fromFile, spec) {
  const abs = path.resolve(path.dirname(fromFile), spec);
  return abs.replace(/\.js$/, '.ts');
}

/** Why `fromRel` may not import `toRel` (both relative to src-main/), or undefined when it may. */
export function layerViolation(fromRel, toRel) {
  const from = fromRel.split('/')[0];
  const to = toRel.split('/')[0];
  if (!(from in LAYERS)) return undefined;
  if (!(to in LAYERS)) return `src-main/${to}/ is not in the layer map (scripts/eslint-layers.mjs); add it there first.`;
  if (from !== to && !LAYERS[from].includes(to)) {
    return `src-main/${from}/ may not import src-main/${to}/ (layer map in scripts/eslint-layers.mjs; ${from} may use: ${LAYERS[from].join(', ') || 'nothing else'}).`;
  }
  if (to === 'agent' && from !== 'agent') {
    const side = agentSide(toRel);
    if (side !== 'shared') return `Outside agent/, use agent/index.ts instead of reaching into ${toRel}.`;
  }
  if (from === 'agent' && to === 'agent') {
    const a = agentSide(fromRel);
    const b = agentSide(toRel);
    if (fromRel === 'agent/index.ts' && b === 'main') return undefined;
    if (!AGENT_SIDES[a].includes(b)) return `${fromRel} runs on the ${a} side and may not import ${toRel} (${b} side).`;
  }
  return undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the src-main layer map' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const srcMain = path.resolve(context.cwd, 'src-main');
    const fromRel = path.relative(srcMain, file).split(path.sep).join('/');
    if (fromRel.startsWith('..')) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const toRel = path.relative(srcMain, resolveTs(file, spec)).split(path.sep).join('/');
      if (toRel.startsWith('..')) {
        context.report({ node, message: `src-main/ code may not import ${spec} from outside src-main/.` });
        return;
      }
      const why = layerViolation(fromRel, toRel);
      if (why) context.report({ node, message: why });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { 'import-layers': rule } };
