// The transcript is a list of steps, each committed by the worker and persisted by the main
// process as it arrives. Everything the agent needs to continue (after a restart too) is
// derived from steps: the messages sent to the model, and what to do next in a turn.
//
//   user         a turn's text/images (origin "owner"), or our "please continue" after max_tokens
//                (origin "continue", also a Stop hook's feedback)
//   assistant    one complete model response (partial responses are never committed)
//   tool_start   a tool call is about to run: after a crash, a call with a start but no result
//                is reported to Claude as interrupted instead of being run again
//   tool_result  a finished tool call, with before-images of the files it changed
//   compaction   older steps summarized; the model sees the summary instead of them
//   turn_end     the turn is over (its final text is in the last assistant step)
import { z } from 'zod';
import { AssistantBlockSchema, ToolOutputSchema, UserBlockSchema, type AssistantBlock, type ToolOutput, type ToolUseBlock, type UserBlock } from './content.js';
import { UsageSchema } from './pricing.js';
import { FileChangeSchema } from './file-changes.js';

export const STOP_REASONS = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded'] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export const TURN_END_REASONS = ['end_turn', 'stop_sequence', 'refusal', 'cancelled', 'error'] as const;
export type TurnEndReason = (typeof TURN_END_REASONS)[number];

const base = { seq: z.number().int().nonnegative(), turnId: z.string().min(1), at: z.number() };

export const StepSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('user'), origin: z.enum(['owner', 'continue']), content: z.array(UserBlockSchema) }),
  z.object({
    ...base,
    kind: z.literal('assistant'),
    content: z.array(AssistantBlockSchema),
    stopReason: z.enum(STOP_REASONS),
    model: z.string(),
    usage: UsageSchema,
    /** The name of a tool call the output limit cut off (it was not kept, so it did not run). */
    cutToolUse: z.string().optional(),
  }),
  z.object({ ...base, kind: z.literal('tool_start'), toolUseId: z.string(), name: z.string() }),
  z.object({
    ...base,
    kind: z.literal('tool_result'),
    toolUseId: z.string(),
    name: z.string(),
    output: ToolOutputSchema,
    isError: z.boolean(),
    /** Why it did not run normally: refused by permissions/owner, cut by a restart, or /stop. */
    outcome: z.enum(['ran', 'denied', 'interrupted', 'cancelled', 'invalid']),
    fileChanges: z.array(FileChangeSchema),
  }),
  z.object({
    ...base,
    kind: z.literal('compaction'),
    summary: z.string(),
    replacesThroughSeq: z.number().int(),
    /** How many steps the summary replaced, and the request's size before and after (estimates; absent in older rows). */
    summarizedSteps: z.number().int().optional(),
    tokensBefore: z.number().optional(),
    tokensAfter: z.number().optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('turn_end'),
    reason: z.enum(TURN_END_REASONS),
    usage: UsageSchema,
    costUsd: z.number().nullable(),
    error: z.string().optional(),
  }),
]);
export type Step = z.infer<typeof StepSchema>;
export type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;
/** A step before the worker numbers and timestamps it. */
export type NewStep = Step extends infer S ? (S extends Step ? Omit<S, 'seq' | 'at'> : never) : never;

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: ToolOutput;
  is_error?: boolean;
}
export type MessageBlock = UserBlock | AssistantBlock | ToolResultBlock;
export interface ApiMessage {
  role: 'user' | 'assistant';
  content: MessageBlock[];
}

export const CONTINUE_TEXT =
  'Your previous response was cut off by the output limit. Continue exactly where you stopped, without repeating yourself.';

/** The "continue" prompt after a response cut by the output limit in the middle of a call to `tool`. */
export function cutToolText(tool: string): string {
  return `Your previous response was cut off by the output limit while you were writing a ${tool} tool call, so that call was not made. ` +
    'Make it again, in smaller pieces if it was large (for example a shorter Write followed by Edits).';
}

export function summaryText(summary: string): string {
  return `This session continues from earlier work that was summarized to save context. Summary of everything before this point:\n\n${summary}`;
}

/**
 * The steps the model still sees, in the order it sees them: the last compaction (its
 * summary) first, then the steps after the ones it replaced. The compaction step itself is
 * committed after the steps it keeps, hence the reordering. A turn that ended in a refusal is
 * left out entirely (Anthropic's advice: reset the context after `stop_reason: refusal`, or
 * every later turn keeps being refused); the stored transcript still has it.
 */
export function workingSteps(steps: readonly Step[]): readonly Step[] {
  let last: StepOf<'compaction'> | undefined;
  for (let i = steps.length - 1; i >= 0 && !last; i--) {
    const s = steps[i];
    if (s?.kind === 'compaction') last = s;
  }
  const through = last?.replacesThroughSeq;
  const working = last ? [last, ...steps.filter((s) => s.kind !== 'compaction' && s.seq > (through as number))] : steps;
  const refused = new Set(working.filter((s) => s.kind === 'turn_end' && s.reason === 'refusal').map((s) => s.turnId));
  return refused.size === 0 ? working : working.filter((s) => s.kind === 'compaction' || !refused.has(s.turnId));
}

/**
 * Messages for the API from the working steps. Consecutive messages of one role are merged
 * (the API wants alternation), and in a user message tool_result blocks come first.
 */
export function buildMessages(steps: readonly Step[]): ApiMessage[] {
  const out: ApiMessage[] = [];
  const add = (role: ApiMessage['role'], blocks: MessageBlock[]): void => {
    if (blocks.length === 0) return;
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: [...blocks] });
  };
  for (const step of workingSteps(steps)) {
    switch (step.kind) {
      case 'compaction':
        add('user', [{ type: 'text', text: summaryText(step.summary) }]);
        break;
      case 'user':
        add('user', step.content);
        break;
      case 'assistant':
        add('assistant', step.content);
        break;
      case 'tool_result':
        add('user', [{ type: 'tool_result', tool_use_id: step.toolUseId, content: step.output, ...(step.isError ? { is_error: true } : {}) }]);
        break;
      default:
        break;
    }
  }
  for (const m of out) {
    if (m.role === 'user') m.content.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
  }
  // The API rejects a final assistant message that ends in whitespace (pause_turn resends it).
  const last = out[out.length - 1];
  const tail = last?.role === 'assistant' ? last.content[last.content.length - 1] : undefined;
  if (tail?.type === 'text' && /\s$/.test(tail.text)) last!.content[last!.content.length - 1] = { ...tail, text: tail.text.trimEnd() };
  return out;
}

export type NextAction =
  | { kind: 'request'; forceCompaction: boolean }
  | { kind: 'tools'; calls: { block: ToolUseBlock; started: boolean }[] }
  | { kind: 'continue' }
  | { kind: 'finish'; reason: TurnEndReason };

/** What the turn `turnId` does next, from its committed steps (the same after a restart). */
export function nextAction(steps: readonly Step[], turnId: string): NextAction {
  const turn = workingSteps(steps).filter((s) => s.turnId === turnId);
  let a = -1;
  for (let i = turn.length - 1; i >= 0; i--) {
    if (turn[i]?.kind === 'assistant') {
      a = i;
      break;
    }
  }
  if (a === -1) return { kind: 'request', forceCompaction: false };
  const assistant = turn[a] as StepOf<'assistant'>;
  const after = turn.slice(a + 1);
  const done = new Set(after.flatMap((s) => (s.kind === 'tool_result' ? [s.toolUseId] : [])));
  const started = new Set(after.flatMap((s) => (s.kind === 'tool_start' ? [s.toolUseId] : [])));
  const uses = assistant.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
  const pending = uses.filter((u) => !done.has(u.id));
  if (pending.length > 0) return { kind: 'tools', calls: pending.map((block) => ({ block, started: started.has(block.id) })) };
  const compactedSince = steps.some((s) => s.kind === 'compaction' && s.seq > assistant.seq);
  const continued = compactedSince || after.some((s) => s.kind === 'user');
  switch (assistant.stopReason) {
    case 'tool_use':
      return uses.length > 0 ? { kind: 'request', forceCompaction: false } : { kind: 'finish', reason: 'end_turn' };
    case 'pause_turn':
      return { kind: 'request', forceCompaction: false };
    case 'max_tokens':
      return continued ? { kind: 'request', forceCompaction: false } : { kind: 'continue' };
    case 'model_context_window_exceeded':
      return continued ? { kind: 'request', forceCompaction: !compactedSince } : { kind: 'continue' };
    case 'refusal':
      return { kind: 'finish', reason: 'refusal' };
    case 'stop_sequence':
      return { kind: 'finish', reason: 'stop_sequence' };
    default:
      // A Stop hook's feedback after the answer continues the turn.
      return after.some((s) => s.kind === 'user') ? { kind: 'request', forceCompaction: false } : { kind: 'finish', reason: 'end_turn' };
  }
}

/** The turn a transcript stopped in the middle of (a crash), if any. */
export function interruptedTurn(steps: readonly Step[]): string | undefined {
  let turnId: string | undefined;
  for (const s of steps) {
    if (s.kind === 'user' && s.origin === 'owner') turnId = s.turnId;
    if (s.kind === 'turn_end' && s.turnId === turnId) turnId = undefined;
  }
  return turnId;
}

/**
 * The final text of a turn: the text of its last assistant response, joined with the responses
 * it continued (after max_tokens or pause_turn), i.e. everything said since the last tool result.
 */
export function finalText(steps: readonly Step[], turnId: string): string {
  const parts: string[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    if (!s || s.turnId !== turnId) continue;
    if (s.kind === 'tool_result' || (s.kind === 'user' && s.origin === 'owner')) break;
    if (s.kind === 'assistant') parts.unshift(s.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(''));
  }
  return parts.join('');
}
