// Extended thinking per project (/think): what the request's `thinking` parameter and its output
// limit become for a model. "on" is adaptive thinking on the models that have it (Claude decides
// when and how much to think) and a fixed budget on older thinking models; a number is a manual
// budget. Thinking tokens count toward max_tokens, so the limit grows by the budget: the answer
// keeps the room it had. Thinking blocks come back with signatures and are sent back unchanged
// (worker/stream.ts keeps them; worker/context.ts never puts a cache breakpoint on one). We set no temperature
// or top_k, which thinking requires.
export type ThinkingSetting = 'on' | number;
export type ThinkingParam = { readonly type: 'adaptive' } | { readonly type: 'enabled'; readonly budget_tokens: number };

/** The budget "on" means where adaptive thinking is missing. */
export const DEFAULT_THINKING_BUDGET = 10_000;
export const MIN_THINKING_BUDGET = 1024;

// Models with adaptive thinking, and the older ones with manual extended thinking only (prefixes).
const ADAPTIVE = ['claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-4-8', 'claude-sonnet-4-6', 'claude-opus-5', 'claude-sonnet-5', 'claude-haiku-5', 'claude-fable-5', 'claude-mythos-5'];
const MANUAL = ['claude-3-7-sonnet', 'claude-opus-4', 'claude-sonnet-4', 'claude-haiku-4-5'];

export function thinkingSupport(model: string): 'adaptive' | 'manual' | 'none' {
  if (ADAPTIVE.some((p) => model.startsWith(p))) return 'adaptive';
  if (MANUAL.some((p) => model.startsWith(p))) return 'manual';
  return 'none';
}

/**
 * How hard Claude works at an answer (/effort): the request's `output_config.effort`, on the
 * models that take it; absent, the API's default (high). Lower effort answers faster and spends
 * fewer tokens on thinking and tool calls alike.
 */
export const EFFORT_LEVELS = ['low', 'medium', 'high'] as const;
export type Effort = (typeof EFFORT_LEVELS)[number];
const EFFORT_MODELS = ['claude-opus-4-5', 'claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-4-8', 'claude-sonnet-4-6', 'claude-opus-5', 'claude-sonnet-5', 'claude-haiku-5', 'claude-fable-5', 'claude-mythos-5'];

export function effortSupported(model: string): boolean {
  return EFFORT_MODELS.some((p) => model.startsWith(p));
}

/**
 * The thinking parameter for `setting` on `model`, and the output limit that leaves the answer
 * `maxTokens` beside the thinking (never above the model's `maxOutput`). No parameter when
 * thinking is off or the model cannot think.
 */
export function thinkingRequest(setting: ThinkingSetting | undefined, model: string, maxTokens: number, maxOutput: number): { thinking?: ThinkingParam; maxTokens: number } {
  const support = thinkingSupport(model);
  if (setting === undefined || support === 'none') return { maxTokens };
  if (setting === 'on' && support === 'adaptive') return { thinking: { type: 'adaptive' }, maxTokens: Math.min(maxOutput, maxTokens + DEFAULT_THINKING_BUDGET) };
  const wanted = setting === 'on' ? DEFAULT_THINKING_BUDGET : setting;
  const limit = Math.min(maxOutput, maxTokens + wanted);
  // budget_tokens must stay below max_tokens: a budget the model's limit cannot hold shrinks.
  const budget = Math.max(MIN_THINKING_BUDGET, Math.min(wanted, limit - MIN_THINKING_BUDGET));
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: Math.max(limit, budget + MIN_THINKING_BUDGET) };
}
