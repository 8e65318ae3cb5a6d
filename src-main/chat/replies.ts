// The owner-facing side of the sessions layer over the durable outbox: progress messages (silent,
// edited in place), final answers, approval requests and notices (notifying, as the owner's
// notification preferences and the project's /notify level say: a level never drops an answer,
// an approval or a notice, only progress messages and the ring). Every message we send is remembered in message_refs, so a
// reply to it or a reaction on it finds its session or approval again.
import type { Settings } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { Conversation } from '../signal/receive/inbound-events.js';
import type { OutgoingMessage as SignalOutgoing } from '../signal/send/outgoing.js';
import { renderReply } from '../display/reply.js';
import type { RenderedMessage, RenderedText } from '../display/types.js';
import { approvalRequest, computerTag, finalAnswerMarkdown, minutesLeft, withProjectName } from '../display/wording/index.js';
import type { MessageRefKind, MessageRefsRepo } from '../store/message-refs-repo.js';
import type { ApprovalRequest, FinalAnswer, ReplySink, SessionRef } from '../sessions/reply-sink.js';
import type { ProgressUpdate } from '../sessions/progress.js';
import { notifyPolicy } from '../sessions/project-notify.js';
import type { NotifyLevel } from '../shared/config.js';
import { conversationKey, type ReplyGuard } from './reply-guard.js';

/** The part of SignalService the chat layer sends through (synchronous: stored in the outbox). */
export interface ChatTransport {
  send(message: SignalOutgoing): { outboxId: number; timestamp: number };
}

export interface ChatRepliesOptions {
  readonly transport: ChatTransport;
  readonly refs: MessageRefsRepo;
  /** Where replies go: Note to Self, or (bot mode) the account that gives instructions. */
  readonly destination: () => Conversation;
  readonly settings: () => Settings;
  readonly logger: Logger;
  readonly now: () => number;
  /** Counts every new message (not edits) for the loop guard. */
  readonly guard?: ReplyGuard;
  /** This computer's name when several computers share the account (replies are tagged with it). */
  readonly tag?: () => string | undefined;
  /** The project's /notify level (default: all). */
  readonly notifyLevel?: (projectId: string) => NotifyLevel;
}

/** Progress messages of this many recent turns can still be edited. */
const MAX_TRACKED_TURNS = 32;

export class ChatReplies implements ReplySink {
  /** Progress message timestamps of running turns, by message index (edits target them). */
  private readonly progressTargets = new Map<string, number[]>();

  constructor(private readonly options: ChatRepliesOptions) {}

  progress(ref: SessionRef, turnId: string, update: ProgressUpdate): void {
    if (!this.policy(ref).progress) return; // an edit after the level changes back becomes a new message
    const text = withProjectName(ref.projectName, update.text);
    const targets = this.progressTargets.get(turnId) ?? [];
    const target = update.type === 'edit' ? targets[update.messageIndex] : undefined;
    const { timestamp } = this.send({
      to: this.options.destination(),
      notify: false,
      body: text.text,
      bodyRanges: [...text.ranges],
      ...(target === undefined ? {} : { edit: { targetSentAt: target } }),
    });
    if (target === undefined) {
      targets[update.messageIndex] = timestamp;
      this.progressTargets.set(turnId, targets);
      for (const old of this.progressTargets.keys()) {
        if (this.progressTargets.size <= MAX_TRACKED_TURNS) break;
        this.progressTargets.delete(old);
      }
      this.remember(timestamp, ref, 'progress');
    }
  }

  finalAnswer(ref: SessionRef, answer: FinalAnswer): void {
    // The progress message's last edit ("✅ Done") comes after the answer (coalesced up to an
    // interval later), so the turn's targets stay; the oldest turns' are dropped instead.
    const markdown = finalAnswerMarkdown(ref.projectName, answer.markdown, answer.steps, answer.costUsd, answer.changedFiles);
    const messages = renderReply(markdown, { maxParts: 1, now: () => new Date(this.options.now()) });
    this.sendAll(ref, messages, this.options.settings().notifications.finalAnswers && this.policy(ref).ringAnswers, 'final');
  }

  approvalRequest(ref: SessionRef, a: ApprovalRequest): void {
    const minutes = minutesLeft(a.expiresAt, this.options.now());
    const m = approvalRequest({ ...a, projectName: ref.projectName, minutesLeft: minutes });
    const { timestamp } = this.send({
      to: this.options.destination(),
      notify: this.options.settings().notifications.approvals && this.policy(ref).ringApprovals,
      body: m.body,
      bodyRanges: [...m.bodyRanges],
      attachments: m.attachments.map((x) => ({ data: new Uint8Array(x.data), contentType: x.contentType, fileName: x.fileName })),
    });
    this.remember(timestamp, ref, 'approval', a.id);
  }

  notice(ref: SessionRef | undefined, text: RenderedText | string, options: { readonly notify: boolean; readonly ttlMs?: number }): void {
    const rendered = typeof text === 'string' ? { text, ranges: [] } : text;
    const notify = options.notify && this.options.settings().notifications.crashes && (!ref || this.policy(ref).ringNotices);
    const ttl = options.ttlMs ? { ttlMs: options.ttlMs } : {};
    const { timestamp } = this.send({ to: this.options.destination(), notify, body: rendered.text, bodyRanges: [...rendered.ranges], ...ttl });
    if (ref) this.remember(timestamp, ref, 'notice');
  }

  typing(_ref: SessionRef, on: boolean): void {
    try {
      this.send({ to: this.options.destination(), typing: on ? 'started' : 'stopped' });
    } catch (error) {
      this.options.logger.debug({ mod: 'chat', err: error }, 'typing indicator not sent');
    }
  }

  /** A command's answer (Markdown, or messages rendered already). */
  commandReply(reply: string | readonly RenderedMessage[], ref: SessionRef | undefined): void {
    const messages = typeof reply === 'string' ? renderReply(reply, { maxParts: 3, now: () => new Date(this.options.now()) }) : reply;
    this.sendAll(ref, messages, true, 'notice');
  }

  private sendAll(ref: SessionRef | undefined, messages: readonly RenderedMessage[], notify: boolean, kind: MessageRefKind): void {
    for (const m of messages) {
      const { timestamp } = this.send({
        to: this.options.destination(),
        notify,
        body: m.body,
        bodyRanges: [...m.bodyRanges],
        attachments: m.attachments.map((a) => ({ data: new Uint8Array(a.data), contentType: a.contentType, fileName: a.fileName })),
      });
      if (ref) this.remember(timestamp, ref, kind);
    }
  }

  private policy(ref: SessionRef): ReturnType<typeof notifyPolicy> {
    return notifyPolicy(this.options.notifyLevel?.(ref.projectId) ?? 'all');
  }

  /** Every message goes out here, so the loop guard sees each new one (edits and typing aside). */
  private send(message: SignalOutgoing): { outboxId: number; timestamp: number } {
    const sent = this.options.transport.send(tagged(message, this.options.tag?.()));
    if (!message.edit && !message.typing) this.options.guard?.reply(conversationKey(message.to), this.options.now());
    return sent;
  }

  private remember(timestamp: number, ref: SessionRef, kind: MessageRefKind, approvalId?: string): void {
    this.options.refs.add({ timestamp, projectId: ref.projectId, sessionId: ref.sessionId, kind, approvalId });
  }
}

/** "💻 laptop · " before the text (ranges shifted along) when several computers share the account. */
function tagged(message: SignalOutgoing, computer: string | undefined): SignalOutgoing {
  if (!computer || message.body === undefined) return message;
  const prefix = computerTag(computer);
  return { ...message, body: prefix + message.body, bodyRanges: (message.bodyRanges ?? []).map((r) => ({ ...r, start: r.start + prefix.length })) };
}
