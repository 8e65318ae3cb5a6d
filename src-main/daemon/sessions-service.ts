// The session supervisor as a daemon service (restores sessions at start, ends workers at stop).
import type { ServiceHealth } from '../shared/api.js';
import type { SessionSupervisor } from '../sessions/supervisor.js';
import type { Service } from '../shared/service.js';

export class SessionsService implements Service {
  readonly name = 'sessions';
  private state: ServiceHealth['state'] = 'stopped';

  constructor(
    private readonly supervisor: SessionSupervisor,
    /** Where the workers live: ended once the sessions stopped theirs. */
    private readonly host?: { stop(): Promise<void> },
  ) {}

  async start(): Promise<void> {
    this.state = 'starting';
    this.supervisor.start();
    this.state = 'running';
  }

  async stop(): Promise<void> {
    this.state = 'stopping';
    try {
      await this.supervisor.stop();
    } finally {
      // Even when a worker would not stop: the host takes whatever is left with it.
      await this.host?.stop();
    }
    this.state = 'stopped';
  }

  health(): ServiceHealth {
    if (this.state !== 'running') return { state: this.state };
    const c = this.supervisor.counts();
    return { state: this.state, detail: `${c.total} sessions, ${c.active} active, ${c.crashed} crashed` };
  }
}
