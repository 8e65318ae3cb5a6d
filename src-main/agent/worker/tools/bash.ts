// Bash {command, timeout}: runs in the project folder in its own process group, so a timeout or
// /stop kills the command and everything it started (SIGTERM, then SIGKILL shortly after).
// Background jobs end with the command for the same reason: nothing is left running behind
// the daemon. Output (stdout and stderr interleaved) is capped with a note. Where an OS sandbox
// works, commands run in it (../sandbox-plan.ts): the project folder writable, the rest
// read-only, the home hidden, no network unless allowed; a failure the sandbox caused gets a
// note telling Claude why. Unsandboxed commands are approved by the owner first (tool-runner).
import { z } from 'zod';
import { defineTool } from './define.js';
import { CappedOutput } from './output-cap.js';
import { killProcessGroup } from '../../command-process.js';
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

export function runCommand(command: string, timeoutMs: number, ctx: ToolContext, sandbox?: SandboxPolicy): Promise<CommandOutcome> {
  return new Promise((resolveOutcome) => {
    const output = new CappedOutput(ctx.bash.outputCapChars);
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let pid: number | undefined;

    const stop = (why: 'timeout' | 'cancel'): void => {
      if (why === 'timeout') timedOut = true;
      else cancelled = true;
      // Before the command host reported the pid, started() below does it.
      if (pid !== undefined) killProcessGroup(pid);
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = (): void => stop('cancel');
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    ctx.spawn(
      { command, cwd: ctx.root, env: ctx.env, ...(sandbox ? { sandbox } : {}) },
      {
        started: (started) => {
          pid = started;
          ctx.onProcess(started, 'started');
          if (timedOut || cancelled) killProcessGroup(started);
        },
        output: (text) => output.push(text),
        ended: ({ exitCode, signal, error }) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          ctx.signal.removeEventListener('abort', onAbort);
          if (error) output.push(`\n${error}`);
          // Whatever the command left running in its group ends with it; the main process keeps
          // tracking the group until the SIGKILL pass, in case this worker dies first.
          const group = pid;
          if (group !== undefined) killProcessGroup(group, () => ctx.onProcess(group, 'ended'));
          resolveOutcome({ output: output.text(), exitCode, signal, timedOut, cancelled });
        },
      },
    );
    if (ctx.signal.aborted) onAbort();
  });
}

function toResult(outcome: CommandOutcome, timeoutMs: number, sandbox: SandboxPolicy | undefined): ToolResult {
  const output = outcome.output.trimEnd() || '(no output)';
  const hint = sandbox && outcome.exitCode !== 0 ? sandboxHint(outcome.output, sandbox.network) : undefined;
  const text = hint ? `${output}\n${hint}` : output;
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
    'Runs a shell command in the project folder. timeout is in milliseconds (default 120000, at most 600000). ' +
    'Output is truncated in the middle when it is very long. Processes started in the background are ended when ' +
    'the command finishes.',
  inputSchema: {
    type: 'object',
    properties: {
      command: { type: 'string', description: 'The command to run' },
      timeout: { type: 'integer', description: 'Optional timeout in milliseconds (at most 600000)' },
      description: { type: 'string', description: 'What the command does, in a few words' },
    },
    required: ['command'],
    additionalProperties: false,
  },
  parse: z.object({
    command: z.string().min(1),
    timeout: z.number().int().min(1).optional(),
    description: z.string().optional(),
  }),
  ruleTarget: async (input) => input.command.trim(),
  summarize: (input) => input.command,
  async run(input, ctx) {
    const timeoutMs = Math.min(input.timeout ?? ctx.bash.defaultTimeoutMs, ctx.bash.maxTimeoutMs);
    const sandbox = ctx.sandboxFor(input.command);
    return toResult(await runCommand(input.command, timeoutMs, ctx, sandbox), timeoutMs, sandbox);
  },
});
