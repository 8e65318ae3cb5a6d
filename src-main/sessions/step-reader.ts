// Reading a session's stored steps back (checked with the agent's schema: a row from an older
// version that no longer parses is skipped with a warning, never a crash) and deciding what a
// finished turn tells the owner.
import type { Logger } from '../shared/logger.js';
import { finalText, StepSchema, type Step, type StepOf } from '../agent/index.js';
import type { StoredStep } from '../store/steps-repo.js';
import type { TurnStatus } from '../store/turns-repo.js';
import type { FinalAnswer } from './reply-sink.js';

export function parseSteps(stored: readonly StoredStep[], log: Logger): Step[] {
  const steps: Step[] = [];
  for (const s of stored) {
    const parsed = StepSchema.safeParse(s.body);
    if (parsed.success) steps.push(parsed.data);
    else log.warn({ seq: s.seq, kind: s.kind }, 'stored step does not parse; skipped');
  }
  return steps;
}

export function turnOutcome(end: Step, turnSteps: readonly Step[], _shownSteps: number): { status: Exclude<TurnStatus, 'queued' | 'running'>; answer: FinalAnswer } {
  const step = end as StepOf<'turn_end'>;
  const text = finalText(turnSteps, step.turnId).trim();
  const tools = turnSteps.filter((s) => s.kind === 'tool_result').length;
  const base = { turnId: step.turnId, reason: step.reason, costUsd: step.costUsd, steps: tools } as const;
  switch (step.reason) {
    case 'cancelled':
      return { status: 'cancelled', answer: { ...base, markdown: text ? `${text}\n\n⏹ Stopped.` : '⏹ Stopped.' } };
    case 'error':
      return { status: 'failed', answer: { ...base, markdown: `${text ? `${text}\n\n` : ''}❌ ${step.error ?? 'The turn failed.'}` } };
    case 'refusal':
      return { status: 'done', answer: { ...base, markdown: `${text ? `${text}\n\n` : ''}_Claude declined to continue this request. It was removed from the conversation: your next message starts from the turn before it._` } };
    default:
      return { status: 'done', answer: { ...base, markdown: text || '✅ Done (no reply text).' } };
  }
}
