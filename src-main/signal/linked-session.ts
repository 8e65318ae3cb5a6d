// Everything that exists while this computer is linked to an account: the protocol state, the
// chat connection, the receiver and its attachment fetcher, the sender, its outbox job and retry requests, and
// pre-key upkeep. Built from the stored account by SignalService; torn down on stop or unlink.
import { renameOnServer } from './link/device-name.js';
import { PrivateKey } from '@signalapp/libsignal-client';
import type { Clock, TimerHandle } from '../shared/clock.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/database.js';
import { AppStateRepo } from '../store/app-state-repo.js';
import { InboxRepo } from '../store/inbox-repo.js';
import { OutboxRepo } from '../store/outbox-repo.js';
import type { ProtocolRepo } from '../store/protocol-repo.js';
import { SignalAttachmentRepo } from '../store/signal-attachment-repo.js';
import { storePniChange } from './link/pni-change.js';
import { SignalAccountRepo, type SignalAccount } from '../store/signal-account-repo.js';
import { SignalPreKeyRepo } from '../store/signal-prekey-repo.js';
import { SendLogRepo } from '../store/send-log-repo.js';
import { BodyExpiryRepo } from '../store/body-expiry-repo.js';
import { BodyExpiry } from './body-expiry.js';
import { AttachmentFetcher } from './attachments/attachment-fetcher.js';
import { uploadAttachment } from './attachments/attachments.js';
import { backoffDelay, REDELIVER_BACKOFF, type BackoffPolicy } from './connection/backoff.js';
import { ChatConnection, type ConnectionState, type CredentialCheck } from './connection/chat-connection.js';
import { checkCredentials } from './connection/credential-check.js';
import { KeyManager } from './link/keys.js';
import type { Net } from './connection/net-factory.js';
import { OutboxJob } from './send/outbox-job.js';
import type { InstanceMarkDetails } from './protocol/instance-mark.js';
import { ProtocolState } from './protocol/protocol-stores.js';
import { Receiver, type ReceiverHooks } from './receive/receiver.js';
import { MessageSender } from './send/sender.js';
import { RetryRequests } from './send/retry-requests.js';
import type { StoredEvent } from './receive/inbound-events.js';
import { ConversationTimers } from './receive/conversation-timers.js';
import { SignalError, type SendChallenge } from './errors.js';
import { answerCaptchaChallenge } from './send/challenge.js';
import type { SignalServerConfig } from './server-config.js';
import type { OutboxRow } from '../store/outbox-repo.js';

export interface SessionTiming {
  readonly keepaliveMs?: number;
  readonly keepaliveTimeoutMs?: number;
  readonly reconnect?: BackoffPolicy;
  readonly healthyAfterMs?: number;
  /** The wait after another process took the socket over (minutes by default). */
  readonly elsewhere?: BackoffPolicy;
  /** The wait before reconnecting for a batch the database could not take (seconds, growing to minutes by default). */
  readonly redeliver?: BackoffPolicy;
}

export interface LinkedSessionOptions {
  readonly account: SignalAccount;
  readonly store: Store;
  /** The app's one ProtocolRepo (it caches; every writer must share it). */
  readonly protocolRepo: ProtocolRepo;
  readonly net: Net;
  readonly config: SignalServerConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing?: SessionTiming;
  readonly maxAttachmentBytes?: number;
  readonly receiverHooks?: ReceiverHooks;
  readonly random?: () => number;
  readonly onConnectionState: (state: ConnectionState, detail?: string) => void;
  /** New ready inbox messages may be available. */
  readonly onInbound: () => void;
  /** A peer's identity key changed: a message from it is held, or a send to it waits. */
  readonly onHeld: () => void;
  readonly onSent?: (row: OutboxRow) => void;
  readonly onSendFailed?: (row: OutboxRow, error: unknown) => void;
  /** Signal holds our messages back (rate limit, challenge): why, and until when; undefined: no longer. */
  readonly onSendHold?: (hold: SendHold | undefined) => void;
  /** Whether an event belongs to the conversation the app serves (others are never stored). */
  readonly keepEvent?: (event: StoredEvent, ownAci: string) => boolean;
  readonly onForeign?: (count: number) => void;
  /** The owner changed their number and the new PNI keys are stored: start the session again on them. */
  readonly onPniChanged?: () => void;
  /** What this computer's instance mark says besides its name (projects, current project). */
  readonly markDetails?: () => InstanceMarkDetails;
  /** This computer's name now (it can be renamed while the session runs). */
  readonly deviceName?: () => string;
  /** The server no longer has these devices of the own account (a 409 on a send to it said so). */
  readonly onOwnDevicesGone?: (devices: readonly number[]) => void;
}

/** Pre-key upkeep also runs this often, not only on connect: a computer connected for weeks still rotates its signed keys. */
export const KEY_UPKEEP_INTERVAL_MS = 12 * 3600_000;

export interface SendHold {
  /** What is going on and what to do, for the owner. */
  readonly message: string;
  readonly until: number;
  /** A 428 that the owner can answer with a captcha (its token), until it is answered. */
  readonly challenge?: SendChallenge;
}

export class LinkedSession {
  readonly protocol: ProtocolState;
  readonly connection: ChatConnection;
  readonly receiver: Receiver;
  readonly fetcher: AttachmentFetcher;
  readonly outboxJob: OutboxJob;
  readonly keys: KeyManager;
  readonly username: string;
  readonly retries: RetryRequests;
  /** Deletes the stored bodies of disappearing messages on the chat's schedule. */
  readonly expiry: BodyExpiry;
  private keyUpkeep: Promise<void> | undefined;
  private readonly account: LinkedSessionOptions['account'];
  private keyUpkeepTimer: TimerHandle | undefined;
  private keyUpkeepAgain = false;
  private redeliverTimer: TimerHandle | undefined;
  private stopped = false;
  /** Failed batches since a message was last stored: how long the next reconnect for them waits. */
  private storeFailures = 0;

  constructor(private readonly options: LinkedSessionOptions) {
    const { account, store, clock, logger, config } = options;
    this.account = account;
    const now = () => clock.now();
    const protocolRepo = options.protocolRepo;
    const prekeys = new SignalPreKeyRepo(store, now);
    const inbox = new InboxRepo(store, now);
    const timers = new ConversationTimers(new AppStateRepo(store, now));
    const attachments = new SignalAttachmentRepo(store, now);
    const aciKey = PrivateKey.deserialize(new Uint8Array(account.aciIdentityPrivate));
    const pniKey = account.pniIdentityPrivate ? PrivateKey.deserialize(new Uint8Array(account.pniIdentityPrivate)) : undefined;
    this.username = `${account.aci}.${account.deviceId}`;
    this.protocol = new ProtocolState(protocolRepo, prekeys, {
      aci: { privateKey: aciKey, registrationId: account.registrationId },
      pni: pniKey ? { privateKey: pniKey, registrationId: account.pniRegistrationId } : undefined,
    });
    this.keys = new KeyManager(store, prekeys, { aci: aciKey, pni: pniKey }, logger, now);
    const timing = options.timing ?? {};
    this.expiry = new BodyExpiry(new BodyExpiryRepo(store), clock, logger);

    this.receiver = new Receiver({
      store,
      inbox,
      attachments,
      protocol: this.protocol,
      account: { aci: account.aci, pni: account.pni, deviceId: account.deviceId },
      trustRoots: config.serverTrustRoots,
      logger,
      now,
      hooks: options.receiverHooks,
      onUndecryptable: (failure) => void this.retries.ask(failure),
      onRetryRequest: (request) =>
        void this.retries.answer(request).catch((error: unknown) => logger.warn({ mod: 'signal.retry', err: error }, 'could not answer a retry request')),
      timers,
      pniChange: {
        apply: (pni, change) => void storePniChange({ accounts: new SignalAccountRepo(store, now), prekeys }, logger, pni, change),
        applied: () => options.onPniChanged?.(),
      },
      ...(options.keepEvent ? { keep: (event: StoredEvent) => options.keepEvent?.(event, account.aci) ?? true } : {}),
      ...(options.onForeign ? { onForeign: options.onForeign } : {}),
      onStoreFailed: () => this.redeliverLater(),
      onStored: ({ ready, held, attachments: count }) => {
        this.storeFailures = 0; // the database works again
        if (count > 0) this.fetcher.kick();
        if (ready) options.onInbound();
        if (held) options.onHeld();
      },
    });
    this.fetcher = new AttachmentFetcher({
      store,
      inbox,
      attachments,
      config,
      logger,
      maxBytes: options.maxAttachmentBytes,
      onDone: (_id, held) => (held ? options.onHeld() : options.onInbound()),
    });
    this.connection = new ChatConnection({
      net: options.net,
      clock,
      logger,
      username: this.username,
      password: account.password,
      keepaliveMs: timing.keepaliveMs,
      keepaliveTimeoutMs: timing.keepaliveTimeoutMs,
      backoff: timing.reconnect,
      healthyAfterMs: timing.healthyAfterMs,
      elsewhereBackoff: timing.elsewhere,
      random: options.random,
      onEnvelope: (envelope) => this.receiver.push(envelope),
      onQueueEmpty: () => void this.refillKeys(),
      onState: (state, detail) => {
        options.onConnectionState(state, detail);
        if (state === 'connected') this.outboxJob.kick();
      },
      checkCredentials: () => this.checkCredentials(),
    });
    const sendLog = new SendLogRepo(store, now);
    const sender = new MessageSender({
      api: this.connection,
      store,
      protocol: this.protocol,
      account,
      logger,
      sendLog,
      ...(options.onOwnDevicesGone ? { onOwnDevicesGone: options.onOwnDevicesGone } : {}),
    });
    this.retries = new RetryRequests({ sender, sendLog, account, clock, logger });
    this.outboxJob = new OutboxJob({
      outbox: new OutboxRepo(store, now),
      attachments,
      sender,
      upload: (attachment) => uploadAttachment(this.connection, config, { username: this.username, password: account.password }, attachment, clock.now()),
      ownAci: account.aci,
      profileKey: account.profileKey,
      mark: () => ({ ...options.markDetails?.(), computer: options.deviceName?.() ?? account.deviceName }),
      clock,
      logger,
      random: options.random,
      canSend: () => this.connection.currentState === 'connected',
      timerFor: (to) => timers.get(to),
      onSent: (row) => {
        this.expiry.kick();
        options.onSendHold?.(undefined);
        options.onSent?.(row);
      },
      onFailed: options.onSendFailed,
      onRetry: (_row, error) => {
        if (error instanceof SignalError && error.code === 'SIGNAL_UNTRUSTED_IDENTITY') options.onHeld();
        if (error instanceof SignalError && error.code === 'SIGNAL_RATE_LIMITED') {
          const until = clock.now() + (error.retryAfterMs ?? 60_000);
          options.onSendHold?.({ message: describeError(error), until, ...(error.challenge ? { challenge: error.challenge } : {}) });
        }
      },
    });
  }

  /** Stores `name` on the server (the phone's Linked devices list); true when the server took it. */
  renameOnServer(name: string): Promise<boolean> {
    return renameOnServer(this.connection, this.account, name);
  }

  /** Answers Signal's send challenge with the captcha the owner solved; throws when Signal refused it. */
  answerCaptcha(token: string, pasted: string): Promise<void> {
    return answerCaptchaChallenge(this.connection, token, pasted);
  }

  start(): void {
    this.expiry.start();
    this.connection.start();
    this.keyUpkeepTimer = this.options.clock.setInterval(() => {
      if (this.connection.currentState === 'connected') void this.refillKeys();
    }, KEY_UPKEEP_INTERVAL_MS);
    this.outboxJob.start();
    this.fetcher.kick(); // attachments a crash left unfetched
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.outboxJob.stop();
    this.expiry.stop();
    this.keyUpkeepTimer?.cancel();
    this.redeliverTimer?.cancel();
    this.redeliverTimer = undefined;
    this.fetcher.stop();
    await this.connection.stop();
    // Let work in flight finish (it only touches the database briefly), but never hang a shutdown.
    const settled = Promise.all([this.receiver.idle(), this.outboxJob.idle(), this.fetcher.idle(), this.keyUpkeep]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1500).unref())]);
  }

  /**
   * Envelopes left unacknowledged after a failed batch come again only on a new connection, and
   * nothing else may reconnect for hours: so one is made after a while (a full disk may have room
   * by then), waiting longer each time it fails again.
   */
  private redeliverLater(): void {
    if (this.redeliverTimer || this.stopped) return;
    const delay = backoffDelay(this.options.timing?.redeliver ?? REDELIVER_BACKOFF, this.storeFailures++, this.options.random);
    this.options.logger.info({ mod: 'signal.receiver', inMs: delay }, 'reconnecting later for the messages that could not be stored');
    this.redeliverTimer = this.options.clock.setTimeout(() => {
      this.redeliverTimer = undefined;
      void this.connection.reconnectNow();
    }, delay);
  }

  /** Asks the server over plain HTTPS whether our credentials still work. */
  private checkCredentials(): Promise<CredentialCheck> {
    return checkCredentials(this.options.config, this.username, this.options.account.password);
  }

  /** Pre-key upkeep, each time the server has delivered what was queued for us, and on a timer. */
  private async refillKeys(): Promise<void> {
    if (this.keyUpkeep) {
      // Asked again while one runs (the timer during a connect's upkeep): run once more after it.
      this.keyUpkeepAgain = true;
      return;
    }
    this.keyUpkeep = (async () => {
      do {
        this.keyUpkeepAgain = false;
        await this.keyUpkeepOnce();
      } while (this.keyUpkeepAgain && this.connection.currentState === 'connected');
    })().finally(() => {
      this.keyUpkeep = undefined;
    });
    await this.keyUpkeep;
  }

  private async keyUpkeepOnce(): Promise<void> {
    const kinds = this.options.account.pni ? (['aci', 'pni'] as const) : (['aci'] as const);
    try {
      await this.keys.rotateIfOld(this.connection, kinds);
      await this.keys.refillIfLow(this.connection, kinds);
    } catch (error) {
      this.options.logger.warn({ mod: 'signal.keys', err: error }, 'pre-key refill failed; will try on the next connect');
    }
  }
}
