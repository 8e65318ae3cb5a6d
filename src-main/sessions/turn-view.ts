// What the owner sees of one running turn: the progress message (coalesced edits) built from
// tool calls, results and warnings, and the live activity the app's session view shows. Lives
// only in memory; a turn resumed after a restart starts a fresh progress message.
import type { Clock } from '../shared/clock.js';
import { toolActivityLine } from '../display/tool-activity.js';
import { interruptedOutput, progressWarning, workingHeader } from '../display/wording/session-notices.js';
import { thinkingLine } from '../display/wording/think-replies.js';
import type { TurnProgress } from '../shared/api.js';
import { ProgressCoalescer, type ProgressUpdate } from './progress.js';
import { TurnActivity } from './turn-activity.js';

export interface ToolCallInfo {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

export class TurnView {
  readonly progress: ProgressCoalescer;
  readonly activity: TurnActivity;
  private readonly calls = new Map<string, ToolCallInfo>();
  private toolCount = 0;
  private thought = false;

  constructor(
    readonly turnId: string,
    clock: Clock,
    sink: (update: ProgressUpdate) => void,
    resumed: boolean,
    /** Paths in tool lines are shown relative to the project. */
    private readonly projectDir: string | undefined,
    /** The live activity changed (for the app; the phone sees the coalesced progress). */
    live: (progress: TurnProgress) => void = () => undefined,
  ) {
    this.progress = new ProgressCoalescer({ clock, sink, header: workingHeader(resumed) });
    this.activity = new TurnActivity(turnId, clock.now(), resumed, () => clock.now(), live);
  }

  get steps(): number {
    return this.toolCount;
  }

  toolCall(id: string, call: ToolCallInfo): void {
    this.calls.set(id, call);
    this.toolCount += 1;
    const line = toolActivityLine(call, undefined, this.lineOptions());
    this.progress.update(id, line);
    this.activity.toolCall(id, { name: call.name, line: line.text });
  }

  toolResult(id: string, result: { name: string; isError: boolean; preview: string; outcome: string }): void {
    const call = this.calls.get(id) ?? { name: result.name, input: {} };
    const output = result.outcome === 'interrupted' ? interruptedOutput(result.preview) : result.preview;
    this.progress.update(id, toolActivityLine(call, { isError: result.isError, output }, this.lineOptions()));
    this.activity.toolResult(id);
  }

  private lineOptions(): { projectDir?: string } {
    return this.projectDir ? { projectDir: this.projectDir } : {};
  }

  /** Claude is thinking: one short line in the progress message, once per turn (never its text). */
  thinking(): void {
    if (!this.thought) this.progress.add(thinkingLine);
    this.thought = true;
    this.activity.thinking();
  }

  warning(text: string): void {
    this.progress.add(progressWarning(text));
  }

  note(text: string): void {
    this.progress.add(text);
  }

  finish(footer: string): void {
    this.progress.finish(footer);
  }

  dispose(): void {
    this.progress.dispose();
  }

  /** Finished and its last progress edit sent: nothing of it is left to run. */
  get settled(): boolean {
    return this.progress.idle;
  }
}
