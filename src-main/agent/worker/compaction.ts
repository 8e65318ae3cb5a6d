// When the context nears the model's window, older steps are summarized by the model itself (a
// client-side summary request that works on every endpoint) and replaced by that summary in
// what the model sees. Nothing is lost: the main process keeps every step it was sent; the
// compaction step only says "the model now sees this summary instead of steps ≤ N".
import { AgentError } from './agent-errors.js';
import { estimateTokens, messageChars } from './context.js';
import { buildMessages, workingSteps, type ApiMessage, type MessageBlock, type Step } from '../transcript.js';
import { totalInputTokens } from '../pricing.js';
import type { TurnEnv, TurnTotals } from './turn-env.js';
import { withMessageBreakpoints } from './context.js';
import { blockChars } from '../content.js';

export const SUMMARY_PROMPT = [
  'The conversation above is getting too long for the context window. Write a summary that lets the work',
  'continue with only the summary as context. Include: what the owner asked for (quote their latest request),',
  'decisions made, files read or changed (with paths) and what changed, commands run and their important',
  'results, errors and how they were resolved, the current state of the task, and the next steps. Be complete',
  'but concise. Reply with the summary only.',
].join(' ');

export interface CompactionPlan {
  /** Steps (working order) the summary replaces. */
  readonly summarized: readonly Step[];
  readonly replacesThroughSeq: number;
}

function stepChars(step: Step): number {
  return messageChars(buildMessages([step]));
}

/**
 * Picks the cut: the longest tail of working steps that fits `keepTokens` and starts at an
 * assistant step (so the summary, a user message, comes right before it), or no tail at all.
 * Undefined when there is nothing new to summarize.
 */
export function planCompaction(steps: readonly Step[], keepTokens: number): CompactionPlan | undefined {
  const working = workingSteps(steps);
  const lastSeq = steps.reduce((m, s) => Math.max(m, s.seq), -1);
  let cut = working.length;
  let tail = 0;
  for (let k = working.length - 1; k >= 1; k--) {
    tail += estimateTokens(stepChars(working[k] as Step));
    if (tail > keepTokens) break;
    if (working[k]?.kind === 'assistant') cut = k;
  }
  const summarized = working.slice(0, cut);
  if (!summarized.some((s) => s.kind !== 'compaction' && s.kind !== 'tool_start' && s.kind !== 'turn_end')) return undefined;
  const first = working[cut];
  return { summarized, replacesThroughSeq: first ? first.seq - 1 : lastSeq };
}

function withoutThinking(messages: ApiMessage[]): ApiMessage[] {
  return messages.map((m) => {
    const content = m.content.filter((b) => b.type !== 'thinking' && b.type !== 'redacted_thinking');
    return { role: m.role, content: content.length > 0 ? content : [{ type: 'text', text: '(no text)' }] };
  });
}

/** Long texts and tool outputs shortened so the summary request itself fits the window. */
function shrink(messages: ApiMessage[], budgetChars: number): ApiMessage[] {
  if (messageChars(messages) <= budgetChars) return messages;
  const cutText = (text: string): string => (text.length > 3000 ? `${text.slice(0, 1500)}\n[… ${text.length - 1500} characters left out for the summary]` : text);
  const shrinkBlock = (b: MessageBlock): MessageBlock => {
    if (b.type === 'text') return { ...b, text: cutText(b.text) };
    if (b.type === 'tool_result') {
      const text = typeof b.content === 'string' ? b.content : b.content.map((c) => (c.type === 'text' ? c.text : '[image]')).join('\n');
      return { ...b, content: cutText(text) };
    }
    if (b.type === 'image' || b.type === 'document') return { type: 'text', text: `[${b.type} left out for the summary]` };
    return b;
  };
  const out = messages.map((m) => ({ role: m.role, content: m.content.map(shrinkBlock) }));
  // Still too large: drop the oldest messages after the first (keep pairs valid by dropping whole user+assistant rounds).
  while (messageChars(out) > budgetChars && out.length > 3) out.splice(1, 2);
  return out;
}

/** The summary prompt, with the owner's own instructions for it (/compact focus on the API changes). */
export function summaryPrompt(instructions?: string): string {
  const extra = instructions?.trim();
  return extra ? `${SUMMARY_PROMPT}\n\nAdditional instructions from the owner for this summary: ${extra}` : SUMMARY_PROMPT;
}

/** Tokens of a whole request over `steps` (system prompt and tools included), estimated. */
function requestEstimate(env: TurnEnv, steps: readonly Step[] = env.steps()): number {
  return estimateTokens(JSON.stringify(env.system).length + JSON.stringify(env.tools).length + messageChars(buildMessages(steps)));
}

/**
 * Summarizes per `plan` and commits the compaction step. `owner`: a compaction the owner asked
 * for (/compact), with their instructions for the summary; they go into the summary request only, never to Claude
 * as an instruction of the conversation.
 */
export async function compact(env: TurnEnv, turnId: string, plan: CompactionPlan, totals: TurnTotals, signal: AbortSignal, owner?: { instructions: string | undefined }): Promise<void> {
  const tokensBefore = env.contextSize ? estimateContext(env) : requestEstimate(env);
  // The summary request has no thinking parameter: thinking blocks are left out (the API allows
  // dropping them from earlier turns), so a request made mid-turn with /think on stays valid.
  const messages = withoutThinking(buildMessages(plan.summarized));
  const instruction: MessageBlock = { type: 'text', text: summaryPrompt(owner?.instructions) };
  const last = messages[messages.length - 1];
  if (last?.role === 'user') last.content.push(instruction);
  else messages.push({ role: 'user', content: [instruction] });
  const budgetChars = Math.floor(env.contextWindow * 0.7) * 4;
  const shrunk = shrink(messages, budgetChars);
  const estimate = estimateTokens(shrunk.flatMap((m) => m.content).reduce((n, b) => n + blockChars(b as never), 0));
  const summaryMax = Math.min(8192, env.maxTokens);
  const response = await env.model.stream(
    { model: env.config.model, max_tokens: summaryMax, system: env.system, tools: env.tools, messages: withMessageBreakpoints(shrunk, undefined) },
    estimate,
    signal,
    () => undefined,
    (n) => env.emit({ type: 'error', turnId, code: 'AGENT_API', message: `Summarizing: ${n.reason}; retrying.`, retrying: true }),
  );
  const cost = totals.add(response.model, response.usage);
  env.emit({ type: 'usage', turnId, model: response.model, usage: response.usage, costUsd: cost, contextTokens: totalInputTokens(response.usage) + response.usage.output_tokens, purpose: 'summary' });
  const summary = response.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('').trim();
  if (!summary) throw new AgentError('AGENT_CONTEXT', 'The conversation could not be summarized (empty summary).');
  // Messages and tool results, not the bookkeeping steps (tool starts, turn ends).
  const summarizedSteps = plan.summarized.filter((s) => s.kind !== 'tool_start' && s.kind !== 'turn_end').length;
  const step = { kind: 'compaction', turnId, summary, replacesThroughSeq: plan.replacesThroughSeq } as const;
  // What the next request carries once the summary stands in for the steps it replaces.
  const tokensAfter = requestEstimate(env, [...env.steps(), { ...step, seq: Number.MAX_SAFE_INTEGER, at: 0 }]);
  env.commit({ ...step, summarizedSteps, tokensBefore, tokensAfter });
  env.previousBreakpoint = undefined;
  env.contextSize = undefined;
  env.emit({ type: 'compacted', turnId, summarizedSteps, tokensBefore, tokensAfter, ...(owner ? { requested: true } : {}) });
}

/** Tokens the next request will carry: last known usage plus estimates for steps since. */
export function estimateContext(env: TurnEnv): number {
  const known = env.contextSize;
  const steps = env.steps();
  if (!known) return estimateTokens(messageChars(buildMessages(steps)));
  const newer = workingSteps(steps).filter((s) => s.seq > known.afterSeq && s.kind !== 'compaction');
  return known.tokens + estimateTokens(messageChars(buildMessages(newer)));
}
