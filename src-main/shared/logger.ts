// The one logger (pino). Created once by the composition root and passed in; modules take a
// child with `logger.child({ mod: 'signal' })`. Keys, tokens and phone numbers are always
// redacted; message bodies are too unless the user asked for --debug-log-content.
import { pino, type Logger as PinoLogger, type DestinationStream, type Level } from 'pino';
import { RotatingLogFile } from './log-file.js';
import { redactPhoneNumbers, redactSecrets } from './secrets.js';

export type Logger = PinoLogger;
export type LogLevel = Level | 'silent';

const SECRET_KEYS = new Set([
  'apikey', 'anthropicapikey', 'token', 'accesstoken', 'password', 'authorization', 'dbkey', 'databasekey',
  'key', 'secret', 'privatekey', 'identitykey', 'identitykeypair', 'profilekey', 'masterkey', 'cookie',
  'provisioningcode', 'signalingkey', 'aeskey', 'mackey', 'digest', 'credentials',
]);
const PHONE_KEYS = new Set(['e164', 'number', 'phonenumber', 'phone']);
const CONTENT_KEYS = new Set(['body', 'text', 'content', 'prompt', 'plaintext', 'transcript', 'caption', 'input', 'output']);

export interface RedactOptions {
  readonly debugContent: boolean;
}

/** Deep copy of a log object with private data replaced. Exported for tests and for the UI's log view. */
export function redactLogValue(value: unknown, options: RedactOptions, depth = 0): unknown {
  if (typeof value === 'string') return redactPhoneNumbers(redactSecrets(value));
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (value instanceof Error) {
    return { type: value.name, message: redactLogValue(value.message, options, depth + 1), code: (value as { code?: unknown }).code };
  }
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, options, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const lower = k.toLowerCase();
    if (SECRET_KEYS.has(lower)) out[k] = '[redacted]';
    else if (PHONE_KEYS.has(lower) && typeof v === 'string') out[k] = redactPhoneNumbers(v.startsWith('+') ? v : `+${v}`);
    else if (CONTENT_KEYS.has(lower) && !options.debugContent && v != null) out[k] = describeContent(v);
    else out[k] = redactLogValue(v, options, depth + 1);
  }
  return out;
}

function describeContent(v: unknown): string {
  if (typeof v === 'string') return `[${v.length} chars]`;
  if (Array.isArray(v)) return `[${v.length} items]`;
  return '[content]';
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Rotated log file; omitted in tests that only want stderr or nothing. */
  readonly file?: string;
  /** Lines at this level or above also go to stderr, one human line each. */
  readonly stderrLevel?: LogLevel;
  readonly debugContent?: boolean;
  /** Extra destination (tests capture log lines here). */
  readonly stream?: DestinationStream;
}

export interface LoggerHandle {
  readonly logger: Logger;
  close(): void;
}

export function createLogger(options: LoggerOptions = {}): LoggerHandle {
  const redact: RedactOptions = { debugContent: options.debugContent ?? false };
  const streams: { level: Level; stream: DestinationStream }[] = [];
  let file: RotatingLogFile | undefined;
  if (options.file) {
    file = new RotatingLogFile({ path: options.file });
    streams.push({ level: levelOrInfo(options.level), stream: file });
  }
  if (options.stderrLevel && options.stderrLevel !== 'silent') {
    streams.push({ level: options.stderrLevel, stream: humanStderr() });
  }
  if (options.stream) streams.push({ level: levelOrInfo(options.level), stream: options.stream });

  const logger = pino(
    {
      level: streams.length === 0 ? 'silent' : (options.level ?? 'info'),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => redactLogValue(obj, redact) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? redactPhoneNumbers(redactSecrets(a)) : a));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams, { dedupe: false }),
  );
  return { logger, close: () => file?.close() };
}

function levelOrInfo(level: LogLevel | undefined): Level {
  return level === undefined || level === 'silent' ? 'info' : level;
}

/** Formats pino's JSON lines as `level mod: msg` for a terminal. */
function humanStderr(): DestinationStream {
  return {
    write(line: string) {
      try {
        const rec = JSON.parse(line) as { level: number; msg?: string; mod?: string; err?: { message?: string } };
        const name = pino.levels.labels[rec.level] ?? 'log';
        const where = rec.mod ? `${rec.mod}: ` : '';
        const why = rec.err?.message ? ` (${rec.err.message})` : '';
        process.stderr.write(`${name} ${where}${rec.msg ?? ''}${why}\n`);
      } catch {
        process.stderr.write(line);
      }
    },
  };
}

/** A logger that drops everything; for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
