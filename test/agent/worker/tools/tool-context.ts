// A ToolContext for calling tools directly in tests.
import { rmSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { toolByName } from '../../../../src-main/agent/worker/tools/index.js';
import { isToolResult } from '../../../../src-main/agent/worker/tools/define.js';
import type { Todo, ToolContext, ToolResult } from '../../../../src-main/agent/worker/tools/types.js';
import { FileReads } from '../../../../src-main/agent/worker/tools/read-state.js';
import { spawnDirect, type CommandSpawner } from '../../../../src-main/agent/command-process.js';
import { ShellState } from '../../../../src-main/agent/worker/shell-state.js';
import { BackgroundShells, DEFAULT_BACKGROUND_LIMITS } from '../../../../src-main/agent/worker/tools/background-shells.js';

export interface Ctx extends ToolContext {
  readonly processes: { pid: number; state: 'started' | 'ended' }[];
  readonly todos: Todo[][];
  /** The running background commands the worker reported, each time they changed. */
  readonly backgroundTold: string[][];
}

/** Shell-state folders of the contexts made in this test process, removed when it exits. */
const stateDirs: string[] = [];
process.once('exit', () => {
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

export async function toolContext(root: string, signal: AbortSignal = new AbortController().signal, bash: Partial<ToolContext['bash']> = {}, spawn: CommandSpawner = spawnDirect): Promise<Ctx> {
  const processes: Ctx['processes'] = [];
  const todos: Todo[][] = [];
  const backgroundTold: string[][] = [];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
  const onProcess = (pid: number, state: 'started' | 'ended'): void => {
    processes.push({ pid, state });
  };
  const real = await realpath(root);
  const shell = await ShellState.create(real, env);
  stateDirs.push(shell.stateDir);
  return {
    root: real,
    signal,
    env,
    bash: { defaultTimeoutMs: 10_000, maxTimeoutMs: 60_000, outputCapChars: 30_000, ...bash },
    onProcess,
    spawn,
    // Tool tests run commands as they are; the sandbox has its own tests (sandbox/, red-team/).
    sandboxFor: () => undefined,
    setTodos: (list) => todos.push([...list]),
    readDenied: () => false,
    files: new FileReads(),
    shell,
    background: new BackgroundShells(spawn, onProcess, Date.now, DEFAULT_BACKGROUND_LIMITS, (running) => backgroundTold.push(running.map((s) => s.id))),
    processes,
    todos,
    backgroundTold,
  };
}

/** Validates and runs a tool call as the loop would (without the permission step). */
export async function call(ctx: ToolContext, name: string, input: Record<string, unknown>): Promise<ToolResult> {
  const tool = toolByName(name);
  if (!tool) throw new Error(`no tool ${name}`);
  const prepared = await tool.prepare(input, ctx.root);
  if (isToolResult(prepared)) return prepared;
  return prepared.run(ctx);
}

export function textOf(result: ToolResult): string {
  return typeof result.output === 'string' ? result.output : result.output.map((b) => (b.type === 'text' ? b.text : '[image]')).join('\n');
}
