// Each event's hooks, run and their verdicts combined the way Claude Code combines them:
// PreToolUse: deny beats ask beats allow; PostToolUse, Stop and UserPromptSubmit: any block
// blocks (reasons joined); additional context from every hook is kept. What the combined
// answer may do is decided by the callers: a PreToolUse "allow" never outranks a deny rule, an
// ask rule, a protected path or an unsandboxed command (permissions.ts, tool-runner.ts).
import type { ToolOutput } from '../../content.js';
import type { HookVerdict } from './hook-output.js';
import type { HookCall, SessionHooks } from './session-hooks.js';

export interface HookAnswer {
  /** PreToolUse only. */
  readonly decision?: 'allow' | 'deny' | 'ask' | undefined;
  /** Why (a deny or ask of PreToolUse; the block of the other events). */
  readonly reason?: string | undefined;
  readonly blocked: boolean;
  readonly context: readonly string[];
  /** `continue: false` of some hook: the turn ends after this step. */
  readonly stop?: string | undefined;
}

const NOTHING: HookAnswer = { blocked: false, context: [] };

function combine(verdicts: readonly HookVerdict[]): HookAnswer {
  if (verdicts.length === 0) return NOTHING;
  const rank = { deny: 3, ask: 2, allow: 1 } as const;
  let decision: HookAnswer['decision'];
  for (const v of verdicts) if (v.permission && (!decision || rank[v.permission] > rank[decision])) decision = v.permission;
  const reasons = verdicts.filter((v) => v.block !== undefined && v.permission === decision).map((v) => v.block as string);
  const blocked = verdicts.some((v) => v.block !== undefined && v.permission === undefined);
  const stop = verdicts.find((v) => v.stop !== undefined)?.stop;
  return {
    decision,
    reason: reasons.length > 0 ? reasons.join('\n') : undefined,
    blocked,
    context: verdicts.flatMap((v) => (v.context ? [v.context] : [])),
    ...(stop ? { stop } : {}),
  };
}

export async function preToolUse(hooks: SessionHooks, call: HookCall, toolName: string, toolInput: unknown, toolUseId: string): Promise<HookAnswer> {
  await hooks.settled();
  if (!hooks.has('PreToolUse')) return NOTHING;
  return combine(await hooks.run('PreToolUse', { ...call, match: toolName, toolUseId }, { tool_name: toolName, tool_input: toolInput, tool_use_id: toolUseId }));
}

export async function postToolUse(hooks: SessionHooks, call: HookCall, toolName: string, toolInput: unknown, toolUseId: string, output: ToolOutput): Promise<HookAnswer> {
  await hooks.settled();
  if (!hooks.has('PostToolUse')) return NOTHING;
  const text = typeof output === 'string' ? output : output.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
  const fields = { tool_name: toolName, tool_input: toolInput, tool_response: { output: text }, tool_use_id: toolUseId };
  return combine(await hooks.run('PostToolUse', { ...call, match: toolName, toolUseId }, fields));
}

export async function userPromptSubmit(hooks: SessionHooks, call: HookCall, prompt: string): Promise<HookAnswer> {
  await hooks.settled();
  if (!hooks.has('UserPromptSubmit')) return NOTHING;
  return combine(await hooks.run('UserPromptSubmit', { ...call, match: undefined }, { prompt }));
}

export async function stopHooks(hooks: SessionHooks, call: HookCall, stopHookActive: boolean): Promise<HookAnswer> {
  await hooks.settled();
  if (!hooks.has('Stop')) return NOTHING;
  return combine(await hooks.run('Stop', { ...call, match: undefined }, { stop_hook_active: stopHookActive }));
}

export async function sessionStart(hooks: SessionHooks, call: HookCall, source: 'startup' | 'resume'): Promise<HookAnswer> {
  await hooks.settled();
  if (!hooks.has('SessionStart')) return NOTHING;
  return combine(await hooks.run('SessionStart', { ...call, match: source }, { source }));
}

/** PreCompact hooks are told; what they answer does not stop the summary (failures are still reported). */
export async function preCompact(hooks: SessionHooks, call: HookCall, trigger: 'manual' | 'auto', instructions: string | undefined): Promise<void> {
  await hooks.settled();
  if (!hooks.has('PreCompact')) return;
  await hooks.run('PreCompact', { ...call, match: trigger }, { trigger, custom_instructions: instructions ?? '' });
}

/** Notification hooks: Claude waits for the owner. Not awaited by the caller: they never hold the turn. */
export async function notification(hooks: SessionHooks, call: HookCall, message: string): Promise<void> {
  await hooks.settled();
  if (!hooks.has('Notification')) return;
  await hooks.run('Notification', { ...call, match: 'permission_prompt' }, { message, notification_type: 'permission_prompt' });
}

/** The text a tool result, a prompt or a continuation carries for Claude from hooks. */
export function hookContextText(event: string, parts: readonly string[]): string {
  return parts.map((p) => `${event} hook additional context: ${p}`).join('\n');
}

/** Adds hook text after a tool's output. */
export function withHookText(output: ToolOutput, text: string): ToolOutput {
  if (!text) return output;
  if (typeof output === 'string') return `${output}\n\n${text}`;
  return [...output, { type: 'text', text }];
}
