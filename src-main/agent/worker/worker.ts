// The worker-thread entry: one agent session per worker. Commands from the main process are
// parsed with zod, handled one after another, and answered with events. The API key arrives
// in the start command (never via the environment of commands the agent runs).
import { parentPort } from 'node:worker_threads';
import { randomInt } from 'node:crypto';
import { describeError, isAppError } from '../../shared/errors.js';
import type { AgentLog } from './agent-log.js';
import { systemClock } from '../../shared/clock.js';
import { RemotePermits } from '../permits.js';
import { WorkerCommandSchema, type WorkerCommand, type WorkerEvent } from '../protocol.js';
import { AgentSession } from './agent-session.js';
import { EventOutbox } from './event-outbox.js';
import { StoredSteps } from './write-ahead.js';
import { currentThreadId, lowerThreadPriority } from '../thread-priority.js';

if (!parentPort) throw new Error('agent/worker/worker.ts must run in a worker thread');
const port = parentPort;
// Sessions yield the CPU to the main thread when they compete (see thread-priority.ts).
lowerThreadPriority(currentThreadId());

const outbox = new EventOutbox((event) => port.postMessage(event));
const send = (event: WorkerEvent): void => outbox.send(event);
const log: AgentLog = (level, msg, fields) => send({ type: 'log', level, msg, ...(fields ? { fields } : {}) });
const permits = new RemotePermits(send);

// Libraries that print (the SDK warns about deprecated models on every request) go to the
// logger instead of the daemon's stderr, once per distinct first line.
const printed = new Set<string>();
for (const level of ['warn', 'error'] as const) {
  console[level] = (...args: unknown[]): void => {
    const line = args.map(String).join(' ').split('\n')[0] ?? '';
    if (printed.has(line)) return;
    printed.add(line);
    log(level, line);
  };
}
let session: AgentSession | undefined;
const storedSteps = new StoredSteps();
const SHUTDOWN_GRACE_MS = 1500;

function protocolError(message: string): void {
  send({ type: 'error', code: 'AGENT_PROTOCOL', message, retrying: false });
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case 'start': {
      if (session) return protocolError('The session was already started.');
      try {
        session = await AgentSession.create(
          command.config,
          command.transcript,
          {
            permits,
            clock: systemClock,
            random: () => randomInt(0, 2 ** 32) / 2 ** 32,
            log,
            emit: send,
            onProcess: (pid, state) => send({ type: 'process', pid, state }),
            stored: (seq, signal) => storedSteps.wait(seq, signal),
          },
          command.continueInterrupted,
        );
      } catch (error) {
        send({ type: 'error', code: isAppError(error) ? error.code : 'AGENT_WORKER', message: `Could not start the session: ${describeError(error)}`, retrying: false });
        return;
      }
      send({
        type: 'ready',
        sessionId: command.config.sessionId,
        lastSeq: session.lastSeq,
        warnings: session.warnings,
        ...(session.modeFromSettings ? { modeFromSettings: session.modeFromSettings } : {}),
        ...(session.folders.folders.length > 0 ? { addedFolders: session.folders.status() } : {}),
        ...(session.resumingTurnId ? { resumingTurnId: session.resumingTurnId } : {}),
      });
      session.settleInterrupted();
      return;
    }
    case 'permit_grant':
      permits.grant(command.requestId);
      return;
    case 'stored':
      storedSteps.confirm(command.seq);
      return;
    case 'ping':
      send({ type: 'pong', nonce: command.nonce, busy: session?.busy ?? false, heapUsed: process.memoryUsage().heapUsed });
      return;
    case 'shutdown': {
      session?.stop();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([session?.idle(), new Promise((r) => (grace = setTimeout(r, SHUTDOWN_GRACE_MS)))]);
      // No timer may hold the thread once the port is closed: it ends as soon as its loop is empty.
      clearTimeout(grace);
      await session?.dispose().catch(() => undefined);
      outbox.flush();
      port.close();
      return;
    }
    default:
      break;
  }
  if (!session) return protocolError(`"${command.type}" before the session was started.`);
  switch (command.type) {
    case 'user_turn':
      session.enqueueTurn(command.turnId, command.content);
      break;
    case 'compact':
      session.enqueueCompaction(command.turnId, command.instructions);
      break;
    case 'approval_answer':
      if (!session.answerApproval(command.approvalId, command.decision, command.reason)) {
        protocolError(`No open approval request ${command.approvalId} (already answered or expired).`);
      }
      break;
    case 'stop':
      session.stop();
      break;
    case 'set_mode':
      session.setMode(command.mode);
      break;
    case 'set_network':
      session.setNetwork(command.network);
      break;
    case 'set_api_key':
      session.setApiKey(command.apiKey);
      break;
  }
}

// Commands are handled in arrival order; only `start` awaits anything, so stop and ping
// are never held up behind a running turn.
let chain: Promise<void> = Promise.resolve();
port.on('message', (raw: unknown) => {
  const parsed = WorkerCommandSchema.safeParse(raw);
  if (!parsed.success) {
    protocolError(`Malformed command: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return;
  }
  chain = chain.then(() => handle(parsed.data)).catch((error: unknown) => {
    send({ type: 'error', code: 'AGENT_WORKER', message: describeError(error), retrying: false });
  });
});
