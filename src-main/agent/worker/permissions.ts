// Whether a tool call may run, in this order:
//   1. deny rules (any part of a Bash command, any spelling of it)        → refused
//   2. plan mode: edits and commands                                       → refused
//   3. a protected path (protected-paths.ts), written by Edit/Write or by
//      a Bash redirection/tee/cp, or a Bash command that cannot be fully
//      understood                                                          → asks, in EVERY mode
//   4. ask rules                                                           → asks, in every mode
//   5. bypassPermissions                                                   → runs
//   6. allow rules (every part of a Bash command), a PreToolUse hook's allow → runs
//   7. the mode: default reads freely and asks for edits and commands; acceptEdits also edits
// Step 3 is skipped only by an "allow for this session" answer the owner gave for exactly
// this command or file. Rules come from the app's preferences, the project's
// .claude/settings.json (and settings.local.json, read once at session start), and those
// answers.
import { homedir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { PermissionMode } from '../../shared/config.js';
import { isInside } from '../paths.js';
import { analyzeBash, type BashAnalysis } from './bash-analysis.js';
import { findMatchingRule, parseRule, pathRuleMatches, ruleCoversTool, sessionRuleFor, type Rule, type RuleSubject } from './permission-rules.js';
import { protectedReason, protectedWriteReason } from './protected-paths.js';
import type { ToolKind } from './tools/types.js';

export interface RuleSet {
  readonly allow: readonly string[];
  readonly ask: readonly string[];
  readonly deny: readonly string[];
}

/** What let a call run: a rule the owner wrote or granted, the mode, a hook, or reading only. */
export type AllowedBy = 'rule' | 'bypassPermissions' | 'acceptEdits' | 'hook' | 'read-only';

export type Decision =
  | { readonly behavior: 'allow'; readonly by: AllowedBy }
  | { readonly behavior: 'deny'; readonly reason: string }
  | { readonly behavior: 'ask'; readonly reason: string; readonly sessionRule: string };

export interface PermissionCall extends RuleSubject {
  readonly kind: ToolKind;
  /**
   * Where a Bash command starts (the session's working directory, kept from the previous call):
   * the files it writes by relative name are judged from there. Absent: the project root.
   */
  readonly cwd?: string | undefined;
  /**
   * A PreToolUse hook answered "allow": like an allow rule it skips the mode's question, and like
   * one it never skips a deny rule, plan mode, a protected path or an ask rule.
   */
  readonly hookAllows?: boolean | undefined;
}

function parseAll(texts: readonly string[], invalid: string[]): Rule[] {
  const rules = texts.map(parseRule);
  invalid.push(...texts.filter((_, i) => rules[i] === undefined));
  return rules.filter((r): r is Rule => r !== undefined);
}

/** `~` and `~/…` as the shell expands them. */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}

export class Permissions {
  private mode: PermissionMode;
  private readonly allow: Rule[];
  private readonly ask: Rule[];
  private readonly deny: Rule[];
  /** Rules the owner added with "allow for this session". */
  private readonly sessionAllow: Rule[] = [];
  /** Rules that did not parse; reported once by the session as a warning. */
  readonly invalidRules: string[] = [];

  constructor(
    mode: PermissionMode,
    sources: readonly RuleSet[],
    private readonly root: string,
    /** The added folders the owner confirmed (additionalDirectories): judged like the project. */
    private readonly added: () => readonly string[],
  ) {
    this.mode = mode;
    this.allow = sources.flatMap((s) => parseAll(s.allow, this.invalidRules));
    this.ask = sources.flatMap((s) => parseAll(s.ask, this.invalidRules));
    this.deny = sources.flatMap((s) => parseAll(s.deny, this.invalidRules));
  }

  get permissionMode(): PermissionMode {
    return this.mode;
  }

  setMode(mode: PermissionMode): void {
    this.mode = mode;
  }

  /** Adds an "allow for this session" rule; returns false when it does not parse. */
  addSessionRule(text: string): boolean {
    const rule = parseRule(text);
    if (!rule) return false;
    if (!this.sessionAllow.some((r) => r.text === rule.text)) this.sessionAllow.push(rule);
    return true;
  }

  get sessionRules(): string[] {
    return this.sessionAllow.map((r) => r.text);
  }

  /**
   * The deny rule that forbids reading `relPath` (project-relative), for tools that read many
   * files and for what the app reads on Claude's behalf (memory files, imports). A bare `Read`
   * deny forbids every path.
   */
  readDenied(relPath: string): Rule | undefined {
    return this.deny.find((r) => ruleCoversTool(r, 'Read') && pathRuleMatches(r, relPath, this.root));
  }

  /**
   * Edit deny rules also cover the files a command writes by name (`echo x > secrets/key`), from
   * the folder it starts in and from each one it changes into (`cd secrets && echo x > key`).
   */
  private deniedBashWrite(bash: BashAnalysis, cwd: string): string | undefined {
    const folders = [cwd, ...bash.cds.map((dir) => resolve(cwd, expandHome(dir)))];
    for (const target of bash.writes) {
      for (const folder of folders) {
        const abs = resolve(folder, expandHome(target));
        if (!isInside(this.root, abs) && !this.added().some((added) => isInside(added, abs))) continue;
        const rel = relative(this.root, abs).split(sep).join('/');
        const rule = this.deny.find((r) => ruleCoversTool(r, 'Write') && pathRuleMatches(r, rel, this.root));
        if (rule) return `Blocked by the permission rule ${rule.text}: the command writes to ${target}.`;
      }
    }
    return undefined;
  }

  /** Why this call must ask whatever the mode and the rules say, or undefined. */
  private alwaysAsks(call: PermissionCall, bash: BashAnalysis | undefined, cwd: string): string | undefined {
    if (bash) {
      if (bash.unclear) return `This command cannot be fully checked (${bash.unclear}), so it needs the owner's approval.`;
      for (const target of bash.writes) {
        const why = protectedWriteReason(target, this.root, cwd);
        if (why) return `It writes to ${target}: ${why}, which always needs the owner's approval.`;
      }
      if (bash.writes.length > 0) {
        for (const dir of bash.cds) {
          const why = protectedWriteReason(`${dir}/x`, this.root, cwd);
          if (why) return `It changes into ${dir} and writes files there: ${why}, which always needs the owner's approval.`;
        }
      }
      return undefined;
    }
    if (call.kind === 'edit' && call.target !== undefined) {
      const why = protectedReason(call.target);
      if (why) return `${call.target}: ${why}, which always needs the owner's approval.`;
    }
    return undefined;
  }

  decide(call: PermissionCall): Decision {
    const bash = call.toolName === 'Bash' && call.target !== undefined ? analyzeBash(call.target) : undefined;
    const denied = findMatchingRule(this.deny, call, this.root, 'any-part', bash);
    if (denied) return { behavior: 'deny', reason: `Blocked by the permission rule ${denied.text}.` };
    const cwd = call.cwd ?? this.root;
    const deniedWrite = bash && this.deniedBashWrite(bash, cwd);
    if (deniedWrite) return { behavior: 'deny', reason: deniedWrite };
    if (this.mode === 'plan' && (call.kind === 'edit' || call.kind === 'execute')) {
      return {
        behavior: 'deny',
        reason: 'Plan mode is on: only reading is allowed. Present your plan to the owner instead of making changes.',
      };
    }
    const sessionRule = sessionRuleFor(call, call.kind);
    const mustAsk = this.alwaysAsks(call, bash, cwd);
    // Asked before and answered "allow for this session": that exact call (sessionRuleFor's text
    // is already in the form parseRule keeps).
    if (mustAsk && !this.sessionAllow.some((r) => r.text === sessionRule)) return { behavior: 'ask', reason: mustAsk, sessionRule };
    const asked = findMatchingRule(this.ask, call, this.root, 'any-part', bash);
    if (asked) return { behavior: 'ask', reason: `The rule ${asked.text} asks first.`, sessionRule };
    if (this.mode === 'bypassPermissions') return { behavior: 'allow', by: 'bypassPermissions' };
    if (findMatchingRule([...this.allow, ...this.sessionAllow], call, this.root, 'all-parts', bash)) return { behavior: 'allow', by: 'rule' };
    if (call.hookAllows) return { behavior: 'allow', by: 'hook' };
    if (call.kind === 'read' || call.kind === 'meta') return { behavior: 'allow', by: 'read-only' };
    if (call.kind === 'edit' && this.mode === 'acceptEdits') return { behavior: 'allow', by: 'acceptEdits' };
    return { behavior: 'ask', reason: `${call.toolName} needs the owner's approval.`, sessionRule };
  }
}
