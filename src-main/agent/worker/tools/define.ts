// Turns a typed ToolSpec into the erased Tool the registry holds: arguments are parsed by zod
// first, confinement is checked before any permission question, and every failure becomes an
// is_error tool result the model can read and react to (never an exception out of the loop).
import type { z } from 'zod';
import { describeError, isAppError } from '../../../shared/errors.js';
import { failed, type PreparedCall, type Tool, type ToolResult, type ToolSpec } from './types.js';

export function isToolResult(value: PreparedCall | ToolResult): value is ToolResult {
  return 'output' in value;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function defineTool<Input>(spec: ToolSpec<Input>): Tool {
  const tool: Tool = {
    name: spec.name,
    kind: spec.kind,
    description: spec.description,
    inputSchema: spec.inputSchema,
    async prepare(rawInput, root, reach) {
      const parsed = spec.parse.safeParse(rawInput);
      if (!parsed.success) return failed(`Invalid arguments for ${spec.name}: ${describeIssues(parsed.error)}`);
      const input = parsed.data;
      let target: string | undefined;
      try {
        target = spec.ruleTarget ? await spec.ruleTarget(input, root, reach) : undefined;
      } catch (error) {
        return failed(describeError(error));
      }
      return {
        tool,
        ruleTarget: target,
        summary: spec.summarize(input, target),
        subject: async (ctx) => {
          try {
            return (await spec.subject?.(input, ctx)) ?? undefined;
          } catch {
            // An unreadable file only costs the preview: the request falls back to its summary.
            return undefined;
          }
        },
        run: async (ctx) => {
          try {
            return await spec.run(input, ctx);
          } catch (error) {
            // Expected failures (confinement, missing files, bad edits) read well as they are.
            return failed(isAppError(error) ? error.message : describeError(error));
          }
        },
      };
    },
  };
  return tool;
}
