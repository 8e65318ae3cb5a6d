// Runs a subagent (tools/agent-tool.ts) to its final answer, inside the worker: the same turn
// loop as Claude's own turns (loop.ts), on a context of its own that starts with the task alone
// and lives only in memory. What it shares with the session, on purpose: permissions and the
// owner's approvals (its calls ask like Claude's), the sandbox, the progress message (its tool
// calls show under the running turn, which is why it runs under the parent's turn id), the hooks
// but Stop (its end is not Claude's), and the turn's cost. What it does not: the conversation, Claude's text stream, the task list, and the
// Agent tool (no nesting). Its file changes come back with the Agent call's result, so /undo of
// the turn undoes them too. A crash mid-subagent reports the Agent call as interrupted, as any
// tool call; the subagent's own steps are not kept.
import type { AgentDefinition } from '../agents.js';
import { agentModel } from '../agents.js';
import type { Skill } from '../skills.js';
import { finalText, type NewStep, type Step } from '../transcript.js';
import { withToolsBreakpoint } from './context.js';
import { runTurn } from './loop.js';
import type { Permissions } from './permissions.js';
import type { SessionHooks } from './hooks/session-hooks.js';
import { sessionToolDefinitions } from './tools/index.js';
import { failed, ok, type ToolResult } from './tools/types.js';
import type { TurnEnv } from './turn-env.js';

/** Events of the subagent's own turn the owner does not see: its text, thinking, task list, and the end of its turn. */
const KEPT_INSIDE = new Set(['turn_started', 'turn_end', 'text_delta', 'thinking', 'stream_reset', 'todos', 'compacted']);

function framing(definition: AgentDefinition): string {
  const own = definition.prompt ? `\n\nYour instructions as the ${definition.name} agent:\n\n${definition.prompt}` : '';
  return (
    `You are now a subagent (${definition.name}): the main Claude gave you one task. Work on it on your own with your tools; ` +
    'the owner sees your tool calls, not your text. When you are done, answer with your final report: it is all the main Claude gets back, so include what it needs.' +
    own
  );
}

/** The session's hooks without Stop: a subagent finishing is not Claude finishing (Claude Code has SubagentStop for that, which this app does not run). */
function withoutStop(hooks: SessionHooks): SessionHooks {
  const view = Object.create(hooks) as SessionHooks;
  view.has = (event) => event !== 'Stop' && hooks.has(event);
  return view;
}

/** A view of the session's permissions that refuses the tools the definition does not list. */
function limitedTo(permissions: Permissions, definition: AgentDefinition): Permissions {
  const tools = definition.tools;
  if (!tools) return permissions;
  const limited = Object.create(permissions) as Permissions;
  limited.decide = (call) => (tools.includes(call.toolName) ? permissions.decide(call) : { behavior: 'deny', reason: `The ${definition.name} agent may not use ${call.toolName}; its tools are ${tools.join(', ')}.` });
  return limited;
}

export async function runSubagent(parent: TurnEnv, turnId: string, definition: AgentDefinition, prompt: string, signal: AbortSignal, skills: readonly Skill[]): Promise<ToolResult> {
  const steps: Step[] = [];
  let seq = 0;
  const child: TurnEnv = {
    ...parent,
    config: { ...parent.config, model: agentModel(definition, parent.config.model) },
    system: [...parent.system, { type: 'text', text: framing(definition) }],
    tools: withToolsBreakpoint(sessionToolDefinitions(skills, { webSearch: parent.config.webSearch === true, ...(definition.tools ? { only: definition.tools } : {}) })),
    permissions: limitedTo(parent.permissions, definition),
    hooks: withoutStop(parent.hooks),
    thinking: undefined,
    effort: undefined,
    steps: () => steps,
    commit: (step: NewStep) => {
      const full = { ...step, seq: seq++, at: parent.clock.now() } as Step;
      steps.push(full);
      return full;
    },
    // Kept in memory only: nothing to wait for before a tool runs.
    stored: () => Promise.resolve(),
    emit: (event) => {
      if (KEPT_INSIDE.has(event.type)) return;
      if (event.type === 'usage') parent.totals?.add(event.model, event.usage);
      parent.emit(event);
    },
    toolContext: (id, s) => ({ ...parent.toolContext(id, s), runSubagent: undefined }),
    previousBreakpoint: undefined,
    contextSize: undefined,
    totals: undefined,
  };
  child.commit({ kind: 'user', turnId, origin: 'owner', content: [{ type: 'text', text: prompt }] });
  await runTurn(child, turnId, signal);
  const fileChanges = steps.flatMap((s) => (s.kind === 'tool_result' ? s.fileChanges : []));
  const end = steps.findLast((s): s is Extract<Step, { kind: 'turn_end' }> => s.kind === 'turn_end');
  if (signal.aborted || end?.reason === 'cancelled') return { ...failed('The owner stopped the turn while the subagent worked.'), fileChanges };
  if (!end || end.reason === 'error') return { ...failed(`The subagent stopped with an error: ${end?.error ?? 'it did not finish'}`), fileChanges };
  const answer = finalText(steps, turnId).trim();
  return ok(answer || 'The subagent finished without a final report.', fileChanges);
}
