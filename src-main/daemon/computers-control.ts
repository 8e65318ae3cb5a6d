// The app's view of the account's computers (issue 16): GET /api/computers and the "computers"
// event list them read-only (this one first, then the others as this one knows them), and saving
// a new Name in Preferences renames this computer the way `/name` does from the phone, refusing a
// name another computer has before anything is saved.
import type { ComputerView } from '../shared/api.js';
import { ConfigError } from '../shared/errors.js';
import { addressable, type Computers } from '../chat/computers.js';
import type { RenameOutcome } from '../chat/computer-name.js';
import type { ProjectRegistry } from '../sessions/projects.js';
import type { SignalService } from '../signal/service.js';

export interface ComputersControl {
  list(): ComputerView[];
  /**
   * Renames this computer when it is linked and `name` differs from its name now (unlinked, the
   * name is only the preference a future link uses). Throws ConfigError for a name that is taken
   * or cannot be a name.
   */
  rename(name: string): Promise<void>;
}

export interface ComputersControlDeps {
  readonly computers: Computers;
  readonly projects: ProjectRegistry;
  readonly signal: SignalService;
  readonly rename: (name: string) => Promise<RenameOutcome>;
}

export function computersControl(deps: ComputersControlDeps): ComputersControl {
  const { computers, projects, signal } = deps;
  return {
    list() {
      const live = [computers.selfName(), ...computers.peers().map((p) => p.name)].map(addressable);
      const shared = (name: string) => live.filter((n) => n === addressable(name)).length > 1;
      const self: ComputerView = {
        name: computers.selfName(),
        device: computers.selfDevice() ?? null,
        self: true,
        state: 'this-computer',
        lastSeen: null,
        projects: projects.list().map((p) => p.name),
        sameName: shared(computers.selfName()),
      };
      const others = computers.known().map(
        (p): ComputerView => ({
          name: p.name,
          device: p.device,
          self: false,
          state: p.goneAt === undefined ? 'linked' : 'unlinked',
          lastSeen: new Date(p.lastSeen).toISOString(),
          projects: p.projects,
          sameName: p.goneAt === undefined && shared(p.name),
        }),
      );
      return [self, ...others];
    },
    async rename(name) {
      const status = signal.status();
      if (!status.account || status.state === 'unlinked-by-phone') return;
      if (name.trim() === computers.selfName()) return;
      const outcome = await deps.rename(name);
      if (outcome.kind === 'taken') throw new ConfigError('CONFIG_INVALID', `Another computer on this account is already called "${outcome.name}": choose a name no other computer has.`);
      if (outcome.kind === 'invalid') throw new ConfigError('CONFIG_INVALID', `That cannot be a computer name: ${outcome.reason}`);
    },
  };
}
