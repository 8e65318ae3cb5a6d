// The `hooks` section of Claude Code's settings files, as Claude Code writes it:
//   "hooks": { "PreToolUse": [ { "matcher": "Bash|Write", "hooks": [
//       { "type": "command", "command": "./check.sh", "timeout": 30 } ] } ] }
// Events we run: PreToolUse, PostToolUse, UserPromptSubmit, Stop, SessionStart, PreCompact,
// Notification. The matcher (tool name for the tool events, trigger for PreCompact, source for
// SessionStart, notification type for Notification) is a name, a `|` list or a regular
// expression; empty, absent or `*` matches everything. The timeout is in seconds (Claude Code's
// default: 60). Entries of other kinds (prompt, agent hooks) and other events are reported and
// left out. Every hook carries a fingerprint of what it is (event, matcher, command, timeout,
// file) so the session can tell a new or changed hook from one the owner already confirmed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HOOK_RULE_PREFIX } from '../../protocol.js';

export const HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop', 'SessionStart', 'PreCompact', 'Notification'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export const DEFAULT_HOOK_TIMEOUT_SEC = 60;
const MAX_HOOK_TIMEOUT_SEC = 600;

const CommandHookSchema = z.looseObject({
  type: z.literal('command'),
  command: z.string().min(1).max(10_000),
  timeout: z.number().positive().optional(),
});

const MatcherGroupSchema = z.looseObject({
  matcher: z.string().max(1000).optional(),
  hooks: z.array(z.looseObject({ type: z.string() })),
});

const HooksSectionSchema = z.record(z.string(), z.array(MatcherGroupSchema));

export interface HookEntry {
  readonly event: HookEvent;
  readonly matcher: string;
  readonly command: string;
  readonly timeoutSec: number;
  /** The settings file it came from, as the owner knows it (`.claude/settings.json`, `~/.claude/settings.json`). */
  readonly source: string;
  /** Short hash of everything above: a changed hook is a new hook. */
  readonly fingerprint: string;
}

function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** The hooks of one settings file's `hooks` value, and sentences about what was left out. */
export function parseHooks(section: unknown, source: string): { hooks: HookEntry[]; warnings: string[] } {
  const hooks: HookEntry[] = [];
  const warnings: string[] = [];
  if (section === undefined) return { hooks, warnings };
  const parsed = HooksSectionSchema.safeParse(section);
  if (!parsed.success) return { hooks, warnings: [`${source}: "hooks" has an unexpected shape; its hooks are not run.`] };
  for (const [name, groups] of Object.entries(parsed.data)) {
    if (!(HOOK_EVENTS as readonly string[]).includes(name)) {
      warnings.push(`${source}: ${name} hooks are not supported here; they are not run.`);
      continue;
    }
    const event = name as HookEvent;
    for (const group of groups) {
      const matcher = group.matcher ?? '';
      if (matcherRegex(matcher) === undefined) {
        warnings.push(`${source}: the ${event} matcher ${JSON.stringify(matcher)} is not a valid pattern; its hooks are not run.`);
        continue;
      }
      for (const raw of group.hooks) {
        const hook = CommandHookSchema.safeParse(raw);
        if (!hook.success) {
          warnings.push(`${source}: a ${event} hook of type ${JSON.stringify(raw.type)} is not supported (only "command"); it is not run.`);
          continue;
        }
        const timeoutSec = Math.min(hook.data.timeout ?? DEFAULT_HOOK_TIMEOUT_SEC, MAX_HOOK_TIMEOUT_SEC);
        hooks.push({ event, matcher, command: hook.data.command, timeoutSec, source, fingerprint: fingerprint([event, matcher, hook.data.command, String(timeoutSec), source]) });
      }
    }
  }
  return { hooks, warnings };
}

/** The matcher as an anchored regular expression; undefined when it does not compile. */
function matcherRegex(matcher: string): RegExp | undefined {
  const text = matcher.trim();
  if (text === '' || text === '*') return /^/;
  try {
    // "Bash" matches Bash only, "Edit|Write" either, "mcp__.*" a family: anchored, as Claude Code does.
    return new RegExp(`^(?:${text})$`);
  } catch {
    return undefined;
  }
}

/** Whether `hook` runs for `value` (a tool name, a trigger, a source, a notification type). */
export function hookMatches(hook: HookEntry, value: string): boolean {
  return matcherRegex(hook.matcher)?.test(value) ?? false;
}

/** The session rule text that records the owner's confirmation of a hook (kept across restarts). */
export const hookConfirmationRule = (hook: HookEntry): string => `${HOOK_RULE_PREFIX}${hook.event}:${hook.fingerprint})`;

export const isHookConfirmationRule = (rule: string): boolean => /^Hook\([A-Za-z]+:[0-9a-f]{16}\)$/.test(rule);
