// The linking QR code: a provisioning websocket whose server-assigned address and our one-off
// public key form the sgnl://linkdevice URL the phone scans. The phone then sends its account
// keys, encrypted to that key, through the same socket. Like Signal Desktop's Provisioner, the
// URL rotates: a new socket opens while the one on screen is still live, its URL replaces the
// old one, and the old socket stays open one more rotation (a phone may have scanned it just
// before). If the socket on screen closes anyway, its URL is withdrawn at once (a QR code the
// phone can no longer use is never left on screen) and a new one is opened; failures back off.
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

/** Desktop's rotation interval: with two sockets open, each lives twice this, within the server's limit. */
export const DEFAULT_URL_AGE_MS = 45_000;

export function linkDeviceUrl(address: string, publicKeyBase64: string): string {
  return `sgnl://linkdevice?uuid=${encodeURIComponent(address)}&pub_key=${encodeURIComponent(publicKeyBase64)}`;
}

/** One provisioning socket and the keys its URL carries. */
interface LinkSocket {
  readonly keys: ProvisioningKeyPair;
  connection?: ProvisioningConnection;
  /** Its URL was shown (it is in `sockets`). */
  shown: boolean;
  /** Closed by us (rotated out, or linking is over): its closing means nothing. */
  retired: boolean;
}

/** Sockets kept open: the one on screen and the one before it (a phone may have just scanned it). */
const MAX_OPEN_SOCKETS = 2;

/** Runs provisioning sockets until the phone sends its provision message (or stop() is called). */
export class Provisioner {
  private stopped = false;
  /** Open sockets whose URL was shown, oldest first; the last one is on screen. */
  private sockets: LinkSocket[] = [];
  /** A socket opening (not yet shown). */
  private opening: LinkSocket | undefined;
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
    await this.closeAll();
  }

  private get maxAgeMs(): number {
    return this.options.maxUrlAgeMs ?? DEFAULT_URL_AGE_MS;
  }

  /** The socket whose URL is on screen. */
  private get active(): LinkSocket | undefined {
    return this.sockets.at(-1);
  }

  /**
   * Opens the next socket. The one on screen stays open until the new URL replaces it (and one
   * rotation longer), so the QR code shown always has a live socket behind it, as in Desktop.
   */
  private async open(): Promise<void> {
    if (this.stopped || this.opening) return;
    const socket: LinkSocket = { keys: generateProvisioningKeyPair(), shown: false, retired: false };
    this.opening = socket;
    try {
      socket.connection = await this.options.net.connectProvisioning({
        onReceivedAddress: (address, ack) => {
          ack.send(200);
          if (socket.retired || socket.shown) return;
          this.show(socket, address);
        },
        onReceivedEnvelope: (envelope, ack) => {
          ack.send(200);
          if (this.stopped) return;
          this.finish(socket.keys, envelope);
        },
        onConnectionInterrupted: () => this.closed(socket, 'socket closed'),
      });
      if (this.stopped || socket.retired) await this.disconnect(socket);
    } catch (error) {
      if (this.opening === socket) this.opening = undefined;
      // Stopped while connecting: the service (and maybe the database) is gone; report nothing.
      if (this.stopped) return;
      this.options.logger.warn({ mod: 'signal.provisioning', err: error }, 'could not open the provisioning socket');
      this.options.onConnectError?.(error);
      this.retry('connect failed');
    }
  }

  private show(socket: LinkSocket, address: string): void {
    if (this.opening === socket) this.opening = undefined;
    socket.shown = true;
    this.failures = 0;
    this.sockets.push(socket);
    while (this.sockets.length > MAX_OPEN_SOCKETS) {
      const old = this.sockets.shift();
      if (old) void this.disconnect(old);
    }
    this.timer?.cancel();
    this.timer = this.options.clock.setTimeout(() => this.rotate(), this.maxAgeMs);
    this.options.onUrl({ url: linkDeviceUrl(address, socket.keys.publicKeyBase64), expiresAt: this.options.clock.now() + this.maxAgeMs });
  }

  private rotate(): void {
    if (this.stopped) return;
    this.options.logger.info({ mod: 'signal.provisioning' }, 'rotating the link URL');
    void this.open();
  }

  /** A socket closed (the server's doing, or the network's). */
  private closed(socket: LinkSocket, why: string): void {
    if (this.stopped || socket.retired) return;
    socket.retired = true;
    if (this.opening === socket) {
      // Closed before it had a URL: like a failed connect.
      this.opening = undefined;
      this.retry(why);
      return;
    }
    const wasActive = this.active === socket;
    this.sockets = this.sockets.filter((s) => s !== socket);
    if (!wasActive) return; // an older code; the one on screen is still live
    // The code on screen went dead: withdraw it at once and get a new one.
    this.options.logger.info({ mod: 'signal.provisioning', why }, 'renewing the link URL');
    this.options.onUrl(undefined);
    this.timer?.cancel();
    this.retry(why);
  }

  /**
   * Opens another socket after a failure: at once the first time, with a growing wait while
   * failures repeat. While an older code is still live it stays on screen meanwhile.
   */
  private retry(why: string): void {
    if (this.stopped) return;
    const delay = this.failures === 0 ? 0 : backoffDelay({ initialMs: this.options.retryDelayMs ?? 1000, maxMs: 60_000 }, this.failures - 1);
    this.failures++;
    this.options.logger.debug({ mod: 'signal.provisioning', why, delay }, 'opening another provisioning socket');
    this.timer?.cancel();
    this.timer = this.options.clock.setTimeout(() => void this.open(), delay);
  }

  private finish(keys: ProvisioningKeyPair, envelopeBytes: Uint8Array): void {
    try {
      const envelope = ProvisionEnvelopeSchema.parse(decodeProto('ProvisionEnvelope', envelopeBytes));
      const plaintext = decryptProvisionBody(keys.privateKey, envelope.publicKey, envelope.body);
      const parsed = ProvisionMessageSchema.safeParse(decodeProto('ProvisionMessage', plaintext));
      if (!parsed.success) throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone is incomplete.');
      this.stopped = true;
      this.timer?.cancel();
      void this.closeAll();
      this.resolveDone(parsed.data);
    } catch (error) {
      // A bad envelope is not fatal: a fresh code lets the phone try again.
      this.options.logger.warn({ mod: 'signal.provisioning', err: error }, 'unusable provisioning envelope');
      this.rotate();
    }
  }

  private async closeAll(): Promise<void> {
    const all = [...this.sockets, ...(this.opening ? [this.opening] : [])];
    this.sockets = [];
    this.opening = undefined;
    await Promise.all(all.map((socket) => this.disconnect(socket)));
  }

  private async disconnect(socket: LinkSocket): Promise<void> {
    socket.retired = true;
    const connection = socket.connection;
    socket.connection = undefined;
    if (!connection) return;
    try {
      await connection.disconnect();
    } catch {
      // Already closed.
    }
  }
}
