// The owner's phone as a test sees it: what arrives in Note to Self (notifying messages, silent
// sync transcripts, edits), in order, and the owner writing, replying, reacting and sending
// files there — all through Signal's mock server, like a real phone.
import assert from 'node:assert/strict';
import { createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { encryptAttachment } from '@signalapp/mock-server/src/crypto.js';
import { encryptContent, noteToSelfContent, sendContent, sendNoteToSelf, type Device, type MockSignal } from './mock-signal.js';

export interface PhoneAttachment {
  readonly contentType: string;
  readonly fileName: string | undefined;
  /** Downloads and decrypts it from the CDN, as the phone would on tap. */
  download(): Promise<Buffer>;
}

export interface ShownMessage {
  /** notify: a normal message (the phone rings); silent: a sync transcript; edit: replaces `editOf`. */
  readonly kind: 'notify' | 'silent' | 'edit';
  readonly timestamp: number;
  readonly editOf: number | undefined;
  readonly body: string;
  readonly ranges: Array<{ start: number; length: number; style: number | undefined }>;
  readonly attachments: PhoneAttachment[];
  readonly quote: number | undefined;
  readonly at: number;
}

type DataMessageLike = {
  timestamp?: bigint | number | null;
  body?: string | null;
  bodyRanges?: Array<{ start?: number | null; length?: number | null; associatedValue?: { style?: number | null } | null }>;
  attachments?: Array<{ attachmentIdentifier?: { cdnKey?: string | null } | null; key?: Uint8Array | null; digest?: Uint8Array | null; size?: number | null; contentType?: string | null; fileName?: string | null }>;
  quote?: { id?: bigint | number | null } | null;
};

export class Phone {
  /** Everything shown in Note to Self, in arrival order. */
  readonly shown: ShownMessage[] = [];
  /** Every linked device the phone's Note-to-Self transcripts go to (several computers: see computers.ts). */
  readonly devices: Device[];
  /**
   * Devices that are off now (a stopped computer). The mock server's send resolves only when the
   * device acknowledges, so the phone hands their messages over without waiting, as a real phone
   * does: the server queues them until the device is back.
   */
  readonly offline = new Set<Device>();
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<(m: ShownMessage) => void>();
  private stopped = false;
  private clock = Date.now();

  constructor(
    readonly mock: MockSignal,
    readonly device: Device,
  ) {
    this.devices = [device];
    void this.pump(async () => {
      const m = await mock.phone.waitForMessage();
      this.record('notify', m.dataMessage as DataMessageLike, undefined);
    });
    void this.pump(async () => {
      const e = await mock.phone.waitForEditMessage();
      this.record('edit', e.editMessage.dataMessage as DataMessageLike, Number(e.editMessage.targetSentTimestamp));
    });
    void this.pump(async () => {
      const s = await mock.phone.waitForSyncMessage((x) => x.syncMessage.content?.sent != null);
      const sent = s.syncMessage.content?.sent;
      if (!sent) return;
      if (sent.editMessage?.dataMessage) this.record('edit', sent.editMessage.dataMessage as DataMessageLike, Number(sent.editMessage.targetSentTimestamp));
      else if (sent.message) this.record('silent', sent.message as DataMessageLike, undefined);
    });
  }

  stop(): void {
    this.stopped = true;
  }

  /** A fresh, increasing timestamp for the owner's next message. */
  private nextTimestamp(): number {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return this.clock;
  }

  /** The owner writes in Note to Self. Returns the message's timestamp. */
  async say(body: string, extra: Record<string, unknown> = {}): Promise<number> {
    const timestamp = this.nextTimestamp();
    for (const device of this.devices) await this.deliver(device, { body, ...extra }, timestamp);
    return timestamp;
  }

  /** The owner replies to (quotes) one of the computer's messages. */
  replyTo(target: number, body: string): Promise<number> {
    return this.say(body, { quote: { id: BigInt(target), authorAciBinary: Buffer.from(this.mock.phone.device.aciRawUuid), text: '' } });
  }

  /** The owner reacts to one of the computer's messages. */
  async react(target: number, emoji: string): Promise<number> {
    const timestamp = this.nextTimestamp();
    const reaction = { emoji, remove: false, targetAuthorAciBinary: Buffer.from(this.mock.phone.device.aciRawUuid), targetSentTimestamp: BigInt(target) };
    for (const device of this.devices) await this.deliver(device, { reaction }, timestamp);
    return timestamp;
  }

  /** Sends to one device: waits for its acknowledgement, unless it is off (then the server queues it). */
  private async deliver(device: Device, message: Record<string, unknown>, timestamp: number): Promise<void> {
    if (!this.offline.has(device)) return sendNoteToSelf(this.mock.phone, device, message, timestamp);
    // Encrypted now, in order (the phone's ratchet advances); delivered whenever the device is back.
    const envelope = await encryptContent(this.mock.phone, device, noteToSelfContent(this.mock.phone, message, timestamp), { timestamp });
    this.mock.server.send(device, envelope).catch(() => undefined);
  }

  /** The owner sends a file (uploaded to the mock CDN) with an optional caption. */
  async sendFile(data: Buffer<ArrayBuffer>, contentType: string, fileName: string, body?: string): Promise<number> {
    const encrypted = encryptAttachment(data);
    const cdnKey = randomBytes(16).toString('hex');
    await this.mock.server.storeAttachmentOnCdn(3, cdnKey, encrypted.blob);
    return this.say(body ?? '', {
      attachments: [{ attachmentIdentifier: { cdnKey }, cdnNumber: 3, key: encrypted.key, digest: encrypted.digest, size: encrypted.size, contentType, fileName }],
    });
  }

  /** Someone else (not the owner) writes to this account. */
  static async strangerWrites(stranger: Awaited<ReturnType<MockSignal['createAccount']>>, device: Device, body: string): Promise<void> {
    await sendContent(stranger, device, { content: { dataMessage: { body, timestamp: BigInt(Date.now()) } } });
  }

  /** Calls `listener` for every message shown from now on (the demo's phone panel follows the phone so). */
  onShown(listener: (m: ShownMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until a shown message matches (looking at everything shown so far too). */
  async waitFor(predicate: (m: ShownMessage) => boolean, what: string, timeoutMs = 30_000): Promise<ShownMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.shown.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`The phone never showed ${what}. It showed:\n${this.shown.map((m) => `  [${m.kind}] ${m.body.slice(0, 160).replace(/\n/g, '⏎')}`).join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** The message as the phone shows it now: the original with its latest edit applied. */
  current(timestamp: number): ShownMessage | undefined {
    const original = this.shown.find((m) => m.timestamp === timestamp && m.kind !== 'edit');
    const edits = this.shown.filter((m) => m.kind === 'edit' && m.editOf === timestamp);
    return edits.at(-1) ?? original;
  }

  private record(kind: ShownMessage['kind'], m: DataMessageLike, editOf: number | undefined): void {
    const mock = this.mock;
    this.shown.push({
      kind,
      timestamp: Number(m.timestamp ?? 0),
      editOf,
      body: m.body ?? '',
      ranges: (m.bodyRanges ?? []).map((r) => ({ start: r.start ?? 0, length: r.length ?? 0, style: r.associatedValue?.style ?? undefined })),
      attachments: (m.attachments ?? []).map((p) => ({
        contentType: p.contentType ?? '',
        fileName: p.fileName ?? undefined,
        download: () => downloadLikeAPhone(mock, { cdnKey: p.attachmentIdentifier?.cdnKey, key: p.key, digest: p.digest, size: p.size }),
      })),
      quote: m.quote?.id == null ? undefined : Number(m.quote.id),
      at: Date.now(),
    });
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w();
    }
    const shown = this.shown[this.shown.length - 1] as ShownMessage;
    for (const l of this.listeners) l(shown);
  }

  private async pump(next: () => Promise<void>): Promise<void> {
    while (!this.stopped) {
      try {
        await next();
      } catch {
        if (this.stopped) return;
      }
    }
  }
}

/** What a phone does with an attachment pointer: fetch from the CDN, check digest and MAC, decrypt. */
export async function downloadLikeAPhone(mock: MockSignal, pointer: { cdnKey?: string | null; key?: Uint8Array | null; digest?: Uint8Array | null; size?: number | null }): Promise<Buffer> {
  const blob = await new Promise<Buffer>((resolve, reject) => {
    const req = request(`${mock.url}/cdn3/attachments/${pointer.cdnKey}`, { ca: String(mock.configJson.certificateAuthority) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`CDN ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
  const key = Buffer.from(pointer.key ?? []);
  assert.ok(createHash('sha256').update(blob).digest().equals(Buffer.from(pointer.digest ?? [])), 'digest matches');
  const mac = createHmac('sha256', key.subarray(32)).update(blob.subarray(0, -32)).digest();
  assert.ok(mac.equals(blob.subarray(-32)), 'MAC matches');
  const decipher = createDecipheriv('aes-256-cbc', key.subarray(0, 32), blob.subarray(0, 16));
  return Buffer.concat([decipher.update(blob.subarray(16, -32)), decipher.final()]).subarray(0, pointer.size ?? undefined);
}
