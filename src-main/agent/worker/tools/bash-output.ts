// BashOutput {bash_id, filter} and KillShell {shell_id}: Claude Code's tools for commands started
// with Bash run_in_background. BashOutput returns the output since the last read (capped like
// Bash's, with a note when the buffer dropped some) and the command's status; filter keeps
// only lines matching a regular expression (the rest of that output is gone, as in Claude
// Code). Both reach only shells this session started, by the ids Bash returned.
import { z } from 'zod';
import { defineTool } from './define.js';
import { CappedOutput } from './output-cap.js';
import { failed, ok } from './types.js';

function unknownShell(id: string, known: readonly string[]): string {
  return `No background command with ID ${id}.${known.length > 0 ? ` This session's: ${known.join(', ')}.` : ' None was started in this session.'}`;
}

export const bashOutputTool = defineTool({
  name: 'BashOutput',
  kind: 'read',
  description: 'Returns the new output of a command started with Bash run_in_background (since the last check) and whether it is still running. filter: a regular expression; only matching lines are returned.',
  inputSchema: {
    type: 'object',
    properties: {
      bash_id: { type: 'string', description: 'The ID Bash returned' },
      filter: { type: 'string', description: 'Optional regular expression to filter output lines' },
    },
    required: ['bash_id'],
    additionalProperties: false,
  },
  parse: z.object({ bash_id: z.string().min(1).max(100), filter: z.string().max(1000).optional() }),
  summarize: (input) => input.bash_id,
  async run(input, ctx) {
    let filter: RegExp | undefined;
    if (input.filter !== undefined) {
      try {
        filter = new RegExp(input.filter);
      } catch (error) {
        return failed(`Invalid filter regular expression: ${(error as Error).message}`);
      }
    }
    const read = ctx.background.read(input.bash_id);
    if (!read) return failed(unknownShell(input.bash_id, ctx.background.ids()));
    const text = filter ? read.output.split('\n').filter((line) => (filter as RegExp).test(line)).join('\n') : read.output;
    const capped = new CappedOutput(ctx.bash.outputCapChars);
    capped.push(text.trimEnd());
    const parts = [`<status>${read.status}</status>`];
    if (read.exitCode !== null) parts.push(`<exit_code>${read.exitCode}</exit_code>`);
    if (read.dropped > 0) parts.push(`[${read.dropped} characters of earlier output were dropped before this read: the buffer was full.]`);
    parts.push(text.trim() ? `<output>\n${capped.text()}\n</output>` : '(no new output)');
    return ok(parts.join('\n'));
  },
});

export const killShellTool = defineTool({
  name: 'KillShell',
  kind: 'meta',
  description: 'Stops a command started with Bash run_in_background, and everything it started.',
  inputSchema: {
    type: 'object',
    properties: { shell_id: { type: 'string', description: 'The ID Bash returned' } },
    required: ['shell_id'],
    additionalProperties: false,
  },
  parse: z.object({ shell_id: z.string().min(1).max(100) }),
  summarize: (input) => input.shell_id,
  async run(input, ctx) {
    const status = ctx.background.kill(input.shell_id);
    if (status === undefined) return failed(unknownShell(input.shell_id, ctx.background.ids()));
    if (status !== 'killed') return ok(`${input.shell_id} had already ended (${status}).`);
    return ok(`Stopped ${input.shell_id}.`);
  },
});
