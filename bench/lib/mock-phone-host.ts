// Child process for the Signal benchmarks: Signal's mock server and the simulated phone live
// here, so the phone's work (encrypting, decrypting replies) runs on its own core, as a real
// phone would, instead of competing with the app being measured. Driven over IPC:
//   → { id, cmd: 'link', url }                          ← { id, deviceKey }
//   → { id, cmd: 'burst', deviceKey, n, foreignEvery?, sealed? } ← { id, totalMs, encryptMs }
//     (foreignEvery k: every k-th message is the owner's chat with someone else, a sync transcript;
//     sealed: every message goes with sealed sender, as the owner's messages to a bot number do)
//   → { id, cmd: 'pingpong', deviceKey, n }             ← { id, latencies }
//   → { id, cmd: 'say', deviceKey, body }               ← { id, sentAt }   (the owner writes in Note to Self)
//   → { id, cmd: 'shown', since }                       ← { id, items }    (what the phone showed since)
// and prints one line "CONFIG <path>" when ready. Times are epoch milliseconds with sub-ms
// precision (performance.timeOrigin + now()), comparable across processes.
import { randomUUID } from 'node:crypto';
import { Aci } from '@signalapp/libsignal-client';
import { encryptContent, startMockSignal, type Device } from '../../test/helpers/mock-signal.js';

type Command =
  | { id: number; cmd: 'link'; url: string }
  | { id: number; cmd: 'burst'; deviceKey: string; n: number; foreignEvery?: number; sealed?: boolean }
  | { id: number; cmd: 'pingpong'; deviceKey: string; n: number }
  | { id: number; cmd: 'say'; deviceKey: string; body: string }
  | { id: number; cmd: 'shown'; since: number };

/** One thing the phone showed: a notifying message, a silent sync transcript, or an edit. */
interface ShownItem {
  readonly kind: 'notify' | 'silent' | 'edit';
  readonly at: number;
  readonly timestamp: number;
  readonly body: string;
}

const epochNow = (): number => performance.timeOrigin + performance.now();

const cleanups: Array<() => unknown> = [];
const mock = await startMockSignal({ after: (fn: () => unknown) => void cleanups.push(fn) });
const devices = new Map<string, Device>();
let stamp = Date.now() - 60 * 60_000;

// The recorder starts with the first 'say' (pingpong and burst read the phone's queues themselves).
const shown: ShownItem[] = [];
let recording = false;
function record(kind: ShownItem['kind'], m: { timestamp?: bigint | number | null; body?: string | null } | null | undefined): void {
  if (m) shown.push({ kind, at: epochNow(), timestamp: Number(m.timestamp ?? 0), body: m.body ?? '' });
}
function startRecording(): void {
  if (recording) return;
  recording = true;
  const pump = async (next: () => Promise<void>) => {
    for (;;) await next().catch(() => undefined);
  };
  void pump(async () => record('notify', (await mock.phone.waitForMessage()).dataMessage));
  void pump(async () => record('edit', (await mock.phone.waitForEditMessage()).editMessage.dataMessage));
  void pump(async () => {
    const s = await mock.phone.waitForSyncMessage((x) => x.syncMessage.content?.sent != null);
    const sent = s.syncMessage.content?.sent;
    record(sent?.editMessage ? 'edit' : 'silent', sent?.editMessage?.dataMessage ?? sent?.message);
  });
}

async function handle(command: Command): Promise<Record<string, unknown>> {
  if (command.cmd === 'link') {
    const device = await mock.completeLink(command.url);
    const key = `${device.deviceId}`;
    devices.set(key, device);
    return { deviceKey: key };
  }
  if (command.cmd === 'shown') return { items: shown.filter((s) => s.at >= command.since) };
  const device = devices.get(command.deviceKey);
  if (!device) throw new Error(`unknown device ${command.deviceKey}`);
  if (command.cmd === 'say') {
    startRecording();
    const sentAt = epochNow();
    await mock.phone.sendText(device, command.body, { timestamp: stamp++ });
    return { sentAt };
  }
  if (command.cmd === 'burst') {
    // The phone sends as fast as it can: each message goes out as soon as it is encrypted; a
    // send resolves when the receiving client acknowledged that envelope.
    const delivered: Promise<void>[] = [];
    const started = performance.now();
    let encryptMs = 0;
    for (let i = 0; i < command.n; i++) {
      const before = performance.now();
      const body = `message ${i} with a realistic length: run the tests and tell me what broke`;
      const timestamp = stamp++;
      const options = { timestamp, ...(command.sealed ? { sealed: true } : {}) };
      const envelope =
        command.foreignEvery && i % command.foreignEvery === 0
          ? await encryptContent(mock.phone, device, foreignTranscript(body, timestamp), options)
          : await mock.phone.encryptText(device, body, options);
      encryptMs += performance.now() - before;
      delivered.push(mock.server.send(device, envelope));
    }
    await Promise.all(delivered);
    return { totalMs: performance.now() - started, encryptMs };
  }
  const latencies: number[] = [];
  for (let i = 0; i < command.n; i++) {
    const started = performance.now();
    await mock.phone.sendText(device, `ping ${i}`, { timestamp: stamp++ });
    const reply = await mock.phone.waitForMessage();
    if (reply.body !== `ping ${i}`) throw new Error(`unexpected echo ${reply.body}`);
    latencies.push(performance.now() - started);
  }
  return { latencies };
}

/** The owner's message to another contact, as their linked devices get it. */
const otherContact = Buffer.from(Aci.parseFromServiceIdString(randomUUID()).getRawUuidBytes());
function foreignTranscript(body: string, timestamp: number): Record<string, unknown> {
  const message = { body, timestamp: BigInt(timestamp) };
  return { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: otherContact, timestamp: BigInt(timestamp), message } } } } };
}

process.on('message', (command: Command) => {
  handle(command).then(
    (result) => process.send?.({ id: command.id, ...result }),
    (error: unknown) => process.send?.({ id: command.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => {
  void (async () => {
    for (const fn of cleanups.reverse()) await fn();
    process.exit(0);
  })();
});
process.stdout.write(`CONFIG ${mock.configPath}\n`);
