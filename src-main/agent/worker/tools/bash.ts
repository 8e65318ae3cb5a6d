// Bash {command, timeout, run_in_background}: runs in the session's working directory (it starts
// in the project root; a `cd` holds for the next call, as do exported variables: shell-state.ts)
// in its own process group, so a timeout or /stop kills the command and everything it started
// (SIGTERM, then SIGKILL shortly after). Background jobs (`cmd &`) end with the command for the
// same reason; what must keep running is started with run_in_background instead
// (background-shells.ts, read with BashOutput, stopped with KillShell). Output (stdout and
// stderr interleaved) is capped with a note. Where an OS sandbox works, commands run in it
// (../sandbox-plan.ts): the project folder writable, the rest read-only, the home hidden, no
// network unless allowed; a failure the sandbox caused gets a note telling Claude why.
// Unsandboxed commands are approved by the owner first (tool-runner).
import { z } from 'zod';
import { defineTool } from './define.js';
import { CappedOutput } from './output-cap.js';
import { CommandStop } from './command-stop.js';
import { sandboxHint } from '../../sandbox/hints.js';
import type { SandboxPolicy } from '../../sandbox/policy.js';
import { ok, failed, type ToolContext, type ToolResult } from './types.js';

export interface CommandOutcome {
  readonly output: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
}

export interface CommandPlace {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export function runCommand(command: string, timeoutMs: number, ctx: ToolContext, sandbox?: SandboxPolicy, place: CommandPlace = { cwd: ctx.root, env: ctx.env }): Promise<CommandOutcome> {
  return new Promise((resolveOutcome) => {
    const output = new CappedOutput(ctx.bash.outputCapChars);
    const stop = new CommandStop(timeoutMs, ctx.signal, ctx.onProcess);
    ctx.spawn(
      { command, cwd: place.cwd, env: place.env, ...(sandbox ? { sandbox } : {}) },
      {
        started: (pid) => stop.started(pid),
        output: (text) => output.push(text),
        ended: ({ exitCode, signal, error }) => {
          if (!stop.ended()) return;
          if (error) output.push(`\n${error}`);
          resolveOutcome({ output: output.text(), exitCode, signal, timedOut: stop.timedOut, cancelled: stop.cancelled });
        },
      },
    );
    stop.checkAborted();
  });
}

function toResult(outcome: CommandOutcome, timeoutMs: number, sandbox: SandboxPolicy | undefined, notes: readonly string[]): ToolResult {
  const output = outcome.output.trimEnd() || '(no output)';
  const hint = sandbox && outcome.exitCode !== 0 ? sandboxHint(outcome.output, sandbox.network) : undefined;
  const text = [output, ...(hint ? [hint] : []), ...notes].join('\n');
  if (outcome.cancelled) return failed(`${text}\n[Command stopped by the owner.]`);
  if (outcome.timedOut) return failed(`${text}\n[Command timed out after ${Math.round(timeoutMs / 1000)} s and was killed.]`);
  if (outcome.exitCode !== 0) {
    const why = outcome.exitCode === null ? `killed by ${outcome.signal ?? 'a signal'}` : `exit code ${outcome.exitCode}`;
    return failed(`${text}\n[${why}]`);
  }
  return ok(text);
}

export const bashTool = defineTool({
  name: 'Bash',
  kind: 'execute',
  description:
    'Runs a shell command. It starts in the project folder; the working directory and exported variables carry over ' +
    'to the next call. timeout is in milliseconds (default 120000, at most 600000). Output is truncated in the middle ' +
    'when it is very long. Processes started with & end when the command finishes: for a server or a long build set ' +
    'run_in_background, then read its output with BashOutput and stop it with KillShell.',
  inputSchema: {
    type: 'object',
    properties: {
      command: { type: 'string', description: 'The command to run' },
      timeout: { type: 'integer', description: 'Optional timeout in milliseconds (at most 600000)' },
      description: { type: 'string', description: 'What the command does, in a few words' },
      run_in_background: { type: 'boolean', description: 'Run it in the background and return its id at once' },
    },
    required: ['command'],
    additionalProperties: false,
  },
  parse: z.object({
    command: z.string().min(1),
    timeout: z.number().int().min(1).optional(),
    description: z.string().optional(),
    run_in_background: z.boolean().optional(),
  }),
  ruleTarget: async (input) => input.command.trim(),
  summarize: (input) => input.command,
  subject: async (input, ctx) => ({ kind: 'command', command: input.command, cwd: ctx.bashCwd, sandboxed: ctx.bashSandboxed(input.command) }),
  async run(input, ctx) {
    const timeoutMs = Math.min(input.timeout ?? ctx.bash.defaultTimeoutMs, ctx.bash.maxTimeoutMs);
    const policy = ctx.sandboxFor(input.command);
    const sandboxed = policy !== undefined;
    const sandbox = policy && { ...policy, state: ctx.shell.stateDir };
    const start = await ctx.shell.start(sandboxed);
    if (input.run_in_background) {
      const id = ctx.background.start(input.command, { command: input.command, cwd: start.cwd, env: start.env, ...(sandbox ? { sandbox } : {}) });
      if (id instanceof Error) return failed(id.message);
      return ok([`Command running in background with ID: ${id}`, ...start.notes].join('\n'));
    }
    const script = await ctx.shell.wrap(input.command);
    const outcome = await runCommand(script, timeoutMs, ctx, sandbox, start);
    const notes = [...start.notes, ...(await ctx.shell.finish(start, sandboxed))];
    return toResult(outcome, timeoutMs, sandbox, notes);
  },
});
