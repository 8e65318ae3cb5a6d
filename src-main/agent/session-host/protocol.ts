// The messages between the main process and the session host (session-host/host-main.ts), which
// holds the sessions' worker threads. The main process sends one command per message; the host
// sends arrays, gathering what its workers said in one turn of its event loop, so the main
// process handles one message where 50 busy sessions would otherwise send dozens.
// What a worker says (`data`) is relayed as it is and parsed by AgentWorker, as from a worker
// in the main process.
import { z } from 'zod';

export interface HostResourceLimits {
  readonly maxOldGenerationSizeMb?: number;
  readonly maxYoungGenerationSizeMb?: number;
  readonly codeRangeSizeMb?: number;
  readonly stackSizeMb?: number;
}

/** Main process → host. */
export type ToSessionHost =
  | { readonly t: 'spawn'; readonly id: number; readonly entry: string; readonly name: string; readonly resourceLimits: HostResourceLimits }
  | { readonly t: 'post'; readonly id: number; readonly data: unknown }
  | { readonly t: 'terminate'; readonly id: number };

const FromHostSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), pid: z.number().int() }),
  z.object({ t: z.literal('online'), id: z.number().int(), threadId: z.number().int() }),
  z.object({ t: z.literal('message'), id: z.number().int(), data: z.unknown() }),
  z.object({ t: z.literal('error'), id: z.number().int(), name: z.string(), message: z.string(), stack: z.string().optional() }),
  z.object({ t: z.literal('exit'), id: z.number().int(), code: z.number().int() }),
]);

/** Host → main process: always an array of these. */
export type FromSessionHost = z.infer<typeof FromHostSchema>;
export const FromSessionHostBatchSchema = z.array(FromHostSchema);
