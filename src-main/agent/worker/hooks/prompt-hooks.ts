// The hooks that run when the owner's message is about to reach Claude: SessionStart (before the
// first message this worker runs: "startup" for a new session, "resume" for one that had
// steps) and UserPromptSubmit. Their context joins the message as extra text blocks, so the
// system prompt and the cached prefix stay as they were. A UserPromptSubmit block keeps the
// message from Claude altogether; the owner reads the hook's reason.
import type { UserBlock } from '../../content.js';
import { hookContextText, sessionStart, userPromptSubmit } from './hook-events.js';
import type { SessionHooks } from './session-hooks.js';

export type PromptHooksResult = { readonly blocked: string } | { readonly blocked?: undefined; readonly extra: UserBlock[] };

export async function runPromptHooks(hooks: SessionHooks, turnId: string, signal: AbortSignal, content: readonly UserBlock[], start: 'startup' | 'resume' | undefined): Promise<PromptHooksResult> {
  const call = { turnId, signal };
  const extra: UserBlock[] = [];
  if (start) {
    const started = await sessionStart(hooks, call, start);
    if (started.context.length > 0) extra.push({ type: 'text', text: hookContextText('SessionStart', started.context) });
  }
  const prompt = content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
  const submitted = await userPromptSubmit(hooks, call, prompt);
  if (submitted.blocked || submitted.stop) return { blocked: submitted.reason ?? submitted.stop ?? '' };
  if (submitted.context.length > 0) extra.push({ type: 'text', text: hookContextText('UserPromptSubmit', submitted.context) });
  return { extra };
}
