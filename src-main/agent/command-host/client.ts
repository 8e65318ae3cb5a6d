// Inside a worker: Bash commands started through the command host. One connection per worker,
// opened on the first command and reopened after the host restarts. When the host cannot be
// reached the command starts directly instead (slower for the app under load, but it runs).
import { connect, type Socket } from 'node:net';
import type { AgentLog } from '../worker/agent-log.js';
import { spawnDirect, type CommandEvents, type CommandRequest, type CommandSpawner } from '../command-process.js';
import { HostMessageSchema, LineSplitter, parseLine, type ClientMessage, type CommandHostEndpoint } from './protocol.js';

const CONNECT_TIMEOUT_MS = 2000;

export const HOST_GONE = 'The command runner stopped; the command was ended.';

export class HostSpawner {
  private connection: Promise<Socket | undefined> | undefined;
  private readonly running = new Map<number, CommandEvents>();
  private nextId = 1;
  private warned = false;

  constructor(
    private readonly endpoint: CommandHostEndpoint,
    private readonly log: AgentLog,
  ) {}

  readonly spawn: CommandSpawner = (request, events) => {
    this.connection ??= this.connect();
    void this.connection.then((socket) => {
      if (socket && !socket.destroyed) this.send(socket, request, events);
      else spawnDirect(request, events);
    });
  };

  private send(socket: Socket, request: CommandRequest, events: CommandEvents): void {
    const id = this.nextId++;
    this.running.set(id, events);
    const message: ClientMessage = { t: 'spawn', id, command: request.command, cwd: request.cwd, env: { ...request.env }, ...(request.sandbox ? { sandbox: request.sandbox } : {}), ...(request.stdin !== undefined ? { stdin: request.stdin } : {}) };
    socket.write(`${JSON.stringify(message)}\n`);
  }

  private connect(): Promise<Socket | undefined> {
    return new Promise((resolve) => {
      const socket = connect(this.endpoint.socket);
      const timer = setTimeout(() => socket.destroy(new Error('timed out')), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        // The worker's loop is kept alive by the commands' timeouts, not by this socket.
        socket.unref();
        socket.write(`${JSON.stringify({ t: 'hello', token: this.endpoint.token } satisfies ClientMessage)}\n`);
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        if (!this.warned) this.log('warn', 'command host unreachable; running commands directly', { error: error.message });
        this.warned = true;
        resolve(undefined);
      });
      socket.once('close', () => {
        this.connection = undefined;
        for (const events of this.running.values()) events.ended({ exitCode: null, signal: null, error: HOST_GONE });
        this.running.clear();
      });
      const lines = new LineSplitter();
      socket.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of lines.push(chunk)) this.receive(line);
      });
    });
  }

  private receive(line: string): void {
    const message = parseLine(HostMessageSchema, line);
    if (!message) {
      this.log('warn', 'malformed line from the command host');
      return;
    }
    const events = this.running.get(message.id);
    if (!events) return;
    switch (message.t) {
      case 'started':
        events.started(message.pid);
        break;
      case 'output':
        events.output(message.text, message.err === true);
        break;
      case 'ended':
        this.running.delete(message.id);
        events.ended({ exitCode: message.exitCode, signal: message.signal as NodeJS.Signals | null, ...(message.error ? { error: message.error } : {}) });
        break;
    }
  }
}
