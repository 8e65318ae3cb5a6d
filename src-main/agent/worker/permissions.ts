// Whether a tool call may run: deny rules → ask rules → allow rules, then the permission mode.
//   default            reading is free; edits and commands ask the owner
//   acceptEdits        edits are free too; commands ask
//   plan               reading only: edits and commands are refused (the model should present a plan)
//   bypassPermissions  everything runs, except what a deny rule forbids
// Rules come from the app's preferences, the project's .claude/settings.json (and
// settings.local.json), and "allow for this session" answers.
import type { PermissionMode } from '../../shared/config.js';
import { findMatchingRule, parseRule, sessionRuleFor, type Rule, type RuleSubject } from './permission-rules.js';
import type { ToolKind } from './tools/types.js';

export interface RuleSet {
  readonly allow: readonly string[];
  readonly ask: readonly string[];
  readonly deny: readonly string[];
}

export type Decision =
  | { readonly behavior: 'allow'; readonly reason: string }
  | { readonly behavior: 'deny'; readonly reason: string }
  | { readonly behavior: 'ask'; readonly reason: string; readonly sessionRule: string };

export interface PermissionCall extends RuleSubject {
  readonly kind: ToolKind;
}

function parseAll(texts: readonly string[], invalid: string[]): Rule[] {
  const out: Rule[] = [];
  for (const t of texts) {
    const rule = parseRule(t);
    if (rule) out.push(rule);
    else invalid.push(t);
  }
  return out;
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

  decide(call: PermissionCall): Decision {
    const denied = findMatchingRule(this.deny, call, this.root, 'any-part');
    if (denied) return { behavior: 'deny', reason: `Blocked by the permission rule ${denied.text}.` };
    if (this.mode === 'plan' && (call.kind === 'edit' || call.kind === 'execute')) {
      return {
        behavior: 'deny',
        reason: 'Plan mode is on: only reading is allowed. Present your plan to the owner instead of making changes.',
      };
    }
    if (this.mode === 'bypassPermissions') return { behavior: 'allow', reason: 'bypassPermissions mode' };
    const sessionRule = sessionRuleFor(call, call.kind);
    const asked = findMatchingRule(this.ask, call, this.root, 'any-part');
    if (asked) return { behavior: 'ask', reason: `The rule ${asked.text} asks first.`, sessionRule };
    const allowed = findMatchingRule([...this.allow, ...this.sessionAllow], call, this.root, 'all-parts');
    if (allowed) return { behavior: 'allow', reason: `Allowed by ${allowed.text}` };
    if (call.kind === 'read' || call.kind === 'meta') return { behavior: 'allow', reason: 'read-only tool' };
    if (call.kind === 'edit' && this.mode === 'acceptEdits') return { behavior: 'allow', reason: 'acceptEdits mode' };
    return { behavior: 'ask', reason: `${call.toolName} needs the owner's approval.`, sessionRule };
  }
}
