// A session's progress views: the running turn's (what the phone's progress message and the
// app's live activity show) and those of ended turns whose last progress edit still waits for
// its interval. An ended turn's view finishes on its own; shutdown disposes every one, so no
// timer touches the store after it closed.
import type { Clock } from '../shared/clock.js';
import type { TurnProgress } from '../shared/api.js';
import type { ProgressUpdate } from './progress.js';
import { TurnView } from './turn-view.js';

export interface TurnViewsDeps {
  readonly clock: Clock;
  /** Stores (and so sends) a coalesced progress update of `turnId`. */
  readonly progress: (turnId: string, update: ProgressUpdate) => void;
  /** The running turn's live activity changed; null: no turn runs any more. */
  readonly live: (progress: TurnProgress | null) => void;
  /** The project folder, for paths shown relative to it. */
  readonly projectDir: () => string | undefined;
}

export class TurnViews {
  private current: TurnView | undefined;
  private readonly ending = new Set<TurnView>();

  constructor(private readonly deps: TurnViewsDeps) {}

  /** The running turn's view, if a turn runs. */
  get running(): TurnView | undefined {
    return this.current;
  }

  /** A turn starts (or a resumed one continues): its view replaces any other. */
  begin(turnId: string, resumed: boolean): void {
    this.current?.dispose();
    const { deps } = this;
    this.current = new TurnView(turnId, deps.clock, (update) => deps.progress(turnId, update), resumed, deps.projectDir(), deps.live);
    deps.live(this.current.activity.snapshot());
  }

  /** The running turn's view is gone without an end (stopped, crashed): the app stops showing it. */
  drop(): void {
    if (!this.current) return;
    this.current.dispose();
    this.current = undefined;
    this.deps.live(null);
  }

  /** `turnId` ended: its view shows the footer (given its step count) and finishes its last edit. */
  end(turnId: string, footer: (steps: number) => string): void {
    const view = this.current?.turnId === turnId ? this.current : undefined;
    if (this.current && !view) this.current.dispose();
    view?.finish(footer(view.steps));
    if (this.current) {
      this.current = undefined;
      this.deps.live(null);
    }
    for (const done of this.ending) if (done.settled) this.ending.delete(done);
    if (view && !view.settled) this.ending.add(view);
  }

  /** The app stops: every view, running or finishing, stops its timers. */
  disposeAll(): void {
    this.current?.dispose();
    this.current = undefined;
    for (const view of this.ending) view.dispose();
    this.ending.clear();
  }
}
