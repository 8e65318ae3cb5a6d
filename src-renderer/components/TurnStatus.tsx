// The running turn, live: what Claude is doing now (thinking, writing, the tool in hand, or
// waiting for the owner's approval), how many steps it took and how long it has been going.
// The picture comes from "turn-progress" events; only the clock ticks here.
import type { TurnProgress } from '../../src-main/shared/api';
import { stopwatch } from '../format';
import { useNow } from '../state/live';

const PHASE: Record<TurnProgress['phase'], string> = {
  thinking: 'Thinking…',
  writing: 'Writing…',
  tool: 'Running',
  approval: 'Waiting for your approval',
};

const stepsText = (n: number): string => (n === 0 ? 'no steps yet' : `${n} step${n === 1 ? '' : 's'}`);

/** One block above the transcript (or, `compact`, one line in the overview's session list). */
export function TurnStatus({ turn, compact = false }: { turn: TurnProgress; compact?: boolean }) {
  const now = useNow(1000);
  const elapsed = stopwatch(now - Date.parse(turn.startedAt));
  const tool = turn.phase === 'tool' || turn.phase === 'approval' ? turn.tool : undefined;
  const toolElapsed = tool && turn.phase === 'tool' ? stopwatch(now - Date.parse(tool.startedAt)) : undefined;
  if (compact) {
    return (
      <p className={`turn-line turn-line--${turn.phase}`}>
        {PHASE[turn.phase]}
        {tool ? ` ${tool.name}` : ''} · {stepsText(turn.steps)} · <span aria-label={`for ${elapsed}`}>{elapsed}</span>
      </p>
    );
  }
  return (
    <section className={`turn-status turn-status--${turn.phase}`} aria-label="Now">
      {/* Announced when the phase or tool changes; the ticking clocks sit outside the live region. */}
      <p className="turn-status__now" role="status">
        <span className="turn-status__phase">{PHASE[turn.phase]}</span>
        {tool && <code className="turn-status__tool">{tool.line}</code>}
      </p>
      <p className="turn-status__meta">
        <span className="turn-status__steps">{stepsText(turn.steps)}</span>
        {toolElapsed && <span className="turn-status__tool-time">this step {toolElapsed}</span>}
        <span className="turn-status__elapsed">
          {turn.resumed ? 'resumed, ' : ''}running for <time>{elapsed}</time>
        </span>
      </p>
    </section>
  );
}
