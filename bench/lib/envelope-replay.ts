// Captured phone traffic, replayed: a linked app's database as it was after linking, plus the
// encrypted envelopes the phone sent it next (taken off the socket by a bare client that only
// acknowledges). Replaying them into a Receiver built as LinkedSession builds it, on a fresh copy
// of that database each time, measures the app's own receive work (decode, decrypt, parse,
// store, fsync) without the phone or the network in the same figure. The CPU time of the main
// thread is the figure: it moves much less than wall time when other processes share the cores.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@signalapp/libsignal-client';
import { silentLogger } from '../../src-main/shared/logger.js';
import { createNet } from '../../src-main/signal/connection/net-factory.js';
import { ProtocolState } from '../../src-main/signal/protocol/protocol-stores.js';
import { ConversationTimers } from '../../src-main/signal/receive/conversation-timers.js';
import type { StoredEvent } from '../../src-main/signal/receive/inbound-events.js';
import { Receiver, type ReceiveOutcome } from '../../src-main/signal/receive/receiver.js';
import { loadServerConfig } from '../../src-main/signal/server-config.js';
import { SignalService } from '../../src-main/signal/service.js';
import { AppStateRepo } from '../../src-main/store/app-state-repo.js';
import { DATABASE_FILE, Store } from '../../src-main/store/database.js';
import { InboxRepo } from '../../src-main/store/inbox-repo.js';
import { ProtocolRepo } from '../../src-main/store/protocol-repo.js';
import { SignalAccountRepo } from '../../src-main/store/signal-account-repo.js';
import { SignalAttachmentRepo } from '../../src-main/store/signal-attachment-repo.js';
import { SignalPreKeyRepo } from '../../src-main/store/signal-prekey-repo.js';
import { waitForPairingUrl, waitForState } from '../../test/helpers/signal-service.js';
import type { PhoneHost } from './signal-setup.js';

/** A burst for the phone host to send: `foreignEvery` k makes every k-th message another conversation's; `sealed` seals them all. */
export interface BurstSpec {
  readonly n: number;
  readonly foreignEvery?: number;
  readonly sealed?: boolean;
}

export interface Capture {
  readonly dir: string;
  readonly key: Buffer;
  readonly trustRoots: readonly string[];
  /** The envelopes of the burst, in the order the phone sent them. */
  readonly envelopes: readonly Uint8Array[];
  remove(): void;
}

const SNAPSHOT = 'snapshot.db';

/**
 * Links a new app to the host's phone, keeps its database, then records one burst the phone sends
 * it. Each replay starts from that database, so every replay does the same work: a burst replayed
 * after another would find a bigger database and the garbage of the one before.
 */
export async function capture(host: PhoneHost, burst: BurstSpec): Promise<Capture> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-replay-'));
  const key = randomBytes(32);
  const config = loadServerConfig(host.configPath);
  const store = Store.open({ path: join(dir, DATABASE_FILE), key });
  const service = new SignalService({ store, logger: silentLogger(), serverConfig: config, deviceName: 'Bench' });
  await service.start();
  const url = await waitForPairingUrl(service);
  const { deviceKey } = await host.request<{ deviceKey: string }>({ cmd: 'link', url });
  await waitForState(service, 'connected');
  // The session with the phone is set up by its first messages, as on a person's first day.
  await host.request({ cmd: 'burst', deviceKey, n: 20, foreignEvery: 2 });
  await service.stop();
  const account = new SignalAccountRepo(store).get();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  if (!account) throw new Error('the app did not link');
  copyFileSync(join(dir, DATABASE_FILE), join(dir, SNAPSHOT));

  const got: Uint8Array[] = [];
  const bare = await createNet(config, 'bench-capture').connectAuthenticatedChat(`${account.aci}.${account.deviceId}`, account.password, false, {
    onIncomingMessage: (envelope, _timestamp, ack) => {
      got.push(new Uint8Array(envelope));
      ack.send(200);
    },
    onQueueEmpty: () => undefined,
    onConnectionInterrupted: () => undefined,
  });
  try {
    // Resolves when every envelope of the burst was acknowledged, so `got` holds them all.
    await host.request({ cmd: 'burst', deviceKey, ...burst });
  } finally {
    await bare.disconnect();
  }
  if (got.length !== burst.n) throw new Error(`captured ${got.length} of ${burst.n} envelopes`);
  return { dir, key, trustRoots: config.serverTrustRoots, envelopes: got, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** CPU time of this thread (the main thread) in ms; Linux reads it per thread, elsewhere the process's. */
function threadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

export interface ReplayResult {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly counts: Readonly<Record<ReceiveOutcome, number>>;
}

/** A fresh copy of the captured database with the receive path the app builds on it. */
export class ReplayTarget {
  private readonly dir = mkdtempSync(join(tmpdir(), 'sc-bench-replay-run-'));
  private readonly store: Store;

  constructor(private readonly captured: Capture) {
    copyFileSync(join(captured.dir, SNAPSHOT), join(this.dir, DATABASE_FILE));
    this.store = Store.open({ path: join(this.dir, DATABASE_FILE), key: captured.key });
  }

  /** Replays the captured burst, in groups of 25 as they come off the socket, and waits for every acknowledgement. */
  async replay(keep?: (event: StoredEvent, ownAci: string) => boolean): Promise<ReplayResult> {
    const { store } = this;
    const { envelopes } = this.captured;
    const now = () => Date.now();
    const account = new SignalAccountRepo(store).get();
    if (!account) throw new Error('the captured database has no account');
    const protocol = new ProtocolState(new ProtocolRepo(store, now), new SignalPreKeyRepo(store, now), {
      aci: { privateKey: PrivateKey.deserialize(new Uint8Array(account.aciIdentityPrivate)), registrationId: account.registrationId },
      pni: account.pniIdentityPrivate ? { privateKey: PrivateKey.deserialize(new Uint8Array(account.pniIdentityPrivate)), registrationId: account.pniRegistrationId } : undefined,
    });
    const receiver = new Receiver({
      store,
      inbox: new InboxRepo(store, now),
      attachments: new SignalAttachmentRepo(store, now),
      protocol,
      account: { aci: account.aci, pni: account.pni, deviceId: account.deviceId },
      trustRoots: this.captured.trustRoots,
      logger: silentLogger(),
      now,
      timers: new ConversationTimers(new AppStateRepo(store, now)),
      ...(keep ? { keep: (event: StoredEvent) => keep(event, account.aci) } : {}),
      onStored: () => undefined,
    });
    let acked = 0;
    const wall0 = performance.now();
    const cpu0 = threadCpuMs();
    for (let i = 0; i < envelopes.length; i += 25) {
      for (const bytes of envelopes.slice(i, i + 25)) receiver.push({ bytes, serverTimestamp: Date.now(), ack: () => void acked++ });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await receiver.idle();
    const result = { cpuMs: threadCpuMs() - cpu0, wallMs: performance.now() - wall0, counts: { ...receiver.counts } };
    if (acked !== envelopes.length) throw new Error(`${acked} of ${envelopes.length} envelopes acknowledged`);
    return result;
  }

  close(): void {
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
