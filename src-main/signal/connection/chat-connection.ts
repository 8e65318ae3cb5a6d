// The authenticated chat websocket (one per device): incoming envelopes arrive on it and REST
// requests go out on it. It keeps itself alive with GET /v1/keepalive (Signal's mock never
// answers websocket pings), reconnects with capped exponential backoff and jitter (the attempt
// count resets once a connection has stayed healthy), and stops for good when the server says
// this device is gone. When another process took over its credentials ("connected elsewhere":
// the server allows one socket per device), that is not an unlink: it keeps the credentials,
// says so, and tries again only after a long and growing wait, so two copies never fight.
import type { AuthenticatedChatConnection, ChatServerMessageAck } from '@signalapp/libsignal-client/dist/net/Chat.js';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { backoffDelay, ELSEWHERE_BACKOFF, RECONNECT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { chatRequest, type ChatApi, type ChatRequestOptions, type ChatResponse } from './chat-api.js';
import { LibErrorCode, libsignalCode, SignalError } from '../errors.js';
import type { Net } from './net-factory.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unlinked';
export type CredentialCheck = 'valid' | 'invalid' | 'unknown';

export interface IncomingEnvelope {
  readonly bytes: Uint8Array;
  readonly serverTimestamp: number;
  /** Tells the server the envelope is safely stored; it is delivered again otherwise. */
  ack(): void;
}

export interface ChatConnectionOptions {
  readonly net: Net;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly username: string;
  readonly password: string;
  readonly onEnvelope: (envelope: IncomingEnvelope) => void;
  readonly onQueueEmpty?: () => void;
  readonly onState: (state: ConnectionState, detail?: string) => void;
  readonly onConnected?: () => void;
  /** Asks the server, outside the websocket, whether our credentials still work. */
  readonly checkCredentials: () => Promise<CredentialCheck>;
  readonly keepaliveMs?: number;
  readonly keepaliveTimeoutMs?: number;
  readonly backoff?: BackoffPolicy;
  /** Waits after another process took the socket over. */
  readonly elsewhereBackoff?: BackoffPolicy;
  /** A connection that lasted this long resets the backoff. */
  readonly healthyAfterMs?: number;
  readonly random?: () => number;
}

const UNLINKED_DETAIL = 'This computer was removed from the Signal account. Link it again.';
const ELSEWHERE_DETAIL = 'Another copy of Signal Claude is using this device\u2019s credentials; stop it, or link this computer again';

export class ChatConnection implements ChatApi {
  private connection: AuthenticatedChatConnection | undefined;
  private generation = 0;
  private attempt = 0;
  /** Times in a row another process took the socket over (reset by a healthy connection). */
  private elsewhere = 0;
  private connectedAt = 0;
  private queueEmptySeen = false;
  private running = false;
  private state: ConnectionState = 'disconnected';
  private reconnectTimer: TimerHandle | undefined;
  private keepaliveTimer: TimerHandle | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: ChatConnectionOptions) {}

  get currentState(): ConnectionState {
    return this.state;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.reconnectTimer?.cancel();
    this.keepaliveTimer?.cancel();
    this.generation++;
    for (const wake of this.waiters.splice(0)) wake();
    await this.dropConnection();
    if (this.state !== 'unlinked') this.setState('disconnected');
  }

  /** A REST request on the socket; waits (up to the timeout) for a connection first. */
  async request(verb: string, path: string, options: ChatRequestOptions = {}): Promise<ChatResponse> {
    const connection = await this.connected(options.timeoutMs ?? 15_000);
    const response = await chatRequest(connection, verb, path, options);
    if (response.status === 401 || response.status === 403) void this.verifyCredentials('request refused');
    return response;
  }

  /** Drops the socket as if the network failed (the normal reconnect logic takes over). */
  async reconnectNow(): Promise<void> {
    await this.handleDrop(this.generation, null);
  }

  private connected(timeoutMs: number): Promise<AuthenticatedChatConnection> {
    if (this.connection && this.state === 'connected') return Promise.resolve(this.connection);
    // Stopped, it will not connect again by itself: waiting out the timeout would only delay the answer.
    if (!this.running) return Promise.reject(new SignalError('SIGNAL_NETWORK', 'Not connected to the Signal server.'));
    return new Promise((resolve, reject) => {
      const timer = this.options.clock.setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new SignalError('SIGNAL_NETWORK', 'Not connected to the Signal server.'));
      }, timeoutMs);
      const wake = () => {
        timer.cancel();
        if (this.connection && this.state === 'connected') resolve(this.connection);
        else if (this.state === 'unlinked') reject(new SignalError('SIGNAL_UNLINKED', UNLINKED_DETAIL));
        else reject(new SignalError('SIGNAL_NETWORK', 'Not connected to the Signal server.'));
      };
      this.waiters.push(wake);
    });
  }

  private async connect(): Promise<void> {
    if (!this.running || this.state === 'unlinked') return;
    const generation = ++this.generation;
    this.setState('connecting');
    this.queueEmptySeen = false;
    let connection: AuthenticatedChatConnection;
    try {
      connection = await this.options.net.connectAuthenticatedChat(this.options.username, this.options.password, false, {
        onIncomingMessage: (bytes: Uint8Array<ArrayBuffer>, serverTimestamp: number, ack: ChatServerMessageAck) => {
          this.options.onEnvelope({ bytes, serverTimestamp, ack: () => sendAck(ack) });
        },
        onQueueEmpty: () => {
          if (generation !== this.generation) return;
          this.queueEmptySeen = true;
          this.options.onQueueEmpty?.();
        },
        onConnectionInterrupted: (cause) => void this.handleDrop(generation, cause),
      });
    } catch (error) {
      if (generation !== this.generation || !this.running) return;
      const code = libsignalCode(error);
      this.options.logger.warn({ mod: 'signal.chat', err: error }, 'could not connect');
      if (code === LibErrorCode.DeviceDelinked) return this.unlinked('device delinked', UNLINKED_DETAIL);
      if (code === LibErrorCode.AppExpired) return this.unlinked('app expired', 'This version of Signal Claude is too old for the Signal server. Update it.');
      if (await this.verifyCredentials('connect failed')) return;
      return this.scheduleReconnect(describe(error));
    }
    if (generation !== this.generation || !this.running) {
      await connection.disconnect().catch(() => undefined);
      return;
    }
    this.connection = connection;
    this.connectedAt = this.options.clock.now();
    this.setState('connected');
    for (const wake of this.waiters.splice(0)) wake();
    this.scheduleKeepalive(generation);
    this.options.onConnected?.();
  }

  private async handleDrop(generation: number, cause: unknown): Promise<void> {
    if (generation !== this.generation || !this.running) return;
    this.generation++;
    this.keepaliveTimer?.cancel();
    const lived = this.options.clock.now() - this.connectedAt;
    const sawQueueEmpty = this.queueEmptySeen;
    await this.dropConnection();
    const code = libsignalCode(cause);
    if (lived >= (this.options.healthyAfterMs ?? 60_000)) {
      this.attempt = 0;
      this.elsewhere = 0;
    }
    if (code === LibErrorCode.ConnectedElsewhere) return this.yieldToOtherProcess();
    if (code === LibErrorCode.DeviceDelinked) return this.unlinked('device delinked', UNLINKED_DETAIL);
    // A socket the server closes before it even delivered the queue looks like refused
    // credentials (that is what Signal's servers do to a removed device): ask outside the socket.
    if (!sawQueueEmpty && (await this.verifyCredentials('dropped right after connecting'))) return;
    this.scheduleReconnect(cause ? describe(cause) : 'connection lost');
  }

  /** True when the server says our credentials are no longer valid (and we stopped). */
  private async verifyCredentials(why: string): Promise<boolean> {
    let result: CredentialCheck;
    try {
      result = await this.options.checkCredentials();
    } catch {
      result = 'unknown';
    }
    if (result !== 'invalid' || !this.running) return false;
    this.options.logger.warn({ mod: 'signal.chat', why }, 'the server no longer accepts this device');
    await this.unlinked('credentials refused', UNLINKED_DETAIL);
    return true;
  }

  private async unlinked(reason: string, detail: string): Promise<void> {
    if (this.state === 'unlinked') return;
    this.options.logger.warn({ mod: 'signal.chat', reason }, 'stopped reconnecting');
    this.generation++;
    this.reconnectTimer?.cancel();
    this.keepaliveTimer?.cancel();
    await this.dropConnection();
    this.setState('unlinked', detail);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Another process uses our credentials: leave it the socket for a while (credentials kept). */
  private yieldToOtherProcess(): void {
    if (!this.running) return;
    const delay = backoffDelay(this.options.elsewhereBackoff ?? ELSEWHERE_BACKOFF, this.elsewhere++, this.options.random);
    this.options.logger.warn({ mod: 'signal.chat', delayMs: delay }, 'another process connected with these credentials; waiting before trying again');
    this.setState('disconnected', `${ELSEWHERE_DETAIL}; trying again in ${waitText(delay)}`);
    this.reconnectTimer?.cancel();
    this.reconnectTimer = this.options.clock.setTimeout(() => void this.connect(), delay);
  }

  private scheduleReconnect(detail: string): void {
    if (!this.running || this.state === 'unlinked') return;
    const delay = backoffDelay(this.options.backoff ?? RECONNECT_BACKOFF, this.attempt++, this.options.random);
    this.setState('disconnected', `${detail}; retrying in ${Math.ceil(delay / 1000)} s`);
    this.options.logger.info({ mod: 'signal.chat', delayMs: delay, attempt: this.attempt }, 'reconnecting later');
    this.reconnectTimer?.cancel();
    this.reconnectTimer = this.options.clock.setTimeout(() => void this.connect(), delay);
  }

  private scheduleKeepalive(generation: number): void {
    this.keepaliveTimer?.cancel();
    this.keepaliveTimer = this.options.clock.setTimeout(() => void this.keepalive(generation), this.options.keepaliveMs ?? 25_000);
  }

  private async keepalive(generation: number): Promise<void> {
    const connection = this.connection;
    if (generation !== this.generation || !connection) return;
    try {
      const response = await chatRequest(connection, 'GET', '/v1/keepalive', { timeoutMs: this.options.keepaliveTimeoutMs ?? 10_000 });
      if (response.status !== 200) throw new Error(`keepalive answered ${response.status}`);
      this.scheduleKeepalive(generation);
    } catch (error) {
      this.options.logger.info({ mod: 'signal.chat', err: error }, 'keepalive failed; reconnecting');
      await this.handleDrop(generation, null);
    }
  }

  private async dropConnection(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await connection.disconnect().catch(() => undefined);
  }

  private setState(state: ConnectionState, detail?: string): void {
    this.state = state;
    this.options.onState(state, detail);
  }
}

function sendAck(ack: ChatServerMessageAck): void {
  try {
    ack.send(200);
  } catch {
    // The socket is gone; the server delivers the envelope again and the inbox recognises it.
  }
}

function waitText(ms: number): string {
  return ms >= 90_000 ? `${Math.round(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
