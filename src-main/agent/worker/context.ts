// What the model is sent besides the conversation: the system prompt (with the memory files,
// memory.ts), the tools, and prompt-cache breakpoints. Caching works on exact prefixes in the
// order tools → system → messages, so everything here is deterministic for a session:
//   1. the last tool definition         (tools rarely change)
//   2. the last system block            (system prompt + CLAUDE.md, fixed per session)
//   3. the last block of the previous request's final message (an exact hit for this request)
//   4. the last block of this request's final message (the write the next request will hit)
// At most 4 breakpoints, as the API allows.
import { blockChars } from '../content.js';
import type { ApiMessage, MessageBlock } from '../transcript.js';
import { localDate } from './today.js';


export interface ModelLimits {
  readonly contextWindow: number;
  readonly maxOutput: number;
}

// Longest prefix wins. Models from Opus/Sonnet 4.6 on have a 1M window and 128K output.
const LIMITS: ReadonlyArray<readonly [string, ModelLimits]> = [
  ['claude-fable-5', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-mythos-5', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-opus-5', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-sonnet-5', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-haiku-5', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-opus-4-8', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-opus-4-7', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-opus-4-6', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-sonnet-4-6', { contextWindow: 1_000_000, maxOutput: 128_000 }],
  ['claude-opus-4-5', { contextWindow: 200_000, maxOutput: 64_000 }],
  ['claude-opus-4', { contextWindow: 200_000, maxOutput: 32_000 }],
  ['claude-sonnet-4', { contextWindow: 200_000, maxOutput: 64_000 }],
  ['claude-haiku-4-5', { contextWindow: 200_000, maxOutput: 64_000 }],
  ['claude-3-7-sonnet', { contextWindow: 200_000, maxOutput: 64_000 }],
  ['claude-3-5-haiku', { contextWindow: 200_000, maxOutput: 8_192 }],
];

export function modelLimits(model: string): ModelLimits {
  const found = LIMITS.filter(([prefix]) => model.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return found?.[1] ?? { contextWindow: 200_000, maxOutput: 8_192 };
}

export interface SystemPromptInput {
  readonly root: string;
  readonly platform: string;
  readonly startedAt: number;
  readonly instructions: string;
  readonly append?: string | undefined;
  /** What the Bash sandbox confines (sandbox-plan.ts), stated exactly. */
  readonly sandbox?: string | undefined;
  /** Folders the settings add (additionalDirectories), and whether the owner has confirmed each. */
  readonly added?: readonly { readonly path: string; readonly source: string; readonly confirmed: boolean }[] | undefined;
}

function addedFoldersText(added: NonNullable<SystemPromptInput['added']>): string {
  const list = added.map((f) => `${f.path} (from ${f.source}${f.confirmed ? '' : '; usable once the owner confirms it'})`).join(', ');
  return `Added folders (permissions.additionalDirectories): ${list}. The file tools reach them like the project folder (use absolute paths); the same permission rules and protected paths apply there, and symbolic links out of them are refused.`;
}

export interface TextBlockParamLike {
  type: 'text';
  text: string;
  cache_control?: { type: 'ephemeral' };
}

export function systemPrompt(input: SystemPromptInput): TextBlockParamLike[] {
  const base = [
    'You are Claude, working as a coding agent in a project on the owner\'s computer. The owner talks to you from',
    'Signal on their phone, so keep replies short and plain: lead with the result, avoid long code listings',
    '(they are shown on a small screen), and mention the files you changed.',
    '',
    'Use the tools to read, search, edit and run code. File paths may be absolute or relative to the project',
    `root; the file tools (Read, Write, Edit, Grep, Glob, LS) cannot reach outside the project folder${input.added?.length ? ' and its added folders' : ''}. WebFetch`,
    'reads a web page; the owner approves each new host. Read a',
    'file before editing it, and make edits with',
    'Edit (exact text replacement). Some tool calls wait for the owner\'s approval; if a call is denied, read the',
    'reason and adapt instead of retrying the same call.',
    ...(input.added?.length ? ['', addedFoldersText(input.added)] : []),
    ...(input.sandbox ? ['', input.sandbox] : []),
    '',
    `Project root: ${input.root}`,
    `Platform: ${input.platform}`,
    `Today's date: ${localDate(input.startedAt)}`,
  ].join('\n');
  const blocks: TextBlockParamLike[] = [{ type: 'text', text: input.append ? `${base}\n\n${input.append}` : base }];
  if (input.instructions) blocks.push({ type: 'text', text: input.instructions });
  return blocks;
}

type CachedBlock = MessageBlock & { cache_control?: { type: 'ephemeral' } };
export interface CachedMessage {
  role: ApiMessage['role'];
  content: CachedBlock[];
}

/** Position of a message's last block: "message index:block index". */
export type BlockPosition = `${number}:${number}`;

export function lastBlockPosition(messages: readonly ApiMessage[]): BlockPosition | undefined {
  const i = messages.length - 1;
  const m = messages[i];
  return m && m.content.length > 0 ? `${i}:${m.content.length - 1}` : undefined;
}

/**
 * Copies `messages` with cache_control on the last block and on `previous` (the last block of
 * the previous request, when it is still at the same place). Thinking blocks cannot carry
 * cache_control; such positions are skipped.
 */
export function withMessageBreakpoints(messages: readonly ApiMessage[], previous: BlockPosition | undefined): CachedMessage[] {
  const marks = new Set<string>();
  const last = lastBlockPosition(messages);
  if (last) marks.add(last);
  if (previous) marks.add(previous);
  return messages.map((m, mi) => ({
    role: m.role,
    content: m.content.map((b, bi) => {
      const cacheable = b.type !== 'thinking' && b.type !== 'redacted_thinking';
      return marks.has(`${mi}:${bi}`) && cacheable ? { ...b, cache_control: { type: 'ephemeral' as const } } : b;
    }),
  }));
}

/** System blocks with a breakpoint on the last one. */
export function withSystemBreakpoint(blocks: readonly TextBlockParamLike[]): TextBlockParamLike[] {
  return blocks.map((b, i) => (i === blocks.length - 1 ? { ...b, cache_control: { type: 'ephemeral' } } : b));
}

export function withToolsBreakpoint<T extends object>(tools: readonly T[]): (T & { cache_control?: { type: 'ephemeral' } })[] {
  return tools.map((t, i) => (i === tools.length - 1 ? { ...t, cache_control: { type: 'ephemeral' as const } } : t));
}

/** A rough token count (≈ 4 characters per token) for decisions before the API reports usage. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

export function messageChars(messages: readonly ApiMessage[]): number {
  let chars = 0;
  for (const m of messages) for (const b of m.content) chars += blockChars(b as { type: string } & Record<string, unknown>);
  return chars;
}
