// Reads the phone's messages from the inbox in order and carries each out exactly once: who
// sent it (owner only), what it asks (command, approval answer, instruction), which project it
// is for; then, in ONE transaction, records the effect, stores the reply and marks the message
// handled. Work that must wait for the commit (starting a worker) runs after it.
import type { ServiceHealth } from '../shared/api.js';
import type { Clock, TimerHandle } from '../shared/clock.js';
import type { Settings } from '../shared/config.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Service } from '../shared/service.js';
import type { Store } from '../store/database.js';
import type { MessageRefsRepo } from '../store/message-refs-repo.js';
import type { Project } from '../store/projects-repo.js';
import type { InboundEvent } from '../signal/receive/inbound-events.js';
import type { SessionRef } from '../sessions/reply-sink.js';
import { authorize } from './authorization.js';
import type { ChatServices, Command } from './command.js';
import { NO_PROJECT } from './command.js';
import type { ChatReplies } from './replies.js';
import { parseBareApproval, parseInput, reactionDecision, type CommandName } from './parse-input.js';
import { approvalEnded, approvalGone, editedMessage, handlingFailed, noProjectCalled, queuedBehind, queueFull, repliesPaused, unknownCommand, unknownCommandShort } from '../display/wording/index.js';
import { conversationKey, type ReplyGuard } from './reply-guard.js';
import { instructionContent, type Attachments, type Decision } from './instruction-content.js';
import type { SaveProposals } from './save-proposals.js';
import type { Computers } from './computers.js';
import { ComputerRouting, type CommandRoute, type RoutingTiming } from './computer-routing.js';
import { nothing, say, type Outcome } from './outcome.js';
import { ownerSkillTurn } from '../agent/index.js';
import { homedir } from 'node:os';

/** The part of SignalService the chat layer reads from. */
export interface ChatInbox {
  inbound(signal?: AbortSignal): AsyncIterable<InboundEvent>;
  markHandled(inboxId: number): boolean;
  ownAci(): string | undefined;
}

export interface ChatServiceOptions {
  readonly store: Store;
  readonly inbox: ChatInbox;
  readonly attachments: Attachments;
  readonly replies: ChatReplies;
  readonly refs: MessageRefsRepo;
  readonly services: ChatServices;
  readonly commands: ReadonlyMap<CommandName, Command>;
  readonly proposals: SaveProposals;
  readonly settings: () => Settings;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Bot mode: remember who to answer. */
  readonly onAuthorizedSender?: (aci: string) => void;
  /** Stops answering a conversation whose traffic no person produces (shared with the replies). */
  readonly guard: ReplyGuard;
  /** The other computers on the account, learnt from their instance marks. */
  readonly computers: Computers;
  /** Tells the other computers this one is here (an invisible presence message). */
  readonly announce?: () => void;
  /** Several computers: how long to wait for another computer's answer (see computer-routing.ts). */
  readonly timing?: Partial<RoutingTiming>;
}

export class ChatService implements Service {
  readonly name = 'chat';
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private state: ServiceHealth['state'] = 'stopped';
  private readonly log: Logger;
  private readonly routing: ComputerRouting;
  /** Replies decided later (several computers: a failure told only if no other computer succeeded). */
  private readonly timers = new Set<TimerHandle>();
  handled = 0;

  constructor(private readonly options: ChatServiceOptions) {
    this.log = options.logger.child({ mod: 'chat' });
    this.routing = new ComputerRouting(options.computers, options.services, (ms, decision) => this.later(ms, decision), options.timing);
  }

  async start(): Promise<void> {
    this.abort = new AbortController();
    this.state = 'running';
    this.loop = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.state = 'stopping';
    this.abort?.abort();
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    await this.loop?.catch(() => undefined);
    this.state = 'stopped';
  }

  health(): ServiceHealth {
    return { state: this.state, detail: `${this.handled} messages handled` };
  }

  private async run(signal: AbortSignal): Promise<void> {
    try {
      for await (const event of this.options.inbox.inbound(signal)) {
        await this.handle(event);
        if (signal.aborted) break;
      }
    } catch (error) {
      if (!signal.aborted) {
        this.state = 'failed';
        this.log.error({ err: error }, 'inbox loop failed');
      }
    }
  }

  /** Carries out one inbox event; never throws (a failure becomes a polite reply). */
  async handle(event: InboundEvent): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.decide(event);
    } catch (error) {
      this.log.error({ err: error, type: event.type }, 'message handling failed');
      outcome = say(handlingFailed(describeError(error)));
    }
    let after: (() => void | Promise<void>) | undefined;
    try {
      this.options.store.transaction(() => {
        const result = outcome.commit();
        if (result.reply !== undefined) this.options.replies.commandReply(result.reply, result.detached ? undefined : outcome.ref);
        after = result.after;
        this.options.inbox.markHandled(event.inboxId);
      });
    } catch (error) {
      // Not marked handled: the message is tried again after a restart rather than lost.
      this.log.error({ err: error }, 'could not record a handled message');
      return;
    }
    this.handled += 1;
    try {
      await after?.();
    } catch (error) {
      this.log.error({ err: error }, 'post-commit step failed');
    }
  }

  private async decide(event: InboundEvent): Promise<Outcome> {
    const settings = this.options.settings();
    const ownAci = this.options.inbox.ownAci();
    const auth = ownAci ? authorize(event, { mode: settings.chatMode, ownAci, allowlist: settings.allowlist }) : { allowed: false as const, reason: 'not-owner' as const };
    if (!auth.allowed) {
      // Only the owner's own devices can be other computers: a stranger's marked message is
      // just a stranger's message (it must not add a "computer" or move the current project).
      if (event.instance && event.fromOwnAccount) {
        this.log.debug({ type: event.type, device: event.source.device }, 'message from another instance: not input');
        const { instance } = event;
        return {
          commit: () => {
            const isNew = this.options.computers.seen({ device: event.source.device, sentAt: event.sentAt, receivedAt: event.receivedAt, instance });
            // A computer new here may not know this one either (it linked later): say hello once.
            if (isNew) this.options.announce?.();
            // Another computer took the current project after this one's last choice.
            if (instance.current && this.options.computers.currentElsewhere(this.options.services.chatState.currentSetAt())) {
              this.options.services.chatState.letGo();
            }
            return {};
          },
        };
      }
      this.log.info({ type: event.type, reason: auth.reason, sealed: event.sealed }, 'message ignored: not from the owner');
      return nothing;
    }
    const verdict = this.options.guard.input(conversationKey(event.conversation), this.options.clock.now());
    if (!verdict.answer) {
      this.log.warn({ type: event.type, told: verdict.tell !== undefined }, 'reply guard: not answering');
      return verdict.tell ? say(repliesPaused(verdict.tell)) : nothing;
    }
    if (settings.chatMode === 'bot') this.options.onAuthorizedSender?.(event.source.aci);
    switch (event.type) {
      case 'delete':
      case 'presence':
        return nothing;
      case 'edit':
        return say(editedMessage);
      case 'reaction':
        return this.reaction(event);
      case 'message':
        return this.message(event);
    }
  }

  private reaction(event: Extract<InboundEvent, { type: 'reaction' }>): Outcome {
    if (event.remove) return nothing;
    const ref = this.options.refs.get(event.targetSentAt);
    const decision = reactionDecision(event.emoji);
    if (ref?.kind !== 'approval' || !ref.approvalId || !ref.sessionId || !decision) return nothing;
    const approvalId = ref.approvalId;
    const sessionId = ref.sessionId;
    return {
      commit: () => {
        const approvals = this.options.services.approvals;
        const approval = approvals.fromMessage(sessionId, approvalId);
        if (!approval) return { reply: approvalGone(approvalId) };
        return approvals.answer(approval, decision, undefined, 'owner');
      },
    };
  }

  private async message(event: Extract<InboundEvent, { type: 'message' }>): Promise<Outcome> {
    const s = this.options.services;
    const computers = this.options.computers;
    const several = computers.several();
    // `@computer …` and `@computer/project …`: for this computer, or not for it at all.
    const addressed = this.routing.address(parseInput(event.body), event.body, event.receivedAt);
    if ('commit' in addressed) return addressed;
    const { parsed, here } = addressed;
    const quoted = event.quote ? this.options.refs.get(event.quote.targetSentAt) : undefined;
    // A reply to another computer's message is for that computer.
    if (event.quote && !quoted && several && computers.isPeerMessage(event.quote.targetSentAt)) return nothing;

    // "save 4f2a" / "no 4f2a" for a file the owner sent earlier.
    const save = this.options.proposals.match(event.body);
    if (save) return { commit: await this.options.proposals.answer(save) };

    if (parsed.kind === 'approval') {
      const found = s.approvals.find(parsed.id);
      const approval = found.approval;
      if (approval) return { commit: () => s.approvals.answer(approval, parsed.decision, parsed.reason, 'owner') };
      if (s.approvals.isAmbiguous(parsed.id)) return say(found.problem);
      // Answered, expired or cancelled already: say so rather than hand "yes 4f2a" to Claude.
      // (Ids carry the computer's digit: with several computers only the one that asked has it.)
      const ended = s.approvals.ended(parsed.id);
      if (ended) return say(approvalEnded(ended.id, ended.status));
      // Several computers: the approval is another one's (each answers only its own ids).
      if (several && !here) return nothing;
      // No approval has that id: an ordinary sentence that happens to look like one.
    }
    // A bare "yes" / "no" quoting an approval message answers it.
    if (quoted?.kind === 'approval' && quoted.approvalId && quoted.sessionId && parsed.kind === 'instruction') {
      const answer = parseBareApproval(parsed.text);
      const approval = s.approvals.fromMessage(quoted.sessionId, quoted.approvalId);
      if (answer && approval) return { commit: () => s.approvals.answer(approval, answer.decision, answer.reason, 'owner') };
    }

    const mention = parsed.kind === 'command' || parsed.kind === 'instruction' || parsed.kind === 'unknown-command' ? parsed.project : undefined;
    const project = this.target(mention, quoted?.projectId, several && !here);
    if (mention && several && !here) {
      // Another computer's project, a name two computers use, or nobody's (the speaker says so).
      const routed = this.routing.mention(mention, project, event.receivedAt);
      if (routed) return routed;
    }
    if (mention && !project) return say(noProjectCalled(mention));
    // Not addressed and no project here: the computer holding the current project answers.
    const elsewhere = several && !here && !project;
    const speaks = !elsewhere || (computers.speaker() && !computers.currentElsewhere(s.chatState.currentSetAt()));

    // Not a command of ours: a skill of the project's (`/release 1.2`), as in Claude Code.
    const skill = parsed.kind === 'unknown-command' && project ? await ownerSkillTurn(project.path, homedir(), parsed.name, parsed.rest) : undefined;
    if (parsed.kind === 'unknown-command' && !skill) {
      return say(unknownCommand(parsed.name, [...this.options.commands.keys()]));
    }
    if (parsed.kind === 'command') {
      const command = this.options.commands.get(parsed.name);
      if (!command) return say(unknownCommandShort);
      const route: CommandRoute = several && !here ? this.routing.command(parsed.name, parsed.args, speaks) : { kind: 'here' };
      if (route.kind === 'instead') return route.outcome;
      const input = { args: (route.kind === 'here' ? route.args : undefined) ?? parsed.args, rest: parsed.rest, project, sentAt: event.sentAt };
      const prepared = command.prepare ? await command.prepare(s, input) : undefined;
      const run = () => command.run(s, input, prepared);
      if (route.kind === 'later') return { commit: () => ({ after: () => this.later(route.ms, () => (route.unless() ? {} : run())) }) };
      return { commit: run, ref: project ? this.refFor(project) : undefined };
    }
    // An instruction (possibly with files, or files alone).
    const text = skill ? skill.text : parsed.kind === 'instruction' ? parsed.text : parsed.kind === 'approval' ? parsed.text : '';
    if (text === '' && event.attachments.length === 0) return nothing;
    if (!project) return speaks ? say(NO_PROJECT) : this.routing.unaddressed(event.receivedAt);
    const content = await instructionContent(text, event.attachments, this.options.attachments, project, this.options.proposals);
    return {
      ref: this.refFor(project),
      commit: () => {
        // A full queue refuses the whole message, answered (never dropped in silence): the owner
        // sends it again, files included, once some instructions are done.
        const waiting = content.blocks.length > 0 ? s.supervisor.queueFull(project.id) : undefined;
        if (waiting !== undefined) return { reply: queueFull(project.name, waiting) };
        content.remember();
        const notes = [...content.notes];
        if (content.blocks.length === 0) return { reply: notes.join('\n') || undefined };
        const queued = s.supervisor.enqueueTurn(project.id, event.inboxId, content.blocks);
        if (queued.ahead > 0) notes.push(queuedBehind(project.name, queued.ahead));
        return { reply: notes.length ? notes.join('\n') : undefined, after: () => s.supervisor.kick(queued.runtime) };
      },
    };
  }

  /** Decides `decision` after `ms` in its own transaction and sends its reply (not tied to a message). */
  private later(ms: number, decision: Decision): void {
    const timer = this.options.clock.setTimeout(() => {
      this.timers.delete(timer);
      try {
        this.options.store.transaction(() => {
          const result = decision();
          if (result.reply !== undefined) this.options.replies.commandReply(result.reply, undefined);
        });
      } catch (error) {
        this.log.error({ err: error }, 'a delayed reply failed');
      }
    }, ms);
    this.timers.add(timer);
  }

  private target(mention: string | undefined, quotedProjectId: string | undefined, several = false): Project | undefined {
    const s = this.options.services;
    if (mention) return s.projects.find(mention);
    if (quotedProjectId) {
      const quoted = s.projects.get(quotedProjectId);
      if (quoted) return quoted;
    }
    const current = s.chatState.currentProjectId();
    const chosen = current ? s.projects.get(current) : undefined;
    if (chosen) return chosen;
    // With a single project there is nothing to choose (unless other computers have some and
    // the message did not name this one).
    if (several) return undefined;
    const all = s.projects.list();
    return all.length === 1 ? all[0] : undefined;
  }

  private refFor(project: Project): SessionRef {
    const runtime = this.options.services.supervisor.existingSessionFor(project.id);
    return { sessionId: runtime?.id ?? '', projectId: project.id, projectName: project.name };
  }
}
