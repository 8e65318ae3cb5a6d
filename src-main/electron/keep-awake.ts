// Holds the computer awake (not the display) while a session works and the owner wants that;
// lets it sleep again as soon as either stops being true. The blocker is Electron's
// powerSaveBlocker, passed in.
import type { SessionState } from '../shared/api.js';

export interface PowerBlocker {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): void;
}

/** States in which a session is doing something the owner waits for. */
const WORKING: ReadonlySet<SessionState> = new Set(['initializing', 'active', 'resuming', 'recovering']);

export function isWorking(states: Iterable<SessionState>): boolean {
  for (const s of states) if (WORKING.has(s)) return true;
  return false;
}

export class KeepAwake {
  private blockerId: number | undefined;

  constructor(private readonly blocker: PowerBlocker) {}

  get holding(): boolean {
    return this.blockerId !== undefined;
  }

  update(wanted: { enabled: boolean; working: boolean }): void {
    const hold = wanted.enabled && wanted.working;
    if (hold && this.blockerId === undefined) this.blockerId = this.blocker.start('prevent-app-suspension');
    if (!hold && this.blockerId !== undefined) {
      this.blocker.stop(this.blockerId);
      this.blockerId = undefined;
    }
  }
}
