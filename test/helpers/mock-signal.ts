// Signal's own mock server (@signalapp/mock-server, the one Signal Desktop's tests use) on
// 127.0.0.1 with a simulated phone, plus the --signal-config JSON a client needs to reach it.
// Reused by the Signal tests, later issues' tests and the e2e specs:
//
//   const mock = await startMockSignal(t);                 // server + phone, config file written
//   ... start the app with --signal-config mock.configPath, read its Link URL ...
//   const device = await mock.completeLink(url);            // the phone scans the QR code
//   await mock.phone.sendText(device, 'hello');             // phone → computer
//   const { body } = await mock.phone.waitForMessage();     // computer → phone
import { writeFileSync } from 'node:fs';
import type { Http2SecureServer, ServerHttp2Session } from 'node:http2';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { defer } from './defer.js';
import { tempDir } from './temp.js';

// The mock server uses Promise.withResolvers (Node 22+); this project supports Node 20.
installPromiseWithResolvers();

const mockServer = await import('@signalapp/mock-server');
export type { Device, PrimaryDevice } from '@signalapp/mock-server';
type Server = InstanceType<typeof mockServer.Server>;
type PrimaryDevice = Awaited<ReturnType<Server['createPrimaryDevice']>>;
type Device = PrimaryDevice['device'];

export const { Proto, ServiceIdKind, EnvelopeType } = mockServer;

export interface MockSignal {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  /** The simulated primary device (the owner's phone). */
  readonly phone: PrimaryDevice;
  /** A --signal-config file for this server. */
  readonly configPath: string;
  readonly configJson: Record<string, unknown>;
  readonly cdn3Path: string;
  /** The phone scans `provisionUrl` and links; resolves with the new device once its keys are up. */
  completeLink(provisionUrl: string): Promise<Device>;
  /** Drops every open connection from the server side (what a server restart or a network cut does). */
  dropConnections(): void;
  /**
   * Restarts the server on the same port: close() (every connection dropped), down for
   * `downMs`, then listen() again. Accounts, devices and queued messages are kept (in memory).
   */
  restart(downMs?: number): Promise<void>;
  /** Another account (for bot mode and identity tests). */
  createAccount(profileName: string): Promise<PrimaryDevice>;
  close(): Promise<void>;
}

export async function startMockSignal(t: Pick<TestContext, 'after'>, options: { profileName?: string } = {}): Promise<MockSignal> {
  const cdn3Path = tempDir(t, 'sc-cdn3-');
  const server = new mockServer.Server({ cdn3Path });
  await server.listen(0, '127.0.0.1');
  const port = server.address().port;
  const url = `https://127.0.0.1:${port}`;

  // The mock does not expose its HTTP/2 server; track sessions so tests can cut connections
  // and close() does not wait for clients that keep theirs open.
  const sessions = new Set<ServerHttp2Session>();
  const track = () => {
    const http2 = (server as unknown as { https: Http2SecureServer }).https;
    http2.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
  };
  track();
  tagProvisioningSockets(server);
  keepUntilAcknowledged(server);

  const phone = await server.createPrimaryDevice({ profileName: options.profileName ?? 'Owner Phone' });
  const certificates = await mockServer.loadCertificates();
  const configJson = {
    chatUrl: url,
    storageUrl: url,
    cdnUrls: { '0': url, '2': url, '3': `${url}/cdn3` },
    ...certificates,
  };
  const configPath = join(tempDir(t, 'sc-signal-config-'), 'signal-config.json');
  writeFileSync(configPath, JSON.stringify(configJson, null, 2));

  let closed = false;
  const dropConnections = () => {
    for (const session of sessions) session.destroy();
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    const closing = server.close();
    dropConnections();
    await closing;
  };
  defer(t, close);

  return {
    server,
    port,
    url,
    phone,
    configPath,
    configJson,
    cdn3Path,
    async completeLink(provisionUrl) {
      await routeToSocket(server, provisionUrl);
      const pending = await server.waitForProvision();
      const device = await pending.complete({ provisionURL: provisionUrl, primaryDevice: phone });
      // Like Signal Desktop's test bootstrap: the phone starts a session with the new device.
      await phone.addSingleUseKey(device, await device.popSingleUseKey());
      return device;
    },
    dropConnections,
    async restart(downMs = 0) {
      const closing = server.close();
      dropConnections();
      await closing;
      await new Promise((resolve) => setTimeout(resolve, downMs));
      // The mock refuses a second listen() while it holds its old HTTP/2 server.
      (server as unknown as { https: Http2SecureServer | undefined }).https = undefined;
      await server.listen(port, '127.0.0.1');
      track();
    },
    createAccount: (profileName) => server.createPrimaryDevice({ profileName }),
    close,
  };
}

/**
 * Signal's server keeps a message until a connection of its device acknowledges it. The mock
 * gives up a message it had queued for a device that was offline when the connection it went
 * out on closes before the acknowledgement (its promise rejects with "WebSocket is gone"), so a
 * client that reconnects to have messages delivered again would find them gone. Made like the
 * real server: such a message is queued again for the device's next connection. (Set before the
 * phone is made: the phone binds the server's send then.)
 */
function keepUntilAcknowledged(server: Server): void {
  const deliver = server.send.bind(server);
  server.send = async (target, message) => {
    for (;;) {
      try {
        return await deliver(target, message);
      } catch (error) {
        // Only a connection gone before the acknowledgement; each try waits for a new connection.
        if (!(error instanceof Error && /WebSocket is gone/.test(error.message))) throw error;
      }
    }
  };
}

/** Options of the simulated phone's encrypt/send calls (timestamp, sealed sender, ...). */
export type PhoneSendOptions = NonNullable<Parameters<PrimaryDevice['sendRaw']>[2]>;

/**
 * The phone sends arbitrary Content (written in the mock's protobuf shape, where oneofs are
 * nested objects, e.g. `{ content: { dataMessage: { body, timestamp } } }`).
 */
export function sendContent(from: PrimaryDevice, to: Device, content: Record<string, unknown>, options: PhoneSendOptions = {}): Promise<void> {
  return from.sendRaw(to, content as unknown as Parameters<PrimaryDevice['sendRaw']>[1], options);
}

/** The Content of a message the phone writes in Note to Self (a sync transcript to its linked devices). */
export function noteToSelfContent(phone: PrimaryDevice, message: Record<string, unknown>, timestamp: number): Record<string, unknown> {
  const aci = Buffer.from(phone.device.aciRawUuid);
  return {
    content: { syncMessage: { content: { sent: { destinationServiceIdBinary: aci, timestamp: BigInt(timestamp), message: { timestamp: BigInt(timestamp), ...message } } } } },
  };
}

/** The phone writes to Note to Self: a sync transcript to its linked devices (not notifying). */
export function sendNoteToSelf(phone: PrimaryDevice, to: Device, message: Record<string, unknown>, timestamp: number): Promise<void> {
  return sendContent(phone, to, noteToSelfContent(phone, message, timestamp), { timestamp });
}

/**
 * Encrypts content for `to` now; the returned envelope can be handed to the server later (it
 * queues it for a device that is offline). Encrypt one at a time: the phone's session advances.
 */
export function encryptContent(from: PrimaryDevice, to: Device, content: Record<string, unknown>, options: PhoneSendOptions = {}): Promise<Buffer<ArrayBuffer>> {
  const encrypt = (from as unknown as { encryptContent: (to: Device, content: unknown, options: PhoneSendOptions) => Promise<Buffer<ArrayBuffer>> }).encryptContent;
  return encrypt.call(from, to, content, options);
}

// The real server routes the phone's provision message to the socket whose address it scanned;
// the mock hands it to the oldest socket waiting. A linking computer keeps the previous socket
// open after a rotation (as Signal Desktop does), so the test phone picks the socket by address:
// each waiting entry of the mock's queue is tagged with its socket's address, and the one the
// scanned URL names is moved to the front before the phone takes it.
interface ProvisionEntry {
  address?: string;
}
function provisionEntries(server: Server): ProvisionEntry[] {
  return (server as unknown as { provisionQueue: { entries: ProvisionEntry[] } }).provisionQueue.entries;
}

function tagProvisioningSockets(server: Server): void {
  const target = server as unknown as { getProvisioningResponse: (id: string, signal?: AbortSignal) => Promise<unknown> };
  const original = target.getProvisioningResponse.bind(server);
  target.getProvisioningResponse = (id, signal) => {
    // The mock queues the entry synchronously, before its first await.
    const result = original(id, signal);
    const entry = provisionEntries(server).at(-1);
    if (entry) entry.address = id;
    return result;
  };
}

async function routeToSocket(server: Server, provisionUrl: string): Promise<void> {
  const address = new URL(provisionUrl).searchParams.get('uuid');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entries = provisionEntries(server);
    const index = entries.findIndex((e) => e.address === address);
    if (index >= 0) {
      entries.unshift(...entries.splice(index, 1));
      return;
    }
    // No such socket waiting (closed, or not there yet): the phone's scan fails, as it would.
    if (Date.now() > deadline) throw new Error(`no linking socket waits at the address of ${provisionUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function installPromiseWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
