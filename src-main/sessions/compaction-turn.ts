// The owner's /compact as a turn: it waits in the turns table like an instruction (so it runs
// behind a running turn, after a restart too), but instead of content blocks its row holds
// `{ compact: { instructions } }`, and the worker summarizes the conversation instead of asking
// Claude anything. The owner's words never reach Claude as an instruction: they go into the
// summary request only.
import { z } from 'zod';
import type { Step, StepOf } from '../agent/index.js';
import { compactedReply, failedTurn, nothingToCompact } from '../display/wording/index.js';
import type { TurnStatus } from '../store/turns-repo.js';
import type { FinalAnswer } from './reply-sink.js';

const CompactionRequestSchema = z.object({ compact: z.object({ instructions: z.string().optional() }) });

/** What the turns table stores for a /compact. */
export function compactionContent(instructions: string | undefined): unknown {
  return { compact: instructions ? { instructions } : {} };
}

/** The /compact a stored turn asks for, or undefined for an ordinary instruction. */
export function compactionRequest(content: unknown): { readonly instructions: string | undefined } | undefined {
  const parsed = CompactionRequestSchema.safeParse(content);
  return parsed.success ? { instructions: parsed.data.compact.instructions } : undefined;
}

/** What a finished /compact tells the owner. */
export function compactionOutcome(end: StepOf<'turn_end'>, turnSteps: readonly Step[], projectName: string): { status: Exclude<TurnStatus, 'queued' | 'running'>; answer: FinalAnswer } {
  const base = { turnId: end.turnId, reason: end.reason, costUsd: end.costUsd, steps: 0 } as const;
  if (end.reason === 'cancelled') return { status: 'cancelled', answer: { ...base, markdown: '⏹ Stopped before the summary was made; nothing changed.' } };
  if (end.reason === 'error') return { status: 'failed', answer: { ...base, markdown: failedTurn(end.error ?? 'The summary failed.') } };
  const compaction = turnSteps.find((s): s is StepOf<'compaction'> => s.kind === 'compaction');
  if (!compaction) return { status: 'done', answer: { ...base, markdown: nothingToCompact(projectName) } };
  return { status: 'done', answer: { ...base, markdown: compactedReply(compaction.summarizedSteps ?? 0, compaction.tokensBefore ?? 0, compaction.tokensAfter ?? 0) } };
}
