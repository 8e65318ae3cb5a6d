// The phone's side of retry requests, through Signal's mock server: a message from the computer
// that the phone cannot decrypt (the server hands it over, the phone loses it), the phone asking
// the computer for it again the way a real phone does (a DecryptionErrorMessage in plaintext
// content, to the computer's device), and what the phone then decrypted from the computer (so a
// test can see a resent message, a null message, and whether it came on a new session).
import { CiphertextMessageType, DecryptionErrorMessage, PlaintextContent } from '@signalapp/libsignal-client';
import { encodeProto } from '../../src-main/signal/protocol/proto.js';
import type { TestContext } from 'node:test';
import type { SignalService, SignalServiceOptions } from '../../src-main/signal/service.js';
import { EnvelopeType, startMockSignal, type Device, type MockSignal } from './mock-signal.js';
import { linkSignalService, waitForInbound, waitForSent } from './signal-service.js';

type EnvelopeKind = (typeof EnvelopeType)[keyof typeof EnvelopeType];

export interface LostMessage {
  readonly envelopeType: EnvelopeKind;
  readonly ciphertext: Uint8Array;
  readonly timestamp: number;
}

export interface Decrypted {
  /** CipherText (an existing session) or PreKey (a new one). */
  readonly envelopeType: EnvelopeKind;
  readonly timestamp: number;
  readonly nullMessage: boolean;
  readonly body: string | undefined;
  readonly decryptionError: boolean;
}

type HandleMessage = (source: Device | undefined, kind: unknown, type: EnvelopeKind, target: Device, encrypted: Buffer, timestamp: bigint) => Promise<void>;
type PhoneDecrypt = (source: Device | undefined, kind: unknown, type: EnvelopeKind, encrypted: Buffer) => Promise<{ content: PhoneContent; envelopeType: EnvelopeKind }>;
type PhoneContent = { content?: { nullMessage?: unknown; dataMessage?: { body?: string | null }; syncMessage?: { content?: { sent?: { message?: { body?: string | null } } } }; decryptionErrorMessage?: unknown } };

/** Watches what the phone gets from `computer` (one device of the phone's account). */
export class PhoneLine {
  /** Everything the phone decrypted from the computer, in order. */
  readonly decrypted: Decrypted[] = [];
  private losing: ((lost: LostMessage) => void) | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly mock: MockSignal,
    private readonly computer: Device,
  ) {
    const server = mock.server as unknown as { handleMessage: HandleMessage };
    const handle = server.handleMessage.bind(mock.server);
    const phone = mock.phone.device;
    const fromComputer = (source: Device | undefined) => source?.aci === computer.aci && source.deviceId === computer.deviceId;
    // The one timestamp the phone decrypts next (decrypt() does not see the envelope).
    let arriving = 0;
    server.handleMessage = async (source, kind, type, target, encrypted, timestamp) => {
      const toPhone = target.aci === phone.aci && target.deviceId === phone.deviceId;
      if (toPhone && fromComputer(source) && this.losing) {
        const lose = this.losing;
        this.losing = undefined;
        lose({ envelopeType: type, ciphertext: new Uint8Array(encrypted), timestamp: Number(timestamp) });
        return; // the phone could not read it
      }
      if (toPhone && fromComputer(source)) arriving = Number(timestamp);
      return handle(source, kind, type, target, encrypted, timestamp);
    };
    const primary = mock.phone as unknown as { decrypt: PhoneDecrypt };
    const decrypt = primary.decrypt.bind(mock.phone);
    primary.decrypt = async (source, kind, type, encrypted) => {
      const result = await decrypt(source, kind, type, encrypted);
      if (fromComputer(source)) {
        const c = result.content.content;
        this.decrypted.push({
          envelopeType: type,
          timestamp: arriving,
          nullMessage: c?.nullMessage != null,
          body: c?.dataMessage?.body ?? c?.syncMessage?.content?.sent?.message?.body ?? undefined,
          decryptionError: c?.decryptionErrorMessage != null,
        });
        for (const wake of [...this.waiters]) wake();
      }
      return result;
    };
  }

  /** The next message from the computer reaches the phone but cannot be decrypted there. */
  loseNext(): Promise<LostMessage> {
    return new Promise((resolve) => {
      this.losing = resolve;
    });
  }

  /** Waits until the phone decrypted something from the computer that matches. */
  async waitFor(predicate: (d: Decrypted) => boolean, what: string, timeoutMs = 20_000): Promise<Decrypted> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.decrypted.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the phone never decrypted ${what}; it decrypted ${JSON.stringify(this.decrypted)}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 200);
        this.waiters.add(done);
      });
    }
  }

  /**
   * The phone asks for `lost` again, as a real phone does: a DecryptionErrorMessage for the
   * original ciphertext (naming the device that sent it) as plaintext content from the phone.
   */
  async askAgain(lost: LostMessage, senderDevice = this.computer.deviceId): Promise<void> {
    const type = lost.envelopeType === EnvelopeType.PreKey ? CiphertextMessageType.PreKey : CiphertextMessageType.Whisper;
    const request = DecryptionErrorMessage.forOriginal(new Uint8Array(lost.ciphertext), type, lost.timestamp, senderDevice);
    const now = Date.now();
    const envelope = encodeProto('Envelope', {
      type: 8, // PLAINTEXT_CONTENT
      sourceServiceIdBinary: this.mock.phone.device.aciRawUuid,
      sourceDeviceId: this.mock.phone.device.deviceId,
      destinationServiceIdBinary: this.computer.aciRawUuid,
      clientTimestamp: now,
      serverTimestamp: now,
      content: PlaintextContent.from(request).serialize(),
    });
    await this.mock.server.send(this.computer, Buffer.from(envelope));
  }
}

/**
 * A computer linked to the mock phone, a session the phone started with a first message, and one
 * reply of the computer's that the server took and the phone lost on the way.
 */
export async function phoneLosesAReply(t: Pick<TestContext, 'after'>, message: Parameters<SignalService['send']>[0], options: Partial<SignalServiceOptions> = {}) {
  const mock = await startMockSignal(t);
  const { service, device } = await linkSignalService(t, mock, options);
  const line = new PhoneLine(mock, device);
  await mock.phone.sendText(device, 'starts the session');
  await waitForInbound(service, (e) => e.type === 'message');
  const losing = line.loseNext();
  const reply = service.send(message);
  const lost = await losing;
  await waitForSent(service, reply.outboxId);
  return { mock, service, device, line, reply, lost };
}
