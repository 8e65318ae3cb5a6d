// Agent {description, prompt, subagent_type}: Claude hands a self-contained task to a subagent,
// as Claude Code's Agent tool does. The subagent works in this worker with a context of its own
// (only the prompt, not this conversation) and its definition's tools (../../agents.ts); its
// tool calls go through the same permissions and approvals as Claude's own and show in the same
// progress message; its cost counts in the turn. Only its final answer comes back as the result,
// so long searches do not fill the main conversation. The call itself needs no approval: nothing
// happens that its own tool calls do not ask for (ctx.runSubagent, ../subagent.ts).
import { z } from 'zod';
import type { AgentDefinition } from '../../agents.js';
import { defineTool } from './define.js';
import { failed } from './types.js';

const AgentInput = z.object({
  description: z.string().min(1),
  prompt: z.string().min(1),
  subagent_type: z.string().optional(),
});

const INPUT_SCHEMA = {
  type: 'object',
  properties: {
    description: { type: 'string', description: 'A short (3-5 word) description of the task' },
    prompt: { type: 'string', description: 'The task for the agent to perform, with everything it needs to know' },
    subagent_type: { type: 'string', description: 'The type of agent to use (default: general-purpose)' },
  },
  required: ['description', 'prompt'],
  additionalProperties: false,
} as const;

export const agentTool = defineTool({
  name: 'Agent',
  kind: 'meta',
  description: 'Hands a self-contained task to a subagent with its own context.',
  inputSchema: INPUT_SCHEMA,
  parse: AgentInput,
  summarize: (input) => `agent: ${input.description}`,
  async run(input, ctx) {
    if (!ctx.runSubagent) return failed('Subagents are not available here (a subagent cannot start another one).');
    return ctx.runSubagent(input.subagent_type ?? 'general-purpose', input.prompt, ctx.signal);
  },
});

/** The Agent tool as the API takes it, listing the agent types. */
export function agentToolDefinition(agents: readonly AgentDefinition[]): { name: string; description: string; input_schema: typeof INPUT_SCHEMA } {
  const list = agents.map((a) => `- ${a.name}: ${a.description}${a.tools ? ` (Tools: ${a.tools.join(', ')})` : ''}`).join('\n');
  return {
    name: 'Agent',
    description:
      'Launches a subagent to handle a complex, multi-step task on its own, with a fresh context: only your prompt, not this conversation. ' +
      'Use it for broad searches or self-contained work whose details need not fill this conversation; it returns one final answer. ' +
      'Give it everything it needs in the prompt and say what to report back.\n\nAgent types (subagent_type):\n' + list,
    input_schema: INPUT_SCHEMA,
  };
}
