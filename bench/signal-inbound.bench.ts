// Inbound throughput: 1,000 messages from the simulated phone (its own process, like a real
// phone), each decrypted by the app, stored with its protocol state and only then acknowledged;
// timed from the phone's first encryption to the last acknowledgement while the phone sends each
// message as soon as it is encrypted. Next to it, in the same run, the rate at which the phone
// itself can send them: the same, to a bare client that acknowledges without decrypting or
// storing anything. A second figure: with the privacy filter on (only Note to Self is stored)
// and every second message from another conversation (the owner's chat with someone else),
// against the phone's raw rate for the same mix.
import { Net as SignalNet } from '@signalapp/libsignal-client';
import { createNet } from '../src-main/signal/connection/net-factory.js';
import { loadServerConfig } from '../src-main/signal/server-config.js';
import { SignalAccountRepo } from '../src-main/store/signal-account-repo.js';
import { authorize } from '../src-main/chat/authorization.js';
import { isMain, percentile, printTable, type BenchRow } from './lib/report.js';
import { linkedApp, startPhoneHost } from './lib/signal-setup.js';

const N = 1000;
const WARMUP = 20;
const ROUNDS = 9;

interface Burst {
  totalMs: number;
  encryptMs: number;
}

export async function run(): Promise<BenchRow[]> {
  const host = await startPhoneHost();
  const closers: Array<() => Promise<unknown>> = [() => host.close()];
  try {
    const app = await linkedApp(host);
    closers.unshift(() => app.close());
    // The daemon's filter in Note-to-Self mode (see daemon/build-services.ts).
    const filtered = await linkedApp(host, { keepEvent: (event, ownAci) => authorize(event, { mode: 'note-to-self', ownAci, allowlist: [] }).allowed });
    closers.unshift(() => filtered.close());

    // A second linked device that only acknowledges.
    const other = await linkedApp(host);
    const account = new SignalAccountRepo(other.store).get();
    await other.close();
    if (!account) throw new Error('second device did not link');
    const bare: SignalNet.AuthenticatedChatConnection = await createNet(loadServerConfig(host.configPath), 'bench-ack-only').connectAuthenticatedChat(
      `${account.aci}.${account.deviceId}`,
      account.password,
      false,
      { onIncomingMessage: (_e, _t, ack) => ack.send(200), onQueueEmpty: () => undefined, onConnectionInterrupted: () => undefined },
    );
    closers.unshift(() => bare.disconnect());

    const burst = (deviceKey: string, n: number, foreignEvery?: number) => host.request<Burst>({ cmd: 'burst', deviceKey, n, ...(foreignEvery ? { foreignEvery } : {}) });
    await burst(other.deviceKey, WARMUP);
    await burst(app.deviceKey, WARMUP);
    await burst(filtered.deviceKey, WARMUP, 2);

    const rate = (ms: number) => (N / ms) * 1000;
    const ours: number[] = [];
    const raw: number[] = [];
    const encryptOnly: number[] = [];
    const oursMixed: number[] = [];
    const rawMixed: number[] = [];
    // Alternate a few rounds and take medians: the machine is shared and noisy. The ratios are
    // the medians of each round's pair (the app's burst against the raw burst just before it),
    // so a slow drift of the machine's load moves both sides of a pair alike.
    for (let round = 0; round < ROUNDS; round++) {
      const b = await burst(other.deviceKey, N);
      raw.push(rate(b.totalMs));
      encryptOnly.push(rate(b.encryptMs));
      const o = await burst(app.deviceKey, N);
      ours.push(rate(o.totalMs));
      rawMixed.push(rate((await burst(other.deviceKey, N, 2)).totalMs));
      oursMixed.push(rate((await burst(filtered.deviceKey, N, 2)).totalMs));
    }
    const stored = app.service.pendingInbound(ROUNDS * N + WARMUP + 10).length;
    if (stored !== ROUNDS * N + WARMUP) throw new Error(`expected ${ROUNDS * N + WARMUP} stored messages, found ${stored}`);
    const kept = filtered.service.pendingInbound(ROUNDS * N + WARMUP).length;
    if (kept !== (ROUNDS * N + WARMUP) / 2) throw new Error(`expected ${(ROUNDS * N + WARMUP) / 2} stored Note-to-Self messages, found ${kept}`);
    const [o, r, e] = [percentile(ours, 50), percentile(raw, 50), percentile(encryptOnly, 50)];
    const [om, rm] = [percentile(oursMixed, 50), percentile(rawMixed, 50)];
    const paired = (a: number[], b: number[]) => percentile(a.map((x, i) => x / b[i]!), 50) * 100;
    return [
      {
        figure: `inbound: ${N} phone messages decrypted, persisted, acked`,
        value: `${o.toFixed(0)} msg/s (median of ${ROUNDS})`,
        goal: '≥ 500 msg/s and ≥ 50 % of raw',
        baseline: `phone sends ${r.toFixed(0)} msg/s (encrypts ${e.toFixed(0)}) → ${paired(ours, raw).toFixed(0)} % (median of the rounds' ratios)`,
      },
      {
        figure: `inbound, privacy filter on, 50 % from other conversations (${N} messages)`,
        value: `${om.toFixed(0)} msg/s (median of ${ROUNDS}); ${filtered.service.status().droppedOtherConversations} dropped unstored`,
        goal: '≥ 70 % of raw',
        baseline: `phone sends the same mix at ${rm.toFixed(0)} msg/s → ${paired(oursMixed, rawMixed).toFixed(0)} % (median of the rounds' ratios)`,
      },
    ];
  } finally {
    for (const close of closers) await close().catch(() => undefined);
  }
}

if (isMain(import.meta.url)) printTable(await run());
