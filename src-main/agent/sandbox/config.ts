// The sandbox part of a worker's configuration: the owner's choices (app preferences and the
// project's), and what the main process found out about this computer, so no worker has to
// probe for bwrap again.
import { z } from 'zod';

export const SandboxSupportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bwrap'), path: z.string() }),
  z.object({ kind: z.literal('seatbelt'), path: z.string() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);

export const SandboxConfigSchema = z.object({
  /** Claude Code's `sandbox.enabled`: run Bash commands in the OS sandbox where one works. */
  enabled: z.boolean().optional(),
  /** Whether commands of this project may use the network (`/net on`). */
  network: z.boolean().optional(),
  /** Claude Code's `sandbox.excludedCommands`: run outside the sandbox, each one only with approval. */
  excludedCommands: z.array(z.string()).optional(),
  /** When commands cannot be sandboxed: ask the owner for every one (unless they turned this off). */
  askWhenUnsandboxed: z.boolean().optional(),
  /** Folders commands must not see at all (the app's data folder). */
  hide: z.array(z.string()).optional(),
  /** What the main process found (absent: the worker probes itself). */
  support: SandboxSupportSchema.optional(),
});
export type SandboxSettings = z.output<typeof SandboxConfigSchema>;

/** The settings with every default filled in: on, no network, ask for unsandboxed commands. */
export interface SandboxConfig {
  readonly enabled: boolean;
  readonly network: boolean;
  readonly excludedCommands: readonly string[];
  readonly askWhenUnsandboxed: boolean;
  readonly hide: readonly string[];
  readonly support?: SandboxSettings['support'];
}

export function resolveSandboxConfig(settings: SandboxSettings | undefined): SandboxConfig {
  return {
    enabled: settings?.enabled ?? true,
    network: settings?.network ?? false,
    excludedCommands: settings?.excludedCommands ?? [],
    askWhenUnsandboxed: settings?.askWhenUnsandboxed ?? true,
    hide: settings?.hide ?? [],
    ...(settings?.support ? { support: settings.support } : {}),
  };
}
