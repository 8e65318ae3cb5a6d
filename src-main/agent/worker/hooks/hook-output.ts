// What a finished hook said, read as Claude Code reads it:
//   - exit 0: stdout may be JSON (below); plain stdout of UserPromptSubmit and SessionStart hooks
//     is context for Claude, of other events it is ignored;
//   - exit 2: a blocking error, its stderr the reason (PreToolUse: the call is refused and Claude
//     reads why; PostToolUse and Stop: Claude reads it; UserPromptSubmit: the message is not sent
//     and the owner reads why); for the other events stderr goes to the owner;
//   - anything else (another exit code, a timeout, stdout that is not valid JSON, too much
//     output, a hook that could not start) is a problem: reported to the owner, and the call
//     goes on as if the hook had said nothing.
// JSON fields: continue/stopReason, systemMessage, decision ("block", or the older
// "approve"/"block" of PreToolUse) with reason, hookSpecificOutput.permissionDecision
// (allow|deny|ask) with permissionDecisionReason, hookSpecificOutput.additionalContext.
import { z } from 'zod';
import type { HookEvent } from './hook-config.js';
import type { HookRun } from './hook-run.js';

const HookJsonSchema = z.looseObject({
  continue: z.boolean().optional(),
  stopReason: z.string().optional(),
  systemMessage: z.string().optional(),
  decision: z.enum(['approve', 'block']).optional(),
  reason: z.string().optional(),
  hookSpecificOutput: z
    .looseObject({
      permissionDecision: z.enum(['allow', 'deny', 'ask']).optional(),
      permissionDecisionReason: z.string().optional(),
      additionalContext: z.string().optional(),
    })
    .optional(),
});

export type HookProblemKind = 'failed' | 'timeout' | 'bad-output' | 'not-started' | 'message';

export interface HookVerdict {
  /** Something the owner must read (a failure, or the hook's own message to them). */
  readonly problems: readonly { readonly kind: HookProblemKind; readonly detail: string }[];
  /** PreToolUse's decision about the call. */
  readonly permission?: 'allow' | 'deny' | 'ask' | undefined;
  /** Blocking: the reason Claude (or, for UserPromptSubmit, the owner) reads. */
  readonly block?: string | undefined;
  /** Text for Claude's context. */
  readonly context?: string | undefined;
  /** `continue: false`: the turn stops after this, with this reason for the owner. */
  readonly stop?: string | undefined;
}

const EVENTS_WITH_PLAIN_CONTEXT: readonly HookEvent[] = ['UserPromptSubmit', 'SessionStart'];
const BLOCKING_EVENTS: readonly HookEvent[] = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop'];

const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 200) ?? '';

export function readHookRun(event: HookEvent, run: HookRun, timeoutSec: number): HookVerdict {
  if (run.cancelled) return { problems: [] };
  if (run.timedOut) return { problems: [{ kind: 'timeout', detail: `${timeoutSec} s` }] };
  if (run.error) return { problems: [{ kind: 'not-started', detail: firstLine(run.error) }] };
  if (run.stdoutTooLong) return { problems: [{ kind: 'bad-output', detail: 'too much output on stdout' }] };
  if (run.exitCode === 2) {
    const reason = run.stderr.trim() || 'A hook blocked this (it gave no reason).';
    if (!BLOCKING_EVENTS.includes(event)) return { problems: [{ kind: 'message', detail: firstLine(reason) }] };
    return { problems: [], block: reason, ...(event === 'PreToolUse' ? { permission: 'deny' as const } : {}) };
  }
  if (run.exitCode !== 0) {
    const why = run.exitCode === null ? 'killed' : `exit ${run.exitCode}`;
    const said = firstLine(run.stderr);
    return { problems: [{ kind: 'failed', detail: said ? `${why}: ${said}` : why }] };
  }
  const out = run.stdout.trim();
  if (!out) return { problems: [] };
  if (!out.startsWith('{')) return EVENTS_WITH_PLAIN_CONTEXT.includes(event) ? { problems: [], context: out } : { problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(out);
  } catch {
    return { problems: [{ kind: 'bad-output', detail: 'stdout is not valid JSON' }] };
  }
  const parsed = HookJsonSchema.safeParse(json);
  if (!parsed.success) return { problems: [{ kind: 'bad-output', detail: 'its JSON has an unexpected shape' }] };
  return fromJson(event, parsed.data);
}

function fromJson(event: HookEvent, j: z.infer<typeof HookJsonSchema>): HookVerdict {
  const problems = j.systemMessage ? [{ kind: 'message' as const, detail: j.systemMessage.slice(0, 500) }] : [];
  const specific = j.hookSpecificOutput;
  const stop = j.continue === false ? j.stopReason?.trim() || 'A hook stopped the turn.' : undefined;
  const context = specific?.additionalContext?.trim() || undefined;
  if (event === 'PreToolUse') {
    const legacy = j.decision === 'approve' ? 'allow' : j.decision === 'block' ? 'deny' : undefined;
    const permission = specific?.permissionDecision ?? legacy;
    const reason = specific?.permissionDecisionReason ?? j.reason;
    return { problems, permission, ...(permission && permission !== 'allow' ? { block: reason?.trim() || undefined } : {}), context, stop };
  }
  const block = j.decision === 'block' && BLOCKING_EVENTS.includes(event) ? j.reason?.trim() || 'A hook blocked this (it gave no reason).' : undefined;
  return { problems, block, context, stop };
}
