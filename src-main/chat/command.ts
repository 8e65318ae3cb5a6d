// The shape of a phone command. `prepare` does slow or outside work (git, files) before the
// transaction and must be safe to repeat; `run` happens inside the transaction that marks the
// phone message handled, so its database effects and its reply are stored exactly once.
// `after` runs once the transaction committed (start or stop a worker).
import type { Clock } from '../shared/clock.js';
import type { Settings } from '../shared/config.js';
import type { RenderedMessage } from '../display/types.js';
import type { GitRunner } from '../sessions/git-diff.js';
import type { Project } from '../store/projects-repo.js';
import type { ProjectRegistry } from '../sessions/projects.js';
import type { SessionSupervisor } from '../sessions/supervisor.js';
import type { SessionApprovals } from '../sessions/approvals/index.js';
import type { ChatState } from './chat-state.js';
import type { Computers } from './computers.js';
import type { RenameOutcome } from './computer-name.js';
import type { CommandName } from './parse-input.js';

export interface ChatServices {
  readonly projects: ProjectRegistry;
  readonly supervisor: SessionSupervisor;
  readonly approvals: SessionApprovals;
  readonly chatState: ChatState;
  readonly settings: () => Settings;
  readonly clock: Clock;
  readonly git: GitRunner;
  /** One line on the Signal link and the app, for /status. */
  readonly appStatusLine: () => string;
  /** The other computers on the account (several computers; /computers). */
  readonly computers?: Computers;
  /** Renames this computer (`/name NEW`; see chat/computer-name.ts). */
  readonly renameComputer?: (name: string) => Promise<RenameOutcome>;
  /** Answers Signal's send challenge with a solved captcha (/captcha; see signal/send/challenge.ts). */
  readonly solveCaptcha?: (captcha: string) => Promise<void>;
}

export interface CommandInput {
  readonly args: readonly string[];
  readonly rest: string;
  /** The project the message addresses: @name, the session of a quoted message, or the current one. */
  readonly project: Project | undefined;
  /** When the owner wrote the message (the phone's clock): a choice it makes is dated so. */
  readonly sentAt?: number;
}

export interface CommandResult {
  /** Markdown for the phone, or messages rendered already (diffs with attachments). */
  readonly reply?: string | RenderedMessage[];
  readonly after?: () => void | Promise<void>;
  /** The reply belongs to no project (it reports the project's removal): quoting it addresses none. */
  readonly detached?: boolean;
}

export interface Command<P = unknown> {
  readonly name: CommandName;
  readonly usage: string;
  readonly summary: string;
  prepare?(services: ChatServices, input: CommandInput): Promise<P>;
  run(services: ChatServices, input: CommandInput, prepared: P | undefined): CommandResult;
}

/** Reply for commands that need a project when none is chosen. */
export { NO_PROJECT } from '../display/wording/chat-replies.js';

export function defineCommand<P>(command: Command<P>): Command<P> {
  return command;
}
