// SignalService: this computer as a linked device of the owner's Signal account.
//
// The room's sub-rooms, along the data path of a message:
//   receive:      connection/ (chat socket, keepalive, reconnect) → receive/ (decrypt, parse)
//                 → store (inbox row and advanced protocol state in one transaction) → ack to
//                 the server; attachments/ then fetches files, receive/inbox-reader.ts hands the
//                 stored events to chat/
//   send:         send/ (outbox row first; the sender job encrypts per device, fixes sessions on
//                 409/410, adds sync transcripts) → connection/ (PUT /v1/messages on the socket)
//   link/         once per link (link-attempt.ts): the QR code (provisioning socket), registering this device,
//                 pre-keys, and the link state the owner sees (link/link-status.ts)
//   protocol/     libsignal's stores over the database, Signal's protobufs, wire schemas
//   attachments/  CDN download and upload, attachment encryption, the after-ack fetcher
//   here          this face; linked-session.ts builds and wires one linked session's parts;
//                 server-config.ts (which server), errors.ts
//
// Built once by the composition root (daemon/) with its dependencies, and started/stopped by it:
//
//   const signal = new SignalService({ store, logger, serverConfig: loadServerConfig(settings.signalConfig),
//                                      deviceName: settings.deviceName, clock });
//   await signal.start();            // reconnects a stored link, or starts linking (autoLink)
//
// State (outside contract, SignalStatus in shared/api.ts):
//   status(): SignalStatus      state: unlinked | linking | connecting | connected | disconnected
//                               | unlinked-by-phone, account (aci, deviceId, deviceName, numberHint),
//                               lastError, identityChanges (waiting for confirmation)
//   pairing(): Pairing          { url: sgnl://linkdevice?… of the provisioning socket open now, or
//                               null; state; expiresAt } — the URL is renewed before it expires
//   on('status' | 'pairing' | 'inbound' | 'sent' | 'send-failed' | 'identity-change', listener)
//                               → unsubscribe. 'pairing' fires with every new URL (headless prints
//                               a new "Link URL:" line), 'inbound' when ready messages may be
//                               waiting, 'identity-change' when a peer's safety number changed
//   startLinking()              show a QR again (after unlinked-by-phone, or with autoLink off);
//                               terminalQr(url) in link/pairing-qr.ts draws the URL for a terminal
//
// libsignal's sockets and the service's (unref'd) timers do not keep a process alive: the
// daemon's HTTP server does. stop() finishes within ~2 s.
//
// Inbound (persisted before ack, typed; see receive/inbound-events.ts):
//   inbound(signal?): AsyncIterable<InboundEvent>   ready, unhandled events in arrival order; it
//                               waits for more. An event is yielded once per iterator; mark it
//                               handled (inside the chat layer's own store.transaction) with
//   markHandled(inboxId)        so it is never handed out again, even after a restart.
//   pendingInbound(limit)       the same events as a list (for polling and tests)
//   readAttachment(id)          bytes of a received attachment (event.attachments[i].id)
//
// Outbound (durable; see send/outgoing.ts):
//   send(message): { outboxId, timestamp }   synchronous: stored in the outbox before returning
//                               (call it inside the chat layer's transaction); the sender job
//                               retries until the server accepts. `timestamp` is the message's
//                               Signal id: pass it to a later send({ edit: { targetSentAt } }),
//                               reactions and quotes. Note to Self with notify:false is a silent
//                               sync transcript; notify:true a normal message to the own account.
//   outboxStatus(outboxId)      pending | sent | failed | expired, with the last error
//   sendHold() / solveCaptcha(link)  Signal holds sends back (rate limit, 428 challenge); a 428
//                               captcha shows in status().challenge and is answered with the
//                               solved signalcaptcha:// link, which releases the outbox at once
//
// Identity (safety-number) changes of other accounts:
//   identityChanges() / confirmIdentity(serviceId)  messages from a changed key are held (not in
//                               inbound()) and sends to it wait until the owner confirms.
import { EventEmitter } from 'node:events';
import type { Pairing, ServiceHealth, SignalState, SignalStatus } from '../shared/api.js';
import { systemClock, type Clock, type TimerHandle } from '../shared/clock.js';
import { AppError, describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Service } from '../shared/service.js';
import { InboxRepo } from '../store/inbox-repo.js';
import { OutboxRepo, type OutboxRow } from '../store/outbox-repo.js';
import { ProtocolRepo } from '../store/protocol-repo.js';
import { SignalAccountRepo, type SignalAccount } from '../store/signal-account-repo.js';
import { SignalAttachmentRepo } from '../store/signal-attachment-repo.js';
import type { ConnectionState } from './connection/chat-connection.js';
import { createNet, type Net } from './connection/net-factory.js';
import { SignalError } from './errors.js';
import { LinkStatus } from './link/link-status.js';
import { SIGNAL_CAPTCHA_URL } from './send/refusals.js';
import { LinkAttempt } from './link/link-attempt.js';
import { LinkedSession, type SendHold } from './linked-session.js';
import type { SignalServiceEvents as Events, SignalServiceOptions } from './service-options.js';

export type { SignalServiceOptions } from './service-options.js';
import type { InboundEvent } from './receive/inbound-events.js';
import { InboxReader } from './receive/inbox-reader.js';
import { HeldSends } from './send/held-sends.js';
import { enqueueOutgoing } from './send/outbox-enqueue.js';
import type { OutgoingMessage } from './send/outgoing.js';

export class SignalService implements Service {
  readonly name = 'signal';
  private readonly emitter = new EventEmitter();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly accounts: SignalAccountRepo;
  private readonly inbox: InboxRepo;
  private readonly outbox: OutboxRepo;
  private readonly attachments: SignalAttachmentRepo;
  private readonly protocolRepo: ProtocolRepo;
  private readonly reader: InboxReader;
  private net: Net | undefined;
  private session: LinkedSession | undefined;
  /** The QR codes on screen and the registration after a scan (link/link-attempt.ts). */
  private attempt: LinkAttempt | undefined;
  private relinkTimer: TimerHandle | undefined;
  private linking: Promise<void> | undefined;
  private readonly link = new LinkStatus();
  /** Signal holds our messages back (rate limit, challenge), as the last send attempt found. */
  private readonly held: HeldSends;
  private serviceState: ServiceHealth['state'] = 'stopped';

  constructor(private readonly options: SignalServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.logger.child({ mod: 'signal' });
    const now = () => this.clock.now();
    this.accounts = new SignalAccountRepo(options.store, now);
    this.inbox = new InboxRepo(options.store, now);
    this.outbox = new OutboxRepo(options.store, now);
    this.attachments = new SignalAttachmentRepo(options.store, now);
    this.protocolRepo = new ProtocolRepo(options.store, now);
    this.held = new HeldSends(now);
    this.reader = new InboxReader(this.inbox, this.log, (signal) => this.waitForInbound(signal));
    this.emitter.setMaxListeners(50);
  }

  async start(): Promise<void> {
    this.serviceState = 'starting';
    try {
      this.net = createNet(this.options.serverConfig, this.options.userAgent ?? 'Signal-Claude/0.1');
    } catch (error) {
      this.serviceState = 'failed';
      throw error;
    }
    const account = this.accounts.get();
    this.link.account = account;
    this.refreshIdentityCount();
    if (account?.state === 'linked') this.openSession(account);
    else if (account?.state === 'unlinked-by-phone') this.setState('unlinked-by-phone', account.stateReason ?? undefined);
    else if (this.options.autoLink ?? true) this.startLinking();
    this.serviceState = 'running';
  }

  async stop(): Promise<void> {
    this.serviceState = 'stopping';
    this.relinkTimer?.cancel();
    await this.attempt?.stop();
    this.attempt = undefined;
    // A link request in flight is given a moment to land (its result is stored either way).
    if (this.linking) await Promise.race([this.linking, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.session?.stop();
    this.session = undefined;
    this.serviceState = 'stopped';
  }

  health(): ServiceHealth {
    const detail = this.link.lastError ? `${this.link.state}: ${this.link.lastError}` : this.link.state;
    return { state: this.serviceState, detail };
  }

  status(): SignalStatus {
    const asked = this.held.withChallenge();
    const challenge = asked ? { challenge: { captchaUrl: SIGNAL_CAPTCHA_URL, message: asked.message } } : {};
    return { ...this.link.status(), ...challenge };
  }

  pairing(): Pairing {
    return this.link.pairing();
  }

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    const wrapped = listener as (...args: unknown[]) => void;
    this.emitter.on(event, wrapped);
    return () => this.emitter.off(event, wrapped);
  }

  /** Shows a linking QR code (a provisioning socket) until the phone scans it; returns at once. */
  startLinking(): void {
    if (this.attempt || !this.net || this.linking) return;
    this.linking = this.runLinking().finally(() => {
      this.linking = undefined;
    });
  }

  private async runLinking(): Promise<void> {
    if (!this.net) return;
    if (this.session) {
      await this.session.stop();
      this.session = undefined;
    }
    this.link.lastError = undefined;
    this.setState('linking');
    const attempt = new LinkAttempt({
      net: this.net,
      store: this.options.store,
      accounts: this.accounts,
      protocol: this.protocolRepo,
      clock: this.clock,
      logger: this.log,
      deviceName: this.options.deviceName,
      maxUrlAgeMs: this.options.timing?.linkUrlMaxAgeMs,
      onUrl: (url) => {
        // undefined: the code on screen went dead (its socket closed); a new one follows.
        this.link.pairingUrl = url;
        if (this.link.lastError !== undefined) {
          this.link.lastError = undefined;
          this.emitStatus();
        }
        this.emitPairing();
      },
      onConnectError: (error) => {
        if (this.serviceState === 'stopping' || this.serviceState === 'stopped') return;
        // Still linking (it retries), but the owner should see why no code shows up.
        this.link.lastError = `Cannot reach the Signal server (${describeError(error)}); retrying.`;
        this.emitStatus();
        this.emitPairing();
      },
      onScanned: () => {
        this.link.pairingUrl = undefined;
        this.setState('connecting');
      },
    });
    this.attempt = attempt;
    try {
      const account = await attempt.run();
      this.attempt = undefined;
      this.link.account = account;
      this.openSession(account);
    } catch (error) {
      this.attempt = undefined;
      this.link.pairingUrl = undefined;
      if (this.serviceState === 'stopping' || this.serviceState === 'stopped') return;
      this.log.warn({ err: error }, 'linking failed');
      this.link.lastError = describeError(error);
      this.setState('unlinked');
      // Show a fresh QR code after a moment: the phone can simply scan again.
      this.relinkTimer = this.clock.setTimeout(() => this.startLinking(), this.options.timing?.relinkDelayMs ?? 3000);
    }
  }

  /** Ready, unhandled inbox events in arrival order; waits for more until `signal` aborts. */
  inbound(signal?: AbortSignal): AsyncGenerator<InboundEvent> {
    return this.reader.events(signal);
  }

  pendingInbound(limit = 100): InboundEvent[] {
    return this.reader.pending(limit);
  }

  /** Marks an event handled; call inside the transaction that records what handling did. */
  markHandled(inboxId: number): boolean {
    const marked = this.inbox.markHandled(inboxId);
    // A handled message of a disappearing chat may be due for deletion (after the transaction).
    if (marked) queueMicrotask(() => this.session?.expiry.kick());
    return marked;
  }

  readAttachment(id: number): Uint8Array | undefined {
    return this.attachments.data(id);
  }

  /** Stores a message in the outbox (synchronously) and wakes the sender job. */
  send(message: OutgoingMessage): { outboxId: number; timestamp: number } {
    const result = enqueueOutgoing(this.options.store, this.outbox, this.attachments, message);
    queueMicrotask(() => this.session?.outboxJob.kick());
    return result;
  }

  outboxStatus(outboxId: number): Pick<OutboxRow, 'status' | 'attempts' | 'lastError' | 'sentTimestamp'> | undefined {
    const row = this.outbox.get(outboxId);
    return row ? { status: row.status, attempts: row.attempts, lastError: row.lastError, sentTimestamp: row.sentTimestamp } : undefined;
  }

  /** Why Signal holds replies back now and until when (undefined: it does not). */
  sendHold(): SendHold | undefined {
    return this.held.current();
  }

  /**
   * The owner solved Signal's captcha (a 428 on a send asked for one): answer the challenge and
   * send what was held at once. Throws API_NOT_FOUND when no captcha is asked for, and Signal's
   * refusal (wrong or expired captcha) as it is; held messages stay queued either way.
   */
  async solveCaptcha(pasted: string): Promise<void> {
    const challenge = this.held.withChallenge()?.challenge;
    const session = this.session;
    if (!challenge || !session) {
      throw new AppError('API_NOT_FOUND', 'Signal is not asking for a captcha now.', { hint: 'Nothing to do: replies are not held back by a challenge.' });
    }
    await session.answerCaptcha(challenge.token, pasted);
    this.held.answered();
    this.outbox.retryAllNow();
    this.emitStatus();
    session.outboxJob.kick();
  }

  identityChanges(): Array<{ serviceId: string; detectedAt: number }> {
    return this.protocolRepo.openIdentityChanges().map((c) => ({ serviceId: c.serviceId, detectedAt: c.detectedAt }));
  }

  /** The owner accepted the new safety number: trust the key, release held messages and sends. */
  confirmIdentity(serviceId: string): number {
    const changes = this.protocolRepo.openIdentityChanges().filter((c) => c.serviceId === serviceId);
    const latest = changes.at(-1);
    if (!latest) return 0;
    const released = this.options.store.transaction(() => {
      this.protocolRepo.putIdentity(serviceId, latest.newKey);
      this.protocolRepo.confirmIdentityChanges(serviceId);
      this.outbox.retryAllNow();
      return this.inbox.release(serviceId);
    });
    this.emitStatus();
    if (released) this.emitter.emit('inbound');
    this.session?.outboxJob.kick();
    return released;
  }

  /** Renames this computer: stored at once (every later mark carries it), then on the server; true when the server took it. */
  async rename(name: string): Promise<boolean> {
    if (this.link.account?.state !== 'linked' || !this.session) throw new SignalError('SIGNAL_NOT_LINKED', 'This computer is not linked to Signal.');
    this.accounts.setDeviceName(name);
    this.link.account = this.accounts.get();
    this.emitStatus();
    return this.session.renameOnServer(name);
  }

  /** The linked account's ACI, once linked. */
  ownAci(): string | undefined {
    return this.link.account?.aci;
  }

  /** Test and benchmark seam: the running session's parts. */
  get linkedSession(): LinkedSession | undefined {
    return this.session;
  }

  /** Starts the session again from the stored account (after the owner changed their number). */
  private async reopenSession(old: LinkedSession): Promise<void> {
    if (this.session !== old || this.serviceState !== 'running') return;
    await old.stop();
    this.session = undefined;
    const account = this.accounts.get();
    this.link.account = account;
    if (account && this.serviceState === 'running') this.openSession(account);
  }

  private openSession(account: SignalAccount): void {
    if (!this.net) throw new SignalError('SIGNAL_NOT_LINKED', 'The Signal service is not started.');
    this.setState('connecting');
    const session = new LinkedSession({
      account,
      store: this.options.store,
      protocolRepo: this.protocolRepo,
      net: this.net,
      config: this.options.serverConfig,
      clock: this.clock,
      logger: this.log,
      timing: this.options.timing,
      maxAttachmentBytes: this.options.maxAttachmentBytes,
      receiverHooks: this.options.receiverHooks,
      random: this.options.random,
      onConnectionState: (state, detail) => this.onConnectionState(state, detail),
      onInbound: () => this.emitter.emit('inbound'),
      onHeld: () => this.emitStatus(),
      onSent: (row) => this.emitter.emit('sent', row),
      onSendFailed: (row, error) => this.emitter.emit('send-failed', row, error),
      onSendHold: (hold) => {
        if (this.held.update(hold)) this.emitStatus();
      },
      ...(this.options.keepEvent ? { keepEvent: this.options.keepEvent } : {}),
      onForeign: (count) => {
        this.link.droppedOtherConversations += count;
      },
      onPniChanged: () => void this.reopenSession(session),
      markDetails: this.options.markDetails,
      deviceName: () => this.link.account?.deviceName ?? account.deviceName,
      onOwnDevicesGone: (devices) => this.emitter.emit('own-devices-gone', devices),
    });
    this.session = session;
    session.start();
  }

  private onConnectionState(state: ConnectionState, detail?: string): void {
    if (state === 'unlinked') {
      this.accounts.setState('unlinked-by-phone', detail ?? null);
      this.link.account = this.accounts.get();
      this.setState('unlinked-by-phone', detail);
      return;
    }
    this.link.lastError = state === 'disconnected' ? detail : undefined;
    this.setState(state);
  }

  private setState(state: SignalState, error?: string): void {
    const changed = this.link.moveTo(state, error);
    if (changed) this.log.info({ state }, 'signal state');
    this.emitStatus();
    if (changed) this.emitPairing();
  }

  private refreshIdentityCount(): void {
    if (!this.options.store.isOpen) return;
    const before = this.link.identityChanges;
    this.link.identityChanges = this.protocolRepo.openIdentityChanges().length;
    if (this.link.identityChanges > before && this.serviceState === 'running') this.emitter.emit('identity-change', this.identityChanges());
  }

  private emitStatus(): void {
    this.refreshIdentityCount();
    this.emitter.emit('status', this.status());
  }

  private emitPairing(): void {
    this.emitter.emit('pairing', this.pairing());
  }

  private waitForInbound(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.emitter.off('inbound', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.emitter.on('inbound', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
