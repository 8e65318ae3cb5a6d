// What keeps the app from doing its job now, in words the owner can act on: Signal not linked
// or unreachable, no Anthropic key or one Anthropic rejected, replies stuck in the outbox or
// undelivered, a nearly full disk, the command host down. Pure (the daemon gathers the facts),
// so each state is tested without staging it.
import { statfsSync } from 'node:fs';
import type { HealthProblem, ServiceHealth, SignalStatus } from '../shared/api.js';

/** A reply waiting longer than this means sending is stuck, not just slow. */
export const OUTBOX_STUCK_MS = 5 * 60_000;
/** Below this much free space (or 2 % of the disk) the database may soon fail to grow. */
export const DISK_LOW_BYTES = 512 * 1024 * 1024;

export interface HealthFacts {
  readonly now: number;
  readonly signal: Pick<SignalStatus, 'state' | 'lastError'>;
  readonly anthropicKeySet: boolean;
  /** Anthropic answered the current key with this status (401/403) and has not accepted it since. */
  readonly anthropicKeyRejected?: { readonly status: number };
  /** created_at of the oldest outbox row still pending. */
  readonly oldestPendingAt: number | undefined;
  /** Replies that ended undelivered and the owner has not listed with /undelivered yet. */
  readonly undelivered?: number;
  readonly disk: { readonly freeBytes: number; readonly totalBytes: number } | undefined;
  readonly commandHost: ServiceHealth | undefined;
  /** Signal holds replies back now (rate limit, challenge): what the owner should know. */
  readonly sendHold?: { readonly message: string };
}

export function healthProblems(facts: HealthFacts): HealthProblem[] {
  const problems: HealthProblem[] = [];
  const { state, lastError } = facts.signal;
  if (state === 'unlinked' || state === 'linking' || state === 'unlinked-by-phone') {
    const why = state === 'unlinked-by-phone' ? 'was unlinked from the phone' : 'is not linked';
    problems.push({ code: 'signal-unlinked', message: `This computer ${why} with Signal: link it from the app to receive messages.` });
  } else if (state === 'disconnected') {
    problems.push({ code: 'signal-unreachable', message: `Signal cannot be reached${lastError ? ` (${lastError})` : ''}; the app keeps trying.` });
  }
  if (!facts.anthropicKeySet) {
    problems.push({ code: 'anthropic-key-missing', message: 'No Anthropic API key is set: add one in the preferences (or ANTHROPIC_API_KEY).' });
  } else if (facts.anthropicKeyRejected) {
    problems.push({ code: 'anthropic-key-rejected', message: anthropicKeyRejected(facts.anthropicKeyRejected.status) });
  }
  if (facts.sendHold) {
    problems.push({ code: 'outbox-stuck', message: `Signal is holding replies back: ${facts.sendHold.message}` });
  } else if (facts.oldestPendingAt !== undefined && facts.now - facts.oldestPendingAt > OUTBOX_STUCK_MS) {
    const minutes = Math.floor((facts.now - facts.oldestPendingAt) / 60_000);
    problems.push({ code: 'outbox-stuck', message: `A reply has been waiting ${minutes} minutes to be sent to Signal.` });
  }
  if (facts.undelivered) {
    const n = facts.undelivered;
    problems.push({ code: 'undelivered', message: `${n} ${n === 1 ? 'reply' : 'replies'} could not be delivered to Signal; send /undelivered from the phone to see ${n === 1 ? 'it' : 'them'}.` });
  }
  const disk = facts.disk;
  if (disk && (disk.freeBytes < DISK_LOW_BYTES || disk.freeBytes < disk.totalBytes * 0.02)) {
    problems.push({ code: 'disk-nearly-full', message: `The disk with the data folder is nearly full (${Math.round(disk.freeBytes / 1024 / 1024)} MB free).` });
  }
  // 'starting' is the host coming up (it may take a moment after the app is ready); 'idle' is
  // the host stopped on purpose between commands (the next one starts it).
  const hostUp = ['running', 'starting', 'idle'];
  if (facts.commandHost && !hostUp.includes(facts.commandHost.state)) {
    const detail = facts.commandHost.detail ? ` (${facts.commandHost.detail})` : '';
    problems.push({ code: 'command-host-down', message: `The command host is ${facts.commandHost.state}${detail}; the app runs commands itself meanwhile.` });
  }
  return problems;
}

/** The health reason for a key Anthropic refused (the phone's one notice says the same). */
export const anthropicKeyRejected = (status: number): string =>
  `Anthropic rejected the API key (HTTP ${status}); no instruction can run until a working key is set in the preferences (or ANTHROPIC_API_KEY).`;

/** Free and total bytes of the file system holding `dir` (undefined when it cannot be read). */
export function diskSpace(dir: string): HealthFacts['disk'] {
  try {
    const s = statfsSync(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return undefined;
  }
}
