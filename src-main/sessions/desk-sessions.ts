// Claude Code's own sessions of a project ("desk sessions"), read so the owner can continue one
// from the phone (/resume). Claude Code keeps each session as JSON lines in
// ~/.claude/projects/<the project path with every character but letters and digits turned
// into "-">/<session id>.jsonl (older versions turned only "/" into "-": both are looked at).
// Each line is one event: `user` and `assistant` entries carry an API message; `uuid` and
// `parentUuid` chain them, so the conversation is the chain from the last entry back (a branch
// left by an edit or a /compact boundary ends it); `isSidechain` marks a subagent's own thread,
// `isMeta` notes Claude Code added itself. An assistant response is written as several lines,
// one per content block, with one message id.
//
// Only the conversation is taken, never its tool processes; every line is outside input
// (zod, loose: Claude Code adds fields often), and a file that cannot be read is skipped.
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';

/** Read at most this much of one session file (a long day's session is a few MB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const BlockSchema = z
  .object({ type: z.string(), text: z.string().optional(), name: z.string().optional(), input: z.unknown().optional(), content: z.unknown().optional(), is_error: z.boolean().optional() })
  .passthrough();
const EntrySchema = z
  .object({
    type: z.string(),
    uuid: z.string().optional(),
    parentUuid: z.string().nullable().optional(),
    isSidechain: z.boolean().optional(),
    isMeta: z.boolean().optional(),
    isCompactSummary: z.boolean().optional(),
    timestamp: z.string().optional(),
    cwd: z.string().optional(),
    summary: z.string().optional(),
    message: z.object({ role: z.string().optional(), id: z.string().optional(), content: z.union([z.string(), z.array(BlockSchema)]) }).passthrough().optional(),
  })
  .passthrough();
type Entry = z.infer<typeof EntrySchema>;
export type DeskBlock = z.infer<typeof BlockSchema>;

export interface DeskMessage {
  readonly role: 'user' | 'assistant';
  readonly blocks: readonly DeskBlock[];
  /** Claude Code's own summary of what came before a /compact there. */
  readonly compactSummary?: boolean;
}

export interface DeskSession {
  readonly id: string;
  readonly file: string;
  /** Last change (the file's mtime), ms. */
  readonly updatedAt: number;
  /** Claude Code's title for it, or the owner's first words. */
  readonly title: string;
  /** The conversation, oldest first. */
  readonly messages: readonly DeskMessage[];
}

/** The folders Claude Code may have used for `projectPath`. */
export function deskFolders(claudeHome: string, projectPath: string): string[] {
  const root = join(claudeHome, '.claude', 'projects');
  const names = new Set([projectPath.replace(/[^a-zA-Z0-9]/g, '-'), projectPath.replace(/\//g, '-')]);
  return [...names].map((n) => join(root, n));
}

/** The project's desk sessions that hold a conversation, newest first (at most `limit`). */
export async function listDeskSessions(claudeHome: string, projectPath: string, limit = 10): Promise<DeskSession[]> {
  const files: Array<{ file: string; mtime: number }> = [];
  for (const folder of deskFolders(claudeHome, projectPath)) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.jsonl') || name.startsWith('agent-')) continue;
      const file = join(folder, name);
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile()) files.push({ file, mtime: info.mtimeMs });
    }
  }
  files.sort((a, b) => b.mtime - a.mtime);
  const out: DeskSession[] = [];
  for (const { file, mtime } of files) {
    if (out.length >= limit) break;
    const session = await readDeskSession(file, mtime);
    if (session && session.messages.length > 0) out.push(session);
  }
  return out;
}

async function readHead(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(Math.min((await handle.stat()).size, MAX_FILE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function readDeskSession(file: string, updatedAt: number): Promise<DeskSession | undefined> {
  const text = await readHead(file);
  if (text === undefined) return undefined;
  const entries: Entry[] = [];
  let title: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue; // a line cut by the size cap or a crash mid-write
    }
    const parsed = EntrySchema.safeParse(json);
    if (!parsed.success) continue;
    if (parsed.data.type === 'summary' && parsed.data.summary) title = parsed.data.summary;
    entries.push(parsed.data);
  }
  const messages = conversationOf(entries);
  const first = messages.find((m) => m.role === 'user' && !m.compactSummary);
  const firstWords = first?.blocks.find((b) => b.type === 'text')?.text?.trim().split('\n')[0];
  return { id: basename(file, '.jsonl'), file, updatedAt, title: title ?? firstWords ?? '(no words)', messages };
}

/** Owner input Claude Code records for its own slash commands and their local output. */
const COMMAND_ECHO = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr)>/;

function blocksOf(entry: Entry): DeskBlock[] {
  const content = entry.message?.content;
  if (content === undefined) return [];
  const blocks = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
  return blocks.filter((b) => !(b.type === 'text' && (!b.text?.trim() || COMMAND_ECHO.test(b.text))));
}

/** The main thread's conversation: the chain ending at the last entry, merged per response. */
export function conversationOf(entries: readonly Entry[]): DeskMessage[] {
  const talk = entries.filter((e) => (e.type === 'user' || e.type === 'assistant') && !e.isSidechain && e.message);
  const byUuid = new Map(talk.filter((e) => e.uuid).map((e) => [e.uuid as string, e]));
  const last = talk.at(-1);
  let chain: Entry[];
  if (last?.uuid) {
    chain = [];
    const seen = new Set<string>();
    for (let e: Entry | undefined = last; e?.uuid && !seen.has(e.uuid); e = e.parentUuid ? byUuid.get(e.parentUuid) : undefined) {
      seen.add(e.uuid);
      chain.push(e);
    }
    chain.reverse();
  } else {
    chain = talk; // an old file without uuids: file order
  }
  const out: Array<{ role: 'user' | 'assistant'; blocks: DeskBlock[]; compactSummary?: boolean; id?: string }> = [];
  for (const entry of chain) {
    if (entry.isMeta) continue;
    const role = entry.type as 'user' | 'assistant';
    const blocks = blocksOf(entry);
    if (blocks.length === 0) continue;
    const prev = out.at(-1);
    const id = entry.message?.id;
    // One response arrives as several lines with one message id; consecutive owner lines are one turn.
    if (prev && prev.role === role && !prev.compactSummary && !entry.isCompactSummary && (role === 'user' || (id !== undefined && prev.id === id))) prev.blocks.push(...blocks);
    else out.push({ role, blocks, ...(entry.isCompactSummary ? { compactSummary: true } : {}), ...(id ? { id } : {}) });
  }
  return out.map(({ role, blocks, compactSummary }) => ({ role, blocks, ...(compactSummary ? { compactSummary } : {}) }));
}
