// What a running turn is doing right now, for the app's live session view: the phase (thinking,
// writing, running a tool, waiting for the owner), the tool in hand and the step count. Pure and
// in memory; it reports only real changes, so a stream of text deltas costs one event, not one each.
import type { TurnPhase, TurnProgress } from '../shared/api.js';

export interface ActivityTool {
  readonly name: string;
  /** One line as the phone's progress message shows it (already redacted). */
  readonly line: string;
}

interface Running extends ActivityTool {
  readonly id: string;
  readonly startedAt: number;
}

export class TurnActivity {
  private phase: TurnPhase = 'thinking';
  private steps = 0;
  private readonly running = new Map<string, Running>();
  /** The tool a pending approval is about (its call is already in `running`). */
  private asking: string | undefined;

  constructor(
    private readonly turnId: string,
    private readonly startedAt: number,
    private readonly resumed: boolean,
    private readonly now: () => number,
    /** Called after every change with the new picture. */
    private readonly changed: (progress: TurnProgress) => void,
  ) {}

  /** Claude asked for a tool: it runs (or waits for approval) until its result comes. */
  toolCall(id: string, tool: ActivityTool): void {
    this.steps += 1;
    this.running.set(id, { ...tool, id, startedAt: this.now() });
    this.set('tool');
  }

  toolResult(id: string): void {
    this.running.delete(id);
    if (this.asking === id) this.asking = undefined;
    this.set(this.running.size > 0 ? 'tool' : 'thinking');
  }

  approvalAsked(toolUseId: string): void {
    this.asking = toolUseId;
    this.set('approval');
  }

  approvalResolved(): void {
    this.asking = undefined;
    this.set(this.running.size > 0 ? 'tool' : 'thinking');
  }

  /** Claude's text is streaming. */
  writing(): void {
    if (this.phase === 'thinking') this.set('writing');
  }

  /** The model's stream was dropped for a retry: it is thinking again. */
  thinking(): void {
    if (this.phase === 'writing') this.set('thinking');
  }

  snapshot(): TurnProgress {
    const tool = (this.asking !== undefined ? this.running.get(this.asking) : undefined) ?? [...this.running.values()].at(-1);
    return {
      turnId: this.turnId,
      startedAt: new Date(this.startedAt).toISOString(),
      phase: this.phase,
      steps: this.steps,
      ...(tool ? { tool: { name: tool.name, line: tool.line, startedAt: new Date(tool.startedAt).toISOString() } } : {}),
      resumed: this.resumed,
    };
  }

  private set(phase: TurnPhase): void {
    this.phase = phase;
    this.changed(this.snapshot());
  }
}
