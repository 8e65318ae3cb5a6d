// The launchd agent `service install` writes on macOS, and its reading back for `service
// status`. KeepAlive/SuccessfulExit=false brings the daemon back after a crash or a kill but not
// after a clean stop; ThrottleInterval keeps a crash loop to one start per 10 s (launchd's own
// floor). Its output goes to ~/Library/Logs, where Console.app lists it.
import { build, parse } from 'plist';
import { z } from 'zod';
import type { ServiceSpec } from './service-spec.js';

export const AGENT_LABEL = 'org.signal-claude.daemon';
export const THROTTLE_SECONDS = 10;

export function renderLaunchdPlist(spec: ServiceSpec, logFile: string): string {
  return build({
    Label: AGENT_LABEL,
    ProgramArguments: [...spec.command],
    EnvironmentVariables: { ...spec.environment },
    RunAtLoad: true,
    KeepAlive: { SuccessfulExit: false },
    ThrottleInterval: THROTTLE_SECONDS,
    // SIGTERM, then this long before SIGKILL: the daemon's own contract is 5 s.
    ExitTimeOut: 10,
    StandardOutPath: logFile,
    StandardErrorPath: logFile,
  });
}

const AgentSchema = z.object({
  Label: z.string(),
  ProgramArguments: z.array(z.string()).min(1),
  EnvironmentVariables: z.record(z.string(), z.string()).optional(),
  KeepAlive: z.union([z.boolean(), z.object({ SuccessfulExit: z.boolean().optional() })]).optional(),
  ThrottleInterval: z.number().optional(),
  StandardOutPath: z.string().optional(),
  StandardErrorPath: z.string().optional(),
});
export type LaunchdAgent = z.infer<typeof AgentSchema>;

/** Reads an agent file; throws with the reason when it is not a plist launchd would take. */
export function parseLaunchdPlist(text: string): LaunchdAgent {
  return AgentSchema.parse(parse(text));
}
