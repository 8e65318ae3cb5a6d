// The command host's wire format: one JSON object per line over a local socket (a Unix socket in
// a 0700 folder, a named pipe on Windows). A connection starts with a hello carrying the token
// the host was started with, so nothing else on the computer can have commands run.
import { z } from 'zod';
import { SandboxPolicySchema } from '../sandbox/policy.js';

/** Where a worker reaches the host (part of the AgentConfig a worker starts with). */
export const CommandHostEndpointSchema = z.object({ socket: z.string().min(1), token: z.string().min(16) });
export type CommandHostEndpoint = z.infer<typeof CommandHostEndpointSchema>;

export const ClientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('hello'), token: z.string() }),
  z.object({ t: z.literal('spawn'), id: z.number().int(), command: z.string(), cwd: z.string(), env: z.record(z.string(), z.string()), sandbox: SandboxPolicySchema.optional(), stdin: z.string().optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const HostMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('started'), id: z.number().int(), pid: z.number().int() }),
  z.object({ t: z.literal('output'), id: z.number().int(), text: z.string(), err: z.boolean().optional() }),
  z.object({
    t: z.literal('ended'),
    id: z.number().int(),
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    error: z.string().optional(),
  }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Cuts a stream of text into lines (the last, unfinished one waits for the next chunk). */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop() ?? '';
    return lines.filter((l) => l.length > 0);
  }
}

/** Parses one line with `schema`; undefined when it is not JSON or not of that shape. */
export function parseLine<T>(schema: z.ZodType<T>, line: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
