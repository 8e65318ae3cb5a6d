// Child process for the Signal benchmarks: Signal's mock server and the simulated phone live
// here, so the phone's work (encrypting, decrypting replies) runs on its own core, as a real
// phone would, instead of competing with the app being measured. Driven over IPC:
//   → { id, cmd: 'link', url }                          ← { id, deviceKey }
//   → { id, cmd: 'burst', deviceKey, n }                ← { id, totalMs, encryptMs }
//   → { id, cmd: 'pingpong', deviceKey, n }             ← { id, latencies }
// and prints one line "CONFIG <path>" when ready.
import { startMockSignal, type Device } from '../../test/helpers/mock-signal.js';

type Command =
  | { id: number; cmd: 'link'; url: string }
  | { id: number; cmd: 'burst'; deviceKey: string; n: number }
  | { id: number; cmd: 'pingpong'; deviceKey: string; n: number };

const cleanups: Array<() => unknown> = [];
const mock = await startMockSignal({ after: (fn: () => unknown) => void cleanups.push(fn) });
const devices = new Map<string, Device>();
let stamp = Date.now() - 60 * 60_000;

async function handle(command: Command): Promise<Record<string, unknown>> {
  if (command.cmd === 'link') {
    const device = await mock.completeLink(command.url);
    const key = `${device.deviceId}`;
    devices.set(key, device);
    return { deviceKey: key };
  }
  const device = devices.get(command.deviceKey);
  if (!device) throw new Error(`unknown device ${command.deviceKey}`);
  if (command.cmd === 'burst') {
    // The phone sends as fast as it can: each message goes out as soon as it is encrypted; a
    // send resolves when the receiving client acknowledged that envelope.
    const delivered: Promise<void>[] = [];
    const started = performance.now();
    let encryptMs = 0;
    for (let i = 0; i < command.n; i++) {
      const before = performance.now();
      const envelope = await mock.phone.encryptText(device, `message ${i} with a realistic length: run the tests and tell me what broke`, { timestamp: stamp++ });
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
