// Runs the tool calls of one assistant message, in order: validate arguments → permission
// decision → (ask the owner) → commit tool_start → run → commit tool_result. Every tool_use
// ends with exactly one tool_result, even when denied, stopped or cut by a restart, because
// the API requires an answer for each call in the next user message.
import { textBeforeCall } from '../approval-subject.js';
import { toolOutputText, type ToolOutput, type ToolUseBlock } from '../content.js';
import { ToolPreviewLength } from '../protocol.js';
import { isToolResult, toolByName } from './tools/index.js';
import type { FileChange } from '../file-changes.js';
import type { StepOf } from '../transcript.js';
import type { TurnEnv } from './turn-env.js';
import type { Decision, PermissionCall } from './permissions.js';
import { hookContextText, notification, postToolUse, preToolUse, withHookText, type HookAnswer } from './hooks/hook-events.js';
import { sessionRuleFor } from './permission-rules.js';

type Outcome = StepOf<'tool_result'>['outcome'];

export const INTERRUPTED_TEXT =
  'This tool call was interrupted: the app restarted while it was running, so it did not finish and was not run again. ' +
  'Check its effects (files, processes) before retrying it.';
export const CANCELLED_TEXT = 'The owner stopped the turn before this tool call ran.';

/** What Claude wrote before the call in its message (or the call's own `description`): its reason. */
function intentOf(env: TurnEnv, turnId: string, block: ToolUseBlock): string {
  const steps = env.steps();
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    if (s?.kind === 'assistant' && s.turnId === turnId && s.content.some((b) => b.type === 'tool_use' && b.id === block.id)) {
      const text = textBeforeCall(s.content, block.id).trim();
      if (text) return text;
      break;
    }
  }
  return typeof block.input['description'] === 'string' ? block.input['description'] : '';
}

function record(env: TurnEnv, turnId: string, block: ToolUseBlock, output: ToolOutput, isError: boolean, outcome: Outcome, fileChanges: readonly FileChange[] = []): void {
  env.commit({ kind: 'tool_result', turnId, toolUseId: block.id, name: block.name, output, isError, outcome, fileChanges: [...fileChanges] });
  env.emit({
    type: 'tool_result',
    turnId,
    toolUseId: block.id,
    name: block.name,
    isError,
    outcome,
    preview: toolOutputText(output).slice(0, ToolPreviewLength),
    changedFiles: [...new Set(fileChanges.map((c) => c.path))],
  });
}

/** Answers every call in `calls` that has no result yet as cancelled. */
export function cancelCalls(env: TurnEnv, turnId: string, calls: readonly { block: ToolUseBlock }[]): void {
  for (const { block } of calls) record(env, turnId, block, CANCELLED_TEXT, true, 'cancelled');
}

/** Answers open calls of a turn that will not continue: started ones as interrupted, the rest as cancelled. */
export function closeCalls(env: TurnEnv, turnId: string, calls: readonly { block: ToolUseBlock; started: boolean }[]): void {
  for (const { block, started } of calls) {
    if (started) record(env, turnId, block, INTERRUPTED_TEXT, true, 'interrupted');
    else record(env, turnId, block, CANCELLED_TEXT, true, 'cancelled');
  }
}

/**
 * A Bash command that would run outside the OS sandbox asks the owner even where the mode lets
 * commands run (bypassPermissions): only an allow rule the owner wrote or granted skips that
 * (any other reason for allowing, present or future, asks: the safe side).
 */
function unsandboxedGate(env: TurnEnv, toolName: string, command: string | undefined, decision: Decision): Decision {
  if (toolName !== 'Bash' || command === undefined || decision.behavior === 'deny') return decision;
  const why = env.sandbox.unsandboxedReason(command);
  if (!why) return decision;
  if (decision.behavior === 'ask') return { ...decision, reason: `${decision.reason} ${why}` };
  if (decision.by === 'rule') return decision;
  return { behavior: 'ask', reason: why, sessionRule: sessionRuleFor({ toolName, target: command }, 'execute') };
}

/** Runs the calls; 'stop' when a hook's `continue: false` ended the turn's work. */
export async function runToolCalls(env: TurnEnv, turnId: string, calls: readonly { block: ToolUseBlock; started: boolean }[], signal: AbortSignal): Promise<'stop' | undefined> {
  for (let i = 0; i < calls.length; i++) {
    const { block, started } = calls[i] as { block: ToolUseBlock; started: boolean };
    if (signal.aborted) {
      cancelCalls(env, turnId, calls.slice(i));
      return undefined;
    }
    if (started) {
      record(env, turnId, block, INTERRUPTED_TEXT, true, 'interrupted');
      continue;
    }
    env.emit({ type: 'tool_call', turnId, toolUseId: block.id, name: block.name, input: block.input });
    const tool = toolByName(block.name);
    if (!tool) {
      record(env, turnId, block, `There is no tool named ${block.name}.`, true, 'invalid');
      continue;
    }
    const prepared = await tool.prepare(block.input, env.root, env.reach());
    if (isToolResult(prepared)) {
      record(env, turnId, block, prepared.output, true, 'invalid');
      continue;
    }
    const hookCall = { turnId, signal };
    const pre = await preToolUse(env.hooks, hookCall, tool.name, block.input, block.id);
    const call = { toolName: tool.name, kind: tool.kind, target: prepared.ruleTarget, cwd: env.shell.cwd };
    const decision = unsandboxedGate(env, tool.name, prepared.ruleTarget, withHookDecision(env.permissions.decide({ ...call, hookAllows: pre.decision === 'allow' }), pre, call));
    if (signal.aborted) {
      cancelCalls(env, turnId, calls.slice(i));
      return undefined;
    }
    if (decision.behavior === 'deny') {
      record(env, turnId, block, `Not allowed: ${decision.reason}`, true, 'denied');
      continue;
    }
    if (decision.behavior === 'ask') {
      notification(env.hooks, hookCall, `Claude needs your permission to use ${tool.name}`).catch((error: unknown) => env.log('warn', 'a Notification hook could not run', { error: String(error) }));
      const subject = await prepared.subject({ root: env.root, reach: env.reach(), bashSandboxed: (command) => env.sandbox.sandboxes(command), bashCwd: env.shell.cwd });
      const intent = intentOf(env, turnId, block);
      const answer = await env.approvals.ask(
        {
          turnId,
          toolUseId: block.id,
          tool: tool.name,
          summary: prepared.summary,
          reason: decision.reason,
          sessionRule: decision.sessionRule,
          ...(subject ? { subject } : {}),
          ...(intent ? { intent } : {}),
        },
        signal,
      );
      if (answer.by === 'cancelled') {
        cancelCalls(env, turnId, calls.slice(i));
        return undefined;
      }
      if (answer.decision === 'deny') {
        const why = answer.by === 'timeout' ? answer.reason : `The owner denied this tool call.${answer.reason ? ` Their reason: ${answer.reason}` : ''}`;
        record(env, turnId, block, why ?? 'Denied.', true, 'denied');
        continue;
      }
      if (answer.decision === 'always' && env.permissions.addSessionRule(decision.sessionRule)) {
        env.emit({ type: 'rule_added', rule: decision.sessionRule });
      }
    }
    const start = env.commit({ kind: 'tool_start', turnId, toolUseId: block.id, name: block.name });
    // Write-ahead: run only once tool_start (and the assistant message before it) is on disk, so
    // a crash can never forget a call that ran and run it again on resume.
    await env.stored(start.seq, signal);
    if (signal.aborted) {
      cancelCalls(env, turnId, calls.slice(i));
      return undefined;
    }
    const result = await prepared.run(env.toolContext(turnId, signal));
    const post = result.isError || signal.aborted ? undefined : await postToolUse(env.hooks, hookCall, tool.name, block.input, block.id, result.output);
    const notes = [
      ...(pre.context.length > 0 ? [hookContextText('PreToolUse', pre.context)] : []),
      ...(post?.blocked ? [`PostToolUse hook feedback: ${post.reason ?? ''}`] : []),
      ...(post && post.context.length > 0 ? [hookContextText('PostToolUse', post.context)] : []),
    ];
    record(env, turnId, block, withHookText(result.output, notes.join('\n')), result.isError, signal.aborted ? 'cancelled' : 'ran', result.fileChanges);
    const stop = pre.stop ?? post?.stop;
    if (stop) {
      // A hook's `continue: false`: nothing more runs in this turn (the owner was told why).
      cancelCalls(env, turnId, calls.slice(i + 1));
      return 'stop';
    }
  }
  return undefined;
}

/**
 * A PreToolUse hook's deny or ask on top of the permission decision: a deny rule's refusal
 * stays as it is, a hook's deny refuses (Claude reads the hook's reason), a hook's ask asks
 * even where the rules or the mode would let the call run. Its allow was given to decide().
 */
function withHookDecision(decision: Decision, pre: HookAnswer, call: PermissionCall): Decision {
  if (decision.behavior === 'deny' || pre.decision === undefined || pre.decision === 'allow') return decision;
  if (pre.decision === 'deny') return { behavior: 'deny', reason: `A PreToolUse hook blocked this call${pre.reason ? `: ${pre.reason}` : '.'}` };
  const why = `A PreToolUse hook asks the owner first${pre.reason ? `: ${pre.reason}` : '.'}`;
  if (decision.behavior === 'ask') return { ...decision, reason: `${decision.reason} ${why}` };
  return { behavior: 'ask', reason: why, sessionRule: sessionRuleFor(call, call.kind) };
}
