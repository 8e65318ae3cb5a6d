// One session's hooks: which exist, which the owner confirmed, and running the ones an event
// matches. A hook is a command from a settings file (one Claude can write to with approval, or
// a repository the owner cloned), so none runs before the owner confirmed it: the first time a
// hook would run in a session the owner gets an approval request showing the command, where it
// comes from and whether it runs sandboxed. "yes"/"always" confirm it for the session (recorded
// as a session rule, so a worker restart does not ask again); "no" leaves it out. A hook that
// was added or changed while the session ran (settings-watch.ts → add()) is a new hook and asks
// the same way; one removed keeps running until /restart, so a removal never widens anything
// silently either. Matching hooks run one after another (their order in the files).
import type { PermissionMode } from '../../../shared/config.js';
import type { Approvals } from '../approvals.js';
import type { AgentEvent } from '../../protocol.js';
import { hookConfirmationRule, hookMatches, type HookEntry, type HookEvent } from './hook-config.js';
import { readHookRun, type HookVerdict } from './hook-output.js';
import { runHookCommand, type HookRunPlace } from './hook-run.js';

export interface SessionHooksDeps {
  readonly sessionId: string;
  readonly root: string;
  readonly approvals: Approvals;
  readonly emit: (event: AgentEvent) => void;
  readonly mode: () => PermissionMode;
  /** Where a hook command runs (the sandbox policy, the spawner) for this turn's abort signal. */
  readonly place: (command: string, signal: AbortSignal) => HookRunPlace;
}

export interface HookCall {
  readonly turnId: string;
  readonly signal: AbortSignal;
  /** What the matcher is matched against (tool name, trigger, source, notification type). */
  readonly match?: string | undefined;
  /** The approval request's anchor (the tool call a PreToolUse hook runs for), when there is one. */
  readonly toolUseId?: string | undefined;
}

/** The owner's progress line names a hook by its command, cut short. */
export const shortCommand = (command: string): string => {
  const line = command.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

export class SessionHooks {
  private readonly hooks = new Map<string, HookEntry>();
  private readonly confirmed = new Set<string>();
  private readonly refused = new Set<string>();
  /** A re-read of the settings files under way: hooks are looked up only once it is done. */
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    hooks: readonly HookEntry[],
    confirmedRules: readonly string[],
    private readonly deps: SessionHooksDeps,
  ) {
    this.add(hooks);
    for (const hook of this.hooks.values()) if (confirmedRules.includes(hookConfirmationRule(hook))) this.confirmed.add(hook.fingerprint);
  }

  /** Hooks read from the settings files again: new and changed ones join, unconfirmed. */
  add(hooks: readonly HookEntry[]): void {
    for (const hook of hooks) if (!this.hooks.has(hook.fingerprint)) this.hooks.set(hook.fingerprint, hook);
  }

  /**
   * The settings files are being read again after a tool call changed them: the next call's
   * hooks wait for it, so a hook added by one call is asked about before the next one runs.
   */
  reload(read: Promise<readonly HookEntry[]>): void {
    this.reloading = this.reloading.then(() => read).then((hooks) => this.add(hooks), () => undefined);
  }

  /** Resolves once no re-read is under way. */
  settled(): Promise<void> {
    return this.reloading;
  }

  has(event: HookEvent): boolean {
    return [...this.hooks.values()].some((h) => h.event === event);
  }

  /** Runs every confirmed hook of `event` that matches; the fields go into each one's JSON input. */
  async run(event: HookEvent, call: HookCall, fields: Record<string, unknown>): Promise<HookVerdict[]> {
    const matching = [...this.hooks.values()].filter((h) => h.event === event && (call.match === undefined || hookMatches(h, call.match)));
    const verdicts: HookVerdict[] = [];
    for (const hook of matching) {
      if (call.signal.aborted) break;
      if (!(await this.confirm(hook, call))) continue;
      const input = {
        session_id: this.deps.sessionId,
        cwd: this.deps.root,
        permission_mode: this.deps.mode(),
        hook_event_name: event,
        ...fields,
      };
      const run = await runHookCommand(hook.command, input, hook.timeoutSec, this.deps.place(hook.command, call.signal));
      const verdict = readHookRun(event, run, hook.timeoutSec);
      for (const problem of verdict.problems) this.notice(hook, call.turnId, problem.kind, problem.detail);
      if (verdict.stop) this.notice(hook, call.turnId, 'stopped', verdict.stop);
      verdicts.push(verdict);
    }
    return verdicts;
  }

  /** Tells the owner about a hook in one progress line. */
  notice(hook: HookEntry, turnId: string, kind: Extract<AgentEvent, { type: 'hook_notice' }>['kind'], detail: string): void {
    this.deps.emit({ type: 'hook_notice', turnId, event: hook.event, command: shortCommand(hook.command), kind, detail });
  }

  private async confirm(hook: HookEntry, call: HookCall): Promise<boolean> {
    if (this.confirmed.has(hook.fingerprint)) return true;
    if (this.refused.has(hook.fingerprint)) return false;
    const place = this.deps.place(hook.command, call.signal);
    const sandboxed = place.sandbox !== undefined;
    const answer = await this.deps.approvals.ask(
      {
        turnId: call.turnId,
        toolUseId: call.toolUseId ?? `hook-${hook.fingerprint}`,
        tool: `a ${hook.event} hook`,
        summary: hook.command,
        reason:
          `A hook from ${hook.source} (${hook.matcher ? `matcher ${hook.matcher}, ` : ''}timeout ${hook.timeoutSec} s) ` +
          `wants to run${sandboxed ? ' in the sandbox' : ', ⚠️ unsandboxed,'}. Yes runs it for this session; no leaves it out.`,
        sessionRule: hookConfirmationRule(hook),
        subject: { kind: 'command', command: hook.command, cwd: this.deps.root, sandboxed },
      },
      call.signal,
    );
    if (answer.by === 'cancelled') return false;
    if (answer.decision === 'deny') {
      this.refused.add(hook.fingerprint);
      this.notice(hook, call.turnId, 'refused', answer.by === 'timeout' ? 'not confirmed in time' : 'not confirmed');
      return false;
    }
    this.confirmed.add(hook.fingerprint);
    this.deps.emit({ type: 'rule_added', rule: hookConfirmationRule(hook) });
    return true;
  }
}
