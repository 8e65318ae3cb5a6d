// Logging from inside a worker: pino lives in the main process, so the worker sends its log
// lines as `log` events and the AgentWorker handle writes them to the injected logger (which
// redacts). Fields must never carry message bodies or keys.
import type { Logger } from '../../shared/logger.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type AgentLog = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export function agentLogTo(logger: Logger): AgentLog {
  return (level, msg, fields) => logger[level](fields ?? {}, msg);
}

export const silentAgentLog: AgentLog = () => undefined;
