// Reads the phone's messages from the inbox in order and carries each out exactly once: who
// sent it (owner only), what it asks (command, approval answer, instruction), which project it
// is for; then, in ONE transaction, records the effect, stores the reply and marks the message
// handled. Work that must wait for the commit (starting a worker) runs after it.
import type { ServiceHealth } from '../shared/api.js';
import type { Clock } from '../shared/clock.js';
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
import { approvalGone, editedMessage, handlingFailed, noProjectCalled, queuedBehind, unknownCommand, unknownCommandShort } from '../display/wording/index.js';
import { instructionContent, type Attachments, type Decision, type Reply } from './instruction-content.js';
import type { SaveProposals } from './save-proposals.js';

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
}

/** What a message leads to: a decision run inside the transaction, and the session it concerns. */
interface Outcome {
  readonly commit: Decision;
  readonly ref?: SessionRef | undefined;
}

const nothing: Outcome = { commit: () => ({}) };
const say = (reply: Reply | undefined, after?: () => void | Promise<void>): Outcome => ({ commit: () => ({ reply, after }) });

export class ChatService implements Service {
  readonly name = 'chat';
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private state: ServiceHealth['state'] = 'stopped';
  private readonly log: Logger;
  handled = 0;

  constructor(private readonly options: ChatServiceOptions) {
    this.log = options.logger.child({ mod: 'chat' });
  }

  async start(): Promise<void> {
    this.abort = new AbortController();
    this.state = 'running';
    this.loop = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.state = 'stopping';
    this.abort?.abort();
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
        if (result.reply !== undefined) this.options.replies.commandReply(result.reply, outcome.ref);
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
      this.log.info({ type: event.type, reason: auth.reason, sealed: event.sealed }, 'message ignored: not from the owner');
      return nothing;
    }
    if (settings.chatMode === 'bot') this.options.onAuthorizedSender?.(event.source.aci);
    switch (event.type) {
      case 'delete':
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
    const parsed = parseInput(event.body);
    const quoted = event.quote ? this.options.refs.get(event.quote.targetSentAt) : undefined;

    // "save 4f2a" / "no 4f2a" for a file the owner sent earlier.
    const save = this.options.proposals.match(event.body);
    if (save) return { commit: await this.options.proposals.answer(save) };

    if (parsed.kind === 'approval') {
      const found = s.approvals.find(parsed.id);
      const approval = found.approval;
      if (approval) return { commit: () => s.approvals.answer(approval, parsed.decision, parsed.reason, 'owner') };
      if (s.approvals.isAmbiguous(parsed.id)) return say(found.problem);
      // No approval has that id: an ordinary sentence that happens to look like one.
    }
    // A bare "yes" / "no" quoting an approval message answers it.
    if (quoted?.kind === 'approval' && quoted.approvalId && quoted.sessionId && parsed.kind === 'instruction') {
      const answer = parseBareApproval(parsed.text);
      const approval = s.approvals.fromMessage(quoted.sessionId, quoted.approvalId);
      if (answer && approval) return { commit: () => s.approvals.answer(approval, answer.decision, answer.reason, 'owner') };
    }

    const mention = parsed.kind === 'command' || parsed.kind === 'instruction' ? parsed.project : undefined;
    const project = this.target(mention, quoted?.projectId);
    if (mention && !project) return say(noProjectCalled(mention));

    if (parsed.kind === 'unknown-command') {
      return say(unknownCommand(parsed.name, [...this.options.commands.keys()]));
    }
    if (parsed.kind === 'command') {
      const command = this.options.commands.get(parsed.name);
      if (!command) return say(unknownCommandShort);
      const input = { args: parsed.args, rest: parsed.rest, project };
      const prepared = command.prepare ? await command.prepare(s, input) : undefined;
      return { commit: () => command.run(s, input, prepared), ref: project ? this.refFor(project) : undefined };
    }
    // An instruction (possibly with files, or files alone).
    const text = parsed.kind === 'instruction' ? parsed.text : parsed.kind === 'approval' ? parsed.text : '';
    if (text === '' && event.attachments.length === 0) return nothing;
    if (!project) return say(NO_PROJECT);
    const content = await instructionContent(text, event.attachments, this.options.attachments, project, this.options.proposals);
    return {
      ref: this.refFor(project),
      commit: () => {
        content.remember();
        const notes = [...content.notes];
        if (content.blocks.length === 0) return { reply: notes.join('\n') || undefined };
        const queued = s.supervisor.enqueueTurn(project.id, event.inboxId, content.blocks);
        if (queued.ahead > 0) notes.push(queuedBehind(project.name, queued.ahead));
        return { reply: notes.length ? notes.join('\n') : undefined, after: () => s.supervisor.kick(queued.runtime) };
      },
    };
  }

  private target(mention: string | undefined, quotedProjectId: string | undefined): Project | undefined {
    const s = this.options.services;
    if (mention) return s.projects.find(mention);
    if (quotedProjectId) {
      const quoted = s.projects.get(quotedProjectId);
      if (quoted) return quoted;
    }
    const current = s.chatState.currentProjectId();
    const chosen = current ? s.projects.get(current) : undefined;
    if (chosen) return chosen;
    // With a single project there is nothing to choose.
    const all = s.projects.list();
    return all.length === 1 ? all[0] : undefined;
  }

  private refFor(project: Project): SessionRef {
    const runtime = this.options.services.supervisor.existingSessionFor(project.id);
    return { sessionId: runtime?.id ?? '', projectId: project.id, projectName: project.name };
  }
}
