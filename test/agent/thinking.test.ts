// The thinking parameter per model: adaptive where the model has it, a budget elsewhere, none on
// a model that cannot think; the output limit grows by the budget without passing the model's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_THINKING_BUDGET, thinkingRequest, thinkingSupport } from '../../src-main/agent/thinking.js';

test('off, or a model that cannot think: no parameter, the limit unchanged', () => {
  assert.deepEqual(thinkingRequest(undefined, 'claude-sonnet-4-6', 16_384, 128_000), { maxTokens: 16_384 });
  assert.equal(thinkingSupport('claude-3-5-haiku-20241022'), 'none');
  assert.deepEqual(thinkingRequest(8000, 'claude-3-5-haiku-20241022', 8192, 8192), { maxTokens: 8192 });
});

test('"on" is adaptive where the model has it, a default budget on older thinking models', () => {
  assert.deepEqual(thinkingRequest('on', 'claude-opus-4-6', 16_384, 128_000), { thinking: { type: 'adaptive' }, maxTokens: 16_384 + DEFAULT_THINKING_BUDGET });
  assert.deepEqual(thinkingRequest('on', 'claude-sonnet-4-5-20250929', 16_384, 64_000), {
    thinking: { type: 'enabled', budget_tokens: DEFAULT_THINKING_BUDGET },
    maxTokens: 16_384 + DEFAULT_THINKING_BUDGET,
  });
});

test('a budget the model\'s output limit cannot hold shrinks, and stays below max_tokens', () => {
  const r = thinkingRequest(100_000, 'claude-haiku-4-5', 16_384, 64_000);
  assert.equal(r.maxTokens, 64_000);
  assert.deepEqual(r.thinking, { type: 'enabled', budget_tokens: 64_000 - 1024 });
  const small = thinkingRequest(2000, 'claude-opus-4-1', 4096, 32_000);
  assert.deepEqual(small, { thinking: { type: 'enabled', budget_tokens: 2000 }, maxTokens: 6096 });
});
