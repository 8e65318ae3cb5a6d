// What a line from the phone asks for: a command, an answer to an approval, or an instruction
// for a project (optionally addressed with @project). Every approval word and emoji the app
// understands (yes/always/no, y/n, deny, 👍/♾️/👎) is read here. Pure: no lookups here.
import type { ApprovalDecision } from '../shared/api.js';

export const COMMAND_NAMES = [
  'help', 'projects', 'add', 'use', 'new', 'status', 'stop', 'restart', 'mode', 'allow', 'deny', 'diff', 'undo', 'cost', 'history', 'net', 'computers', 'undelivered', 'notify', 'model', 'forget', 'clear', 'name', 'captcha', 'compact', 'think', 'resume', 'effort', 'websearch', 'add-dir',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type ParsedInput =
  | { readonly kind: 'command'; readonly name: CommandName; readonly args: readonly string[]; readonly rest: string; readonly project: string | undefined }
  /** Not one of ours: perhaps a skill of the project (`/release 1.2`), else answered as unknown. */
  | { readonly kind: 'unknown-command'; readonly name: string; readonly rest: string; readonly project: string | undefined }
  /** `text` is kept: when `id` names no pending approval, the line is an ordinary instruction ("ok cafe, go on"). */
  | { readonly kind: 'approval'; readonly decision: ApprovalDecision; readonly id: string; readonly reason: string | undefined; readonly text: string }
  | { readonly kind: 'instruction'; readonly text: string; readonly project: string | undefined }
  | { readonly kind: 'empty' };

const WORDS = 'yes|y|ok|allow|always|no|n|deny';
const APPROVAL = new RegExp(`^(${WORDS})\\s+#?([0-9a-f]{4,8})\\b[\\s,:.-]*(.*)$`, 'is');
/** A bare answer, for a reply that quotes the approval message ("yes", "no, use pnpm"). */
const BARE_APPROVAL = new RegExp(`^(${WORDS})\\b[\\s,:.-]*(.*)$`, 'is');
/** An approval id as the owner quotes it (/allow 4f2a). */
const APPROVAL_ID = /^[0-9a-f]{4,8}$/i;
/** `@project`, `@computer` or `@computer/project`; `@computer#3` when two computers share a name. */
const MENTION = /^@([\p{L}\p{N}_.-]+(?:#\d{1,3})?(?:\/[\p{L}\p{N}_.-]+)?)(?:\s+|$)/u;

/** Reactions that answer an approval message. */
export const REACTION_DECISIONS: Readonly<Record<string, ApprovalDecision>> = {
  '👍': 'once',
  '♾️': 'always',
  '♾': 'always',
  '👎': 'deny',
};

export function reactionDecision(emoji: string): ApprovalDecision | undefined {
  // Skin-tone variants of 👍/👎 count too.
  const base = emoji.replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '');
  return REACTION_DECISIONS[base];
}

/** The decision an answer word means ("yes", "always", "n" …). */
export function decisionWord(word: string): ApprovalDecision {
  const w = word.toLowerCase();
  return w === 'always' ? 'always' : w === 'no' || w === 'n' || w === 'deny' ? 'deny' : 'once';
}

/** A line that answers a quoted approval message without naming it; undefined when it does not. */
export function parseBareApproval(text: string): { readonly decision: ApprovalDecision; readonly reason: string | undefined } | undefined {
  const word = BARE_APPROVAL.exec(text);
  if (!word) return undefined;
  return { decision: decisionWord(word[1]!), reason: word[2]!.trim() || undefined };
}

/** /allow [always] [id] and /deny [id] [reason]: what the arguments say. */
export function parseApprovalArgs(
  command: 'allow' | 'deny',
  args: readonly string[],
): { readonly decision: ApprovalDecision; readonly id: string | undefined; readonly reason: string | undefined } {
  const [first, ...more] = args;
  const always = command === 'allow' && first?.toLowerCase() === 'always';
  const idArg = always ? more[0] : first;
  const id = idArg && APPROVAL_ID.test(idArg) ? idArg.toLowerCase() : undefined;
  const reasonWords = command === 'deny' ? (id ? args.slice(1) : args) : [];
  return { decision: always ? 'always' : command === 'deny' ? 'deny' : 'once', id, reason: reasonWords.join(' ') || undefined };
}

export function parseInput(raw: string): ParsedInput {
  let text = raw.trim();
  if (text === '') return { kind: 'empty' };
  let project: string | undefined;
  const mention = MENTION.exec(text);
  if (mention) {
    project = mention[1];
    // The mention takes the spaces after it, and the line was trimmed: `text` needs no trim.
    text = text.slice(mention[0].length);
  }
  const approval = APPROVAL.exec(text);
  if (approval && !project) {
    const decision = decisionWord(approval[1]!);
    // The separators before the reason are taken by the pattern, the line was trimmed.
    return { kind: 'approval', decision, id: approval[2]!.toLowerCase(), reason: approval[3] || undefined, text };
  }
  if (text.startsWith('/')) {
    const [head, ...args] = text.slice(1).split(/\s+/) as [string, ...string[]];
    const name = head.toLowerCase();
    if ((COMMAND_NAMES as readonly string[]).includes(name)) {
      const rest = text.slice(1 + head.length).trim();
      return { kind: 'command', name: name as CommandName, args, rest, project };
    }
    // A path like "/usr/bin is slow" (or "// note") is an instruction, not a command.
    if (!/^[a-z][a-z-]*$/i.test(head)) return { kind: 'instruction', text, project };
    return { kind: 'unknown-command', name: head, rest: text.slice(1 + head.length).trim(), project };
  }
  return { kind: 'instruction', text, project };
}
