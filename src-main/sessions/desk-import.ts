// A desk session (desk-sessions.ts) as the text a resumed session starts from. It becomes the
// session's first step, a compaction whose summary is this text, so every later request carries
// it once, as its cached prefix, like the summary of a /compact. Text rather than the original
// API messages, on purpose: Claude Code's tool calls name tools and inputs this engine may not
// offer, its thinking blocks are signed for another request, and its tool results (whole files,
// long logs) would cost far more than they tell. What Claude said and what the owner asked is
// kept whole; a tool call is one line; a tool result is its beginning.
import type { DeskBlock, DeskSession } from './desk-sessions.js';

/** The condensed conversation is kept under this many characters (about 12k tokens). */
export const MAX_IMPORT_CHARS = 48_000;
const RESULT_EXCERPT = 300;
const TEXT_MAX = 6_000;
const TURN_ID = 'desk-resume';

/** The turn id of the step a resumed session starts with (for the history's wording). */
export const DESK_RESUME_TURN = TURN_ID;

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max)}… (${t.length - max} more characters)`;
}

function toolDetail(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const o = input as Record<string, unknown>;
  for (const key of ['command', 'file_path', 'path', 'pattern', 'url', 'query', 'description', 'prompt']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return `: ${clip(v.replace(/\s+/g, ' '), 200)}`;
  }
  return `: ${clip(JSON.stringify(input), 200)}`;
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((c) => (c && typeof c === 'object' && 'text' in c && typeof c.text === 'string' ? c.text : '[non-text output]')).join('\n');
  }
  return '';
}

function renderBlock(role: 'user' | 'assistant', block: DeskBlock): string | undefined {
  switch (block.type) {
    case 'text':
      return `${role === 'user' ? 'Owner' : 'Claude'}: ${clip(block.text ?? '', TEXT_MAX)}`;
    case 'tool_use':
      return `Claude used ${block.name ?? 'a tool'}${toolDetail(block.input)}`;
    case 'tool_result': {
      const text = resultText(block.content).trim();
      return `  ↳ ${block.is_error ? 'failed' : 'result'}${text ? `: ${clip(text.replace(/\n{3,}/g, '\n\n'), RESULT_EXCERPT)}` : ' (empty)'}`;
    }
    case 'image':
      return `${role === 'user' ? 'Owner' : 'Claude'}: [an image]`;
    case 'document':
      return `${role === 'user' ? 'Owner' : 'Claude'}: [a document]`;
    default:
      return undefined; // thinking, redacted thinking, server tool internals
  }
}

/** The conversation as text, oldest first, one block per paragraph. */
export function renderConversation(session: DeskSession): string[] {
  return session.messages.map((m) => {
    if (m.compactSummary) return `(Claude Code's own summary of the part before:)\n${m.blocks.map((b) => b.text ?? '').join('\n').trim()}`;
    return m.blocks
      .map((b) => renderBlock(m.role, b))
      .filter((line): line is string => line !== undefined)
      .join('\n');
  }).filter((p) => p.length > 0);
}

/**
 * The summary a resumed session starts from: what this is, then the conversation; when too long,
 * its first message and as much of the end as fits, with how much was left out in between.
 */
export function deskResumeSummary(session: DeskSession, max = MAX_IMPORT_CHARS): { readonly summary: string; readonly leftOut: number } {
  const when = new Date(session.updatedAt).toISOString().slice(0, 16).replace('T', ' ');
  const head = [
    `The owner worked on this project in Claude Code at their desk (session ${session.id.slice(0, 8)}, last active ${when} UTC) and now continues that work from their phone.`,
    "Below is that conversation, condensed: Claude's thinking is left out, each tool call is one line and tool results are shortened.",
    'Files may have changed since; read a file again before editing it.',
  ].join(' ');
  const parts = renderConversation(session);
  let budget = max - head.length;
  const first = clip(parts[0] ?? '', 8_000);
  const tail: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) {
    const p = parts[i] as string;
    if (p.length + 2 > budget - first.length - 80) break;
    tail.unshift(p);
    budget -= p.length + 2;
  }
  // The latest part starts with something the owner asked, not in the middle of an exchange.
  while (tail.length > 1 && tail.length < parts.length - 1 && !tail[0]?.startsWith('Owner: ')) tail.shift();
  const left = parts.length - 1 - tail.length;
  const middle = left > 0 ? [`[… ${left} earlier ${left === 1 ? 'part' : 'parts'} of the conversation left out …]`] : [];
  return { summary: [head, first, ...middle, ...tail].filter(Boolean).join('\n\n'), leftOut: Math.max(0, left) };
}

/** The step a resumed session starts with (sessions/supervisor.ts newSessionFrom). */
export function deskResumeStep(summary: string, at: number) {
  return { seq: 0, turnId: TURN_ID, at, kind: 'compaction' as const, summary, replacesThroughSeq: -1, summarizedSteps: 0 };
}
