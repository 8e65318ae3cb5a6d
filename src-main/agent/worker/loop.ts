// The turn loop. Each pass looks at the committed steps (transcript.ts `nextAction`) and does
// one thing: ask the model, run the pending tool calls, add a "continue" prompt, or finish.
// Because the decision is made from committed steps only, a turn resumed after a crash takes
// exactly the same path as one that never stopped.
//
// The owner's /compact is a turn of its own (runCompactionTurn): a summary, no model turn.
//
// Stop reasons: end_turn / stop_sequence → finish; tool_use → run tools, ask again;
// max_tokens → "continue" prompt (a tool call it cut: the request is sent again once with the
// model's full output limit, as Claude Code does, so the call completes and runs; if it is cut
// again, Claude is told which call did not happen); pause_turn → ask again with the paused message;
// refusal → finish and report; model_context_window_exceeded → compact, "continue".
// end_turn → Stop hooks first: one that blocks continues the turn with its reason (a few times at most).
// A request rejected as too long (400) compacts and is sent once more.
import { describeError } from '../../shared/errors.js';
import { AgentError, ApiStatusError, CancelledError } from './agent-errors.js';
import { compact, estimateContext, planCompaction } from './compaction.js';
import { preCompact, stopHooks } from './hooks/hook-events.js';
import { totalInputTokens } from '../pricing.js';
import { cancelCalls, runToolCalls } from './tool-runner.js';
import { CONTINUE_TEXT, cutToolText, finalText, nextAction, type Step, type TurnEndReason } from '../transcript.js';
import { buildRequest, TurnTotals, type TurnEnv } from './turn-env.js';
import { webSearchEvents } from './web-search-events.js';

const DEFAULT_MAX_REQUESTS = 200;
/** Times one turn may be continued by Stop hooks. */
export const MAX_STOP_HOOK_BLOCKS = 3;

async function maybeCompact(env: TurnEnv, turnId: string, totals: TurnTotals, signal: AbortSignal, force: boolean): Promise<void> {
  let needed = force;
  if (!needed) {
    const estimate = estimateContext(env);
    needed = estimate > env.compactAtTokens;
    // Near the line, an exact count (when the endpoint has count_tokens) avoids needless summaries.
    if (estimate > env.compactAtTokens * 0.85) {
      const exact = await env.model.countTokens(buildRequest(env).request, signal);
      if (exact !== undefined) needed = exact > env.compactAtTokens;
    }
  }
  if (!needed) return;
  const plan = planCompaction(env.steps(), Math.floor(env.compactAtTokens * 0.3));
  if (!plan) {
    if (force) throw new AgentError('AGENT_CONTEXT', 'The conversation no longer fits the model\'s context, and there is nothing left to summarize.', { hint: 'Start a new session for this project.' });
    return;
  }
  await preCompact(env.hooks, { turnId, signal }, 'auto', undefined);
  env.log('info', 'compacting the conversation', { steps: plan.summarized.length });
  await compact(env, turnId, plan, totals, signal);
}

async function request(env: TurnEnv, turnId: string, totals: TurnTotals, signal: AbortSignal): Promise<void> {
  let maxTokens = env.maxTokens;
  for (;;) {
    const { request: params, last } = buildRequest(env, maxTokens);
    const response = await env.model.stream(
      params,
      estimateContext(env),
      signal,
      (text) => env.emit({ type: 'text_delta', turnId, text }),
      (notice) => {
        if (notice.hadOutput) env.emit({ type: 'stream_reset', turnId, reason: notice.reason });
        env.emit({ type: 'error', turnId, code: 'AGENT_API', message: `${notice.reason}; retrying.`, retrying: true });
      },
      () => env.emit({ type: 'thinking', turnId }),
    );
    const cost = totals.add(response.model, response.usage);
    const contextTokens = totalInputTokens(response.usage) + response.usage.output_tokens;
    if (response.droppedToolUses > 0 && maxTokens < env.maxOutputTokens) {
      // The cut response is paid for but not kept: the same request again, with room to finish.
      env.log('info', 'a tool call was cut by the output limit; asking again with the full limit', { maxTokens: env.maxOutputTokens });
      env.emit({ type: 'usage', turnId, model: response.model, usage: response.usage, costUsd: cost, contextTokens, purpose: 'turn' });
      env.emit({ type: 'stream_reset', turnId, reason: 'a tool call was cut off by the output limit' });
      maxTokens = env.maxOutputTokens;
      continue;
    }
    env.previousBreakpoint = last;
    if (response.droppedToolUses > 0) env.log('info', 'dropped tool calls cut off by the output limit', { count: response.droppedToolUses });
    const step = env.commit({
      kind: 'assistant',
      turnId,
      content: response.content,
      stopReason: response.stopReason,
      model: response.model,
      usage: response.usage,
      ...(response.cutToolName ? { cutToolUse: response.cutToolName } : {}),
    });
    env.contextSize = { tokens: contextTokens, afterSeq: step.seq };
    for (const event of webSearchEvents(turnId, response.content)) env.emit(event);
    env.emit({ type: 'usage', turnId, model: response.model, usage: response.usage, costUsd: cost, contextTokens, purpose: 'turn' });
    return;
  }
}

/** The "continue" prompt for the turn's last response: a plain one, or one naming the call that was cut. */
function continueText(steps: readonly Step[], turnId: string): string {
  const last = steps.findLast((s) => s.turnId === turnId && s.kind === 'assistant');
  return last?.kind === 'assistant' && last.cutToolUse ? cutToolText(last.cutToolUse) : CONTINUE_TEXT;
}

function finish(env: TurnEnv, turnId: string, reason: TurnEndReason, totals: TurnTotals, error?: string): void {
  env.commit({ kind: 'turn_end', turnId, reason, usage: totals.usage, costUsd: totals.cost, ...(error ? { error } : {}) });
  env.emit({ type: 'turn_end', turnId, reason, text: finalText(env.steps(), turnId), usage: totals.usage, costUsd: totals.cost, ...(error ? { error } : {}) });
}

/** Runs turn `turnId` (its owner step already committed) until it ends. Never throws. */
export async function runTurn(env: TurnEnv, turnId: string, signal: AbortSignal): Promise<void> {
  const totals = new TurnTotals();
  env.totals = totals;
  const maxRequests = env.config.maxRequestsPerTurn ?? DEFAULT_MAX_REQUESTS;
  let requests = 0;
  let retriedTooLong = false;
  let stopHookBlocks = 0;
  try {
    for (;;) {
      if (signal.aborted) throw new CancelledError();
      const next = nextAction(env.steps(), turnId);
      if (next.kind === 'finish') {
        if (next.reason === 'end_turn' && (await continuedByStopHook(env, turnId, signal, stopHookBlocks))) {
          stopHookBlocks += 1;
          continue;
        }
        finish(env, turnId, next.reason, totals);
        return;
      }
      if (next.kind === 'tools') {
        if ((await runToolCalls(env, turnId, next.calls, signal)) === 'stop') {
          finish(env, turnId, 'end_turn', totals);
          return;
        }
        continue;
      }
      if (next.kind === 'continue') {
        env.commit({ kind: 'user', turnId, origin: 'continue', content: [{ type: 'text', text: continueText(env.steps(), turnId) }] });
        continue;
      }
      if (requests >= maxRequests) throw new AgentError('AGENT_API', `Stopped after ${maxRequests} model requests in one turn.`);
      await maybeCompact(env, turnId, totals, signal, next.forceCompaction);
      try {
        await request(env, turnId, totals, signal);
        requests += 1;
      } catch (error) {
        if (!(error instanceof ApiStatusError && error.promptTooLong) || retriedTooLong) throw error;
        retriedTooLong = true;
        await maybeCompact(env, turnId, totals, signal, true);
      }
    }
  } catch (error) {
    // Every tool call still open gets an answer, so the next request is valid.
    const open = nextAction(env.steps(), turnId);
    if (open.kind === 'tools') cancelCalls(env, turnId, open.calls);
    endAfterError(env, turnId, totals, error, signal);
  }
}

/**
 * Stop hooks when Claude is done: a block sends its reason to Claude as a message and the turn
 * goes on. At most MAX_STOP_HOOK_BLOCKS times per turn, so a hook that always blocks cannot keep
 * a turn (and its cost) going without end; stop_hook_active tells a hook it already blocked once.
 */
async function continuedByStopHook(env: TurnEnv, turnId: string, signal: AbortSignal, blocksSoFar: number): Promise<boolean> {
  await env.hooks.settled();
  if (!env.hooks.has('Stop')) return false;
  const answer = await stopHooks(env.hooks, { turnId, signal }, blocksSoFar > 0);
  if (signal.aborted) throw new CancelledError();
  if (!answer.blocked || answer.stop) return false;
  if (blocksSoFar >= MAX_STOP_HOOK_BLOCKS) {
    env.emit({ type: 'hook_notice', turnId, event: 'Stop', command: '', kind: 'message', detail: `a Stop hook blocked again after ${MAX_STOP_HOOK_BLOCKS} times; the turn ended` });
    return false;
  }
  env.commit({ kind: 'user', turnId, origin: 'continue', content: [{ type: 'text', text: `Stop hook feedback: ${answer.reason ?? ''}` }] });
  return true;
}

function endAfterError(env: TurnEnv, turnId: string, totals: TurnTotals, error: unknown, signal: AbortSignal): void {
  if (error instanceof CancelledError || signal.aborted) {
    finish(env, turnId, 'cancelled', totals);
    return;
  }
  const message = describeError(error);
  env.log('warn', 'turn failed', { code: error instanceof AgentError ? error.code : 'INTERNAL' });
  env.emit({ type: 'error', turnId, code: error instanceof AgentError ? error.code : 'INTERNAL', message, retrying: false });
  finish(env, turnId, 'error', totals, message);
}

/**
 * The owner's /compact: a turn that summarizes the whole conversation now (with the owner's
 * instructions for the summary) instead of asking the model anything. It ends like any turn,
 * its cost counted; with nothing new to summarize it ends at once, without a request (the main
 * process tells the owner so: the turn has no compaction step). Never throws.
 */
export async function runCompactionTurn(env: TurnEnv, turnId: string, instructions: string | undefined, signal: AbortSignal): Promise<void> {
  const totals = new TurnTotals();
  try {
    if (signal.aborted) throw new CancelledError();
    const plan = planCompaction(env.steps(), 0);
    if (plan) {
      await preCompact(env.hooks, { turnId, signal }, 'manual', instructions);
      env.log('info', 'compacting the conversation at the owner\'s request', { steps: plan.summarized.length });
      await compact(env, turnId, plan, totals, signal, { instructions });
    }
    finish(env, turnId, 'end_turn', totals);
  } catch (error) {
    endAfterError(env, turnId, totals, error, signal);
  }
}
