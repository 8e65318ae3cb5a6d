// The command host process: started once by the main process (CommandHost), it runs every Bash
// command of every session. It stays small, so starting a command forks a process of a few tens
// of MB instead of the app's (see tools/command-process.ts for why that matters).
//   env SIGNAL_CLAUDE_HOST_SOCKET  where to listen (the launcher made its folder, 0700)
//   env SIGNAL_CLAUDE_HOST_TOKEN   what a connection's hello must carry
// Commands of a connection that closes (its worker ended or crashed) are killed with their
// process groups; when the app goes away (the IPC channel closes) every command is, and the
// host exits. Started by child_process.fork the channel is Node's IPC (process.send,
// 'disconnect'); started by Electron's utilityProcess.fork it is process.parentPort, where
// the app posts { leave: true } instead (and Electron ends the process if the app dies).
import { createServer, type Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { killProcessGroup, spawnDirect } from '../command-process.js';
import { lowerThreadPriority, WORKER_NICE } from '../thread-priority.js';
import { ClientMessageSchema, LineSplitter, parseLine, type HostMessage } from './protocol.js';

/** Output waiting in a connection's buffer beyond which commands are paused until it drains. */
const HIGH_WATER = 1024 * 1024;

/** Electron's channel to a utility process (typed here: this file never imports electron). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const socketPath = process.env.SIGNAL_CLAUDE_HOST_SOCKET;
const token = Buffer.from(process.env.SIGNAL_CLAUDE_HOST_TOKEN ?? '');
delete process.env.SIGNAL_CLAUDE_HOST_TOKEN;
if (!socketPath || token.length < 16 || !(process.send || parentPort)) {
  process.stderr.write('command host: started without a socket, a token or an IPC channel\n');
  process.exit(2);
}

// Commands run behind the app's main thread, like the sessions that start them (see
// thread-priority.ts): every command forks from this thread and inherits its nice value. On
// Linux the pid names the main thread only; elsewhere it is the whole process, which is as well.
lowerThreadPriority(process.pid, WORKER_NICE);

const groups = new Set<number>();

function tokenMatches(given: string): boolean {
  const b = Buffer.from(given);
  return b.length === token.length && timingSafeEqual(b, token);
}

function serve(conn: Socket): void {
  conn.setEncoding('utf8');
  const lines = new LineSplitter();
  const mine = new Set<number>();
  const paused = new Set<{ pause(): void; resume(): void }>();
  let greeted = false;
  const send = (message: HostMessage): void => {
    if (conn.destroyed) return;
    conn.write(`${JSON.stringify(message)}\n`);
  };
  conn.on('drain', () => {
    for (const flow of paused) flow.resume();
    paused.clear();
  });
  conn.on('data', (chunk: string) => {
    for (const line of lines.push(chunk)) {
      const message = parseLine(ClientMessageSchema, line);
      if (!greeted) {
        if (message?.t !== 'hello' || !tokenMatches(message.token)) {
          conn.destroy();
          return;
        }
        greeted = true;
        continue;
      }
      if (message?.t !== 'spawn') continue;
      const { id } = message;
      let pid: number | undefined;
      const flow = spawnDirect(message, {
        started: (started) => {
          pid = started;
          groups.add(started);
          mine.add(started);
          send({ t: 'started', id, pid: started });
        },
        output: (text, stderr) => {
          send({ t: 'output', id, text, ...(stderr ? { err: true } : {}) });
          if (conn.writableLength > HIGH_WATER) {
            flow.pause();
            paused.add(flow);
          }
        },
        ended: (end) => {
          if (pid !== undefined) {
            groups.delete(pid);
            mine.delete(pid);
          }
          send({ t: 'ended', id, exitCode: end.exitCode, signal: end.signal, ...(end.error ? { error: end.error } : {}) });
        },
      });
    }
  });
  // The worker is gone (ended or crashed): nothing it started may outlive it.
  conn.on('close', () => {
    for (const pid of mine) killProcessGroup(pid);
  });
  conn.on('error', () => undefined);
}

const server = createServer(serve);

function shutdown(): void {
  server.close();
  for (const pid of groups) killProcessGroup(pid);
  // killProcessGroup's SIGKILL pass runs after its grace; leave once it has.
  setTimeout(() => process.exit(0), 400).unref();
  if (groups.size === 0) process.exit(0);
}

process.on('disconnect', shutdown);
parentPort?.on('message', (event) => {
  if ((event.data as { leave?: unknown } | null)?.leave === true) shutdown();
});
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined); // Ctrl-C in the terminal: the app decides when we stop.
server.on('error', (error) => {
  process.stderr.write(`command host: ${error.message}\n`);
  process.exit(1);
});
// A host that died left its socket file; the folder is the app's own (0700), so clear it.
if (process.platform !== 'win32') rmSync(socketPath, { force: true });
server.listen(socketPath, () => {
  if (parentPort) parentPort.postMessage({ ready: true });
  else process.send?.({ ready: true });
});
