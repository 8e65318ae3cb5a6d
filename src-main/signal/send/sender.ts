// Encrypts one Content for every device of an account and hands it to the server
// (PUT /v1/messages/{serviceId}). The server checks that we addressed exactly the account's
// current devices with current sessions: 409 lists devices we missed or that no longer exist,
// 410 devices whose session is stale (re-registered); we fix the sessions (fetching pre-key
// bundles where needed) and send again. Rate limits (429, 428 challenge) surface as
// SIGNAL_RATE_LIMITED with the wait the server asked for, so the outbox retries then; a 413
// without a wait means too large (refusals.ts).
// Retry requests (a DecryptionErrorMessage in plaintext content) go the same way to every
// device of the account whose message we could not decrypt: the server wants the full list.
// What went out resendable is kept in the send log (a day) for the recipient's retry requests.
import {
  Aci,
  CiphertextMessageType,
  DecryptionErrorMessage,
  KEMPublicKey,
  PlaintextContent,
  PreKeyBundle,
  processPreKeyBundle,
  ProtocolAddress,
  PublicKey,
  SessionRecord,
  signalEncrypt,
} from '@signalapp/libsignal-client';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { SendLogRepo } from '../../store/send-log-repo.js';
import type { ChatApi, ChatResponse } from '../connection/chat-api.js';
import { sendLimitError } from './refusals.js';
import { LibErrorCode, libsignalCode, SignalError } from '../errors.js';
import type { DecryptFailure } from '../receive/envelope-decrypt.js';
import type { ProtocolState } from '../protocol/protocol-stores.js';
import { MismatchedDevicesSchema, parseJsonBody, PreKeyBundleResponseSchema, StaleDevicesSchema, type PreKeyBundleResponse } from '../protocol/wire-schemas.js';

export interface SendOptions {
  /** Only deliver to devices online now (typing indicators). */
  readonly online?: boolean;
  /** Whether the server should wake the recipient's phone with a push. */
  readonly urgent?: boolean;
  /** Keep the content in the send log so the recipient can ask for it again. */
  readonly resendable?: boolean;
}

/** One entry of PUT /v1/messages: what one device of the recipient gets. */
interface DeviceMessage {
  readonly type: number;
  readonly destinationDeviceId: number;
  readonly destinationRegistrationId: number;
  readonly content: string;
}

/** Envelope type of plaintext content (retry requests travel unencrypted, the session being the problem). */
const PLAINTEXT_CONTENT = 8;

export interface SenderOptions {
  readonly api: ChatApi;
  readonly store: Store;
  readonly protocol: ProtocolState;
  readonly account: { readonly aci: string; readonly deviceId: number };
  readonly logger: Logger;
  /** Where resendable content is kept for a day (retry requests); none: nothing is kept. */
  readonly sendLog?: SendLogRepo;
  /** A 409 on a send to the own account named devices the server no longer has (unlinked). */
  readonly onOwnDevicesGone?: (devices: readonly number[]) => void;
}

/** Send attempts per message when the device list keeps changing under us. */
const MAX_DEVICE_FIXES = 4;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** Pads a Content for encryption: content, 0x80, zeros up to a multiple of 160 bytes. */
export function padContent(content: Uint8Array): Uint8Array<ArrayBuffer> {
  const padded = new Uint8Array(Math.ceil((content.byteLength + 1) / 160) * 160);
  padded.set(content);
  padded[content.byteLength] = 0x80;
  return padded;
}

export class MessageSender {
  constructor(private readonly options: SenderOptions) {}

  /** Delivers `content` to every device of `destination` (except this one). */
  async send(destination: string, content: Uint8Array, timestamp: number, options: SendOptions = {}): Promise<void> {
    const padded = padContent(content);
    await this.deliver(destination, timestamp, options, () => this.encryptForDevices(destination, padded));
    if (options.resendable) this.options.sendLog?.record(destination, timestamp, content, options.urgent ?? true);
  }

  /**
   * PUTs the messages `build` makes for the devices we know of, and while the server says the
   * list is wrong (409) or sessions are stale (410), fixes the sessions and builds them again.
   */
  private async deliver(destination: string, timestamp: number, options: SendOptions, build: () => Promise<DeviceMessage[]>): Promise<void> {
    for (let attempt = 0; attempt < MAX_DEVICE_FIXES; attempt++) {
      const messages = await build();
      const response = await this.options.api.request('PUT', `/v1/messages/${destination}`, {
        json: { messages, timestamp, online: options.online ?? false, urgent: options.urgent ?? true },
        timeoutMs: 30_000,
      });
      if (response.status === 200) return;
      await this.handleRefusal(destination, response);
    }
    throw new SignalError('SIGNAL_NETWORK', `The device list of the recipient kept changing; will try again later.`);
  }

  private async handleRefusal(destination: string, response: ChatResponse): Promise<void> {
    const { status } = response;
    if (status === 409) {
      const body = parseJsonBody(MismatchedDevicesSchema, response.body) ?? { missingDevices: [], extraDevices: [] };
      this.options.logger.info({ mod: 'signal.sender', missing: body.missingDevices, extra: body.extraDevices }, 'device list changed');
      this.deleteSessions(destination, body.extraDevices);
      if (destination === this.options.account.aci && body.extraDevices.length) this.options.onOwnDevicesGone?.(body.extraDevices);
      if (body.missingDevices.length) await this.fetchSessions(destination, body.missingDevices);
      return;
    }
    if (status === 410) {
      const body = parseJsonBody(StaleDevicesSchema, response.body) ?? { staleDevices: [] };
      this.options.logger.info({ mod: 'signal.sender', stale: body.staleDevices }, 'stale sessions');
      this.deleteSessions(destination, body.staleDevices);
      if (body.staleDevices.length) await this.fetchSessions(destination, body.staleDevices);
      return;
    }
    if (status === 404) throw new SignalError('SIGNAL_RECIPIENT_UNKNOWN', 'The recipient is not (or no longer) on Signal.');
    if (status === 401 || status === 403) throw new SignalError('SIGNAL_UNLINKED', 'The Signal server no longer accepts this device.');
    const limited = sendLimitError(response);
    if (limited) throw limited;
    throw new SignalError('SIGNAL_NETWORK', `The Signal server refused the message (HTTP ${status}).`);
  }

  /** Encrypts for every device we know of; the server corrects the list with 409 if needed. */
  private async encryptForDevices(destination: string, padded: Uint8Array<ArrayBuffer>): Promise<DeviceMessage[]> {
    const { protocol, store, account } = this.options;
    const isSelf = destination === account.aci;
    const local = ProtocolAddress.new(account.aci, account.deviceId);
    return protocol.run(async (state) => {
      const stores = state.stores('aci');
      const devices = state.repo.sessionDevices(destination).filter((d) => !(isSelf && d === account.deviceId));
      const messages: DeviceMessage[] = [];
      for (const deviceId of devices) {
        const address = ProtocolAddress.new(Aci.parseFromServiceIdString(destination), deviceId);
        const session = await stores.session.getSession(address);
        if (!session?.hasCurrentState()) continue;
        let ciphertext;
        try {
          ciphertext = await signalEncrypt(padded, address, local, stores.session, stores.identity);
        } catch (error) {
          throw untrusted(error) ?? error;
        }
        messages.push({
          type: ciphertext.type() === CiphertextMessageType.PreKey ? 3 : 1,
          destinationDeviceId: deviceId,
          destinationRegistrationId: session.remoteRegistrationId(),
          content: b64(ciphertext.serialize()),
        });
      }
      store.transaction(() => state.commit());
      return messages;
    });
  }

  /**
   * Tells the sender of a message we could not decrypt which one it was (a DecryptionErrorMessage
   * in plaintext content), so their client archives the broken session and sends it again. It
   * goes to every device of the sender's account, as the server requires (each device checks
   * whether it was the one that sent the message).
   */
  async sendRetryRequest(failure: DecryptFailure, timestamp: number): Promise<void> {
    const message = DecryptionErrorMessage.forOriginal(new Uint8Array(failure.ciphertext), failure.ciphertextType, failure.sentAt, failure.sourceDevice);
    const plaintext = b64(PlaintextContent.from(message).serialize());
    await this.deliver(failure.sourceAci, timestamp, { online: false, urgent: false }, () => this.plaintextForDevices(failure.sourceAci, plaintext));
  }

  /** The same plaintext content for every device we have a session with (for its registration id). */
  private async plaintextForDevices(destination: string, content: string): Promise<DeviceMessage[]> {
    const { protocol, account } = this.options;
    const isSelf = destination === account.aci;
    return protocol.run(async (state) => {
      const messages: DeviceMessage[] = [];
      for (const deviceId of state.repo.sessionDevices(destination).filter((d) => !(isSelf && d === account.deviceId))) {
        const session = await state.stores('aci').session.getSession(ProtocolAddress.new(Aci.parseFromServiceIdString(destination), deviceId));
        if (!session?.hasCurrentState()) continue;
        messages.push({ type: PLAINTEXT_CONTENT, destinationDeviceId: deviceId, destinationRegistrationId: session.remoteRegistrationId(), content });
      }
      return messages;
    });
  }

  /**
   * Archives our session with one device of `serviceId` when `matches` says so (given the
   * current session); true when it did. The next message to that device starts a new session.
   */
  async archiveSession(serviceId: string, deviceId: number, matches: (session: SessionRecord) => boolean = () => true): Promise<boolean> {
    const { protocol, store } = this.options;
    return protocol.run(async (state) => {
      const address = ProtocolAddress.new(Aci.parseFromServiceIdString(serviceId), deviceId);
      const stores = state.stores('aci');
      const session = await stores.session.getSession(address);
      if (!session?.hasCurrentState() || !matches(session)) return false;
      session.archiveCurrentState();
      await stores.session.saveSession(address, session);
      store.transaction(() => state.commit());
      return true;
    });
  }

  /** A peer's key differs from the one we trust: record it (once) for the owner to confirm. */
  private recordIdentityChange(state: ProtocolState, serviceId: string, newKey: Uint8Array): void {
    const oldKey = state.repo.getIdentity(serviceId);
    if (!oldKey || state.repo.hasOpenIdentityChange(serviceId)) return;
    this.options.store.transaction(() => state.repo.addIdentityChange(serviceId, oldKey, newKey));
    this.options.logger.warn({ mod: 'signal.sender' }, 'a recipient identity key changed; sending to them waits for confirmation');
  }

  private deleteSessions(destination: string, deviceIds: readonly number[]): void {
    this.options.store.transaction(() => {
      for (const deviceId of deviceIds) this.options.protocol.repo.deleteSession({ kind: 'aci', serviceId: destination, deviceId });
    });
  }

  /** Fetches pre-key bundles and starts sessions with the given devices. */
  private async fetchSessions(destination: string, deviceIds: readonly number[]): Promise<void> {
    const { api, protocol, store, account } = this.options;
    const bundles: PreKeyBundleResponse[] = [];
    for (const deviceId of deviceIds) {
      const response = await api.request('GET', `/v2/keys/${destination}/${deviceId}`);
      if (response.status === 404) continue; // the device went away meanwhile; the next 409 says so
      const bundle = parseJsonBody(PreKeyBundleResponseSchema, response.body);
      if (response.status !== 200 || !bundle) throw new SignalError('SIGNAL_NETWORK', `Could not fetch keys for a recipient device (HTTP ${response.status}).`);
      bundles.push(bundle);
    }
    const local = ProtocolAddress.new(account.aci, account.deviceId);
    await protocol.run(async (state) => {
      const stores = state.stores('aci');
      for (const bundle of bundles) {
        const identityKey = PublicKey.deserialize(fromB64(bundle.identityKey));
        for (const device of bundle.devices) {
          const preKey = device.preKey ?? undefined;
          const prekeyBundle = PreKeyBundle.new(
            device.registrationId,
            device.deviceId,
            preKey ? preKey.keyId : null,
            preKey ? PublicKey.deserialize(fromB64(preKey.publicKey)) : null,
            device.signedPreKey.keyId,
            PublicKey.deserialize(fromB64(device.signedPreKey.publicKey)),
            fromB64(device.signedPreKey.signature),
            identityKey,
            device.pqPreKey.keyId,
            KEMPublicKey.deserialize(fromB64(device.pqPreKey.publicKey)),
            fromB64(device.pqPreKey.signature),
          );
          try {
            await processPreKeyBundle(prekeyBundle, ProtocolAddress.new(Aci.parseFromServiceIdString(destination), device.deviceId), local, stores.session, stores.identity);
          } catch (error) {
            const refused = untrusted(error);
            if (!refused) throw new SignalError('SIGNAL_PROTOCOL', 'A recipient device sent unusable keys.', { cause: error });
            this.recordIdentityChange(state, destination, identityKey.serialize());
            throw refused;
          }
        }
      }
      store.transaction(() => state.commit());
    });
  }
}

function untrusted(error: unknown): SignalError | undefined {
  if (libsignalCode(error) !== LibErrorCode.UntrustedIdentity) return undefined;
  return new SignalError('SIGNAL_UNTRUSTED_IDENTITY', 'The recipient\u2019s safety number changed; messages to them wait until you confirm it in the app.', { cause: error });
}
