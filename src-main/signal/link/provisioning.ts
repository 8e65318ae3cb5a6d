// The linking QR code: a provisioning websocket whose server-assigned address and our one-off
// public key form the sgnl://linkdevice URL the phone scans. The phone then sends its account
// keys, encrypted to that key, through the same socket. A socket that closes or gets too old is
// replaced by a new one (a new URL), until the phone has answered or linking is cancelled. The
// URL is withdrawn the moment its socket goes (a QR code the phone can no longer use is never
// left on screen); a socket the server closed is replaced at once, repeated failures back off.
import type { ProvisioningConnection } from '@signalapp/libsignal-client/dist/net/Chat.js';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { backoffDelay } from '../connection/backoff.js';
import { SignalError } from '../errors.js';
import type { Net } from '../connection/net-factory.js';
import { decodeProto } from '../protocol/proto.js';
import { decryptProvisionBody, generateProvisioningKeyPair, type ProvisioningKeyPair } from './provisioning-cipher.js';
import { ProvisionEnvelopeSchema, ProvisionMessageSchema, type ProvisionMessage } from '../protocol/wire-schemas.js';

export interface ProvisioningUrl {
  readonly url: string;
  readonly expiresAt: number;
}

export interface ProvisionerOptions {
  readonly net: Net;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called with each new URL (the first one and every renewal), and undefined when it went dead. */
  readonly onUrl: (url: ProvisioningUrl | undefined) => void;
  /** Renew the URL after this long even if the server keeps the socket open. */
  readonly maxUrlAgeMs?: number;
  /** First wait before reopening a socket that failed (it grows while failures repeat). */
  readonly retryDelayMs?: number;
  /** A socket could not be opened (it is retried); lets the UI say why there is no QR code yet. */
  readonly onConnectError?: (error: unknown) => void;
}

export const DEFAULT_URL_AGE_MS = 5 * 60_000;

export function linkDeviceUrl(address: string, publicKeyBase64: string): string {
  return `sgnl://linkdevice?uuid=${encodeURIComponent(address)}&pub_key=${encodeURIComponent(publicKeyBase64)}`;
}

/** Runs provisioning sockets until the phone sends its provision message (or stop() is called). */
export class Provisioner {
  private stopped = false;
  private connection: ProvisioningConnection | undefined;
  private timer: TimerHandle | undefined;
  /** Consecutive sockets that failed before showing a URL (drives the retry backoff). */
  private failures = 0;
  private readonly done: Promise<ProvisionMessage>;
  private resolveDone!: (message: ProvisionMessage) => void;
  private rejectDone!: (error: unknown) => void;

  constructor(private readonly options: ProvisionerOptions) {
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // A caller that stops early may never await the result; don't report that as unhandled.
    this.done.catch(() => undefined);
  }

  /** Starts the first socket; resolves with what the phone sent. */
  run(): Promise<ProvisionMessage> {
    void this.open();
    return this.done;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timer?.cancel();
    this.rejectDone(new SignalError('SIGNAL_LINK_FAILED', 'Linking was cancelled.'));
    await this.closeConnection();
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    const keys = generateProvisioningKeyPair();
    let settled = false;
    let shown = false;
    const renew = (why: string) => {
      if (settled || this.stopped) return;
      settled = true;
      this.timer?.cancel();
      this.options.logger.info({ mod: 'signal.provisioning', why }, 'renewing the link URL');
      if (shown) this.options.onUrl(undefined);
      void this.closeConnection().then(() => {
        if (this.stopped) return;
        // Renewing an expired URL is immediate, and so is the first reopen after the server
        // closed a socket; a server that keeps failing is retried with backoff.
        if (why === 'expired') this.failures = 0;
        const delay = why === 'expired' || this.failures === 0 ? 0 : backoffDelay({ initialMs: this.options.retryDelayMs ?? 1000, maxMs: 60_000 }, this.failures - 1);
        if (why !== 'expired') this.failures++;
        this.timer = this.options.clock.setTimeout(() => void this.open(), delay);
      });
    };
    try {
      this.connection = await this.options.net.connectProvisioning({
        onReceivedAddress: (address, ack) => {
          ack.send(200);
          shown = true;
          const expiresAt = this.options.clock.now() + (this.options.maxUrlAgeMs ?? DEFAULT_URL_AGE_MS);
          this.timer = this.options.clock.setTimeout(() => renew('expired'), this.options.maxUrlAgeMs ?? DEFAULT_URL_AGE_MS);
          this.options.onUrl({ url: linkDeviceUrl(address, keys.publicKeyBase64), expiresAt });
        },
        onReceivedEnvelope: (envelope, ack) => {
          ack.send(200);
          settled = true;
          this.timer?.cancel();
          this.finish(keys, envelope);
        },
        onConnectionInterrupted: () => renew('socket closed'),
      });
      if (this.stopped) await this.closeConnection();
    } catch (error) {
      // Stopped while connecting: the service (and maybe the database) is gone; report nothing.
      if (this.stopped) return;
      this.options.logger.warn({ mod: 'signal.provisioning', err: error }, 'could not open the provisioning socket');
      this.options.onConnectError?.(error);
      renew('connect failed');
    }
  }

  private finish(keys: ProvisioningKeyPair, envelopeBytes: Uint8Array): void {
    void this.closeConnection();
    try {
      const envelope = ProvisionEnvelopeSchema.parse(decodeProto('ProvisionEnvelope', envelopeBytes));
      const plaintext = decryptProvisionBody(keys.privateKey, envelope.publicKey, envelope.body);
      const parsed = ProvisionMessageSchema.safeParse(decodeProto('ProvisionMessage', plaintext));
      if (!parsed.success) throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone is incomplete.');
      this.stopped = true;
      this.resolveDone(parsed.data);
    } catch (error) {
      // A bad envelope is not fatal: show a new QR code and let the phone try again.
      this.options.logger.warn({ mod: 'signal.provisioning', err: error }, 'unusable provisioning envelope');
      this.timer = this.options.clock.setTimeout(() => void this.open(), this.options.retryDelayMs ?? 1000);
    }
  }

  private async closeConnection(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    try {
      await connection.disconnect();
    } catch {
      // Already closed.
    }
  }
}
