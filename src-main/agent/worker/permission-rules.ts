// Permission rules in Claude Code's syntax: `Tool` or `Tool(specifier)`.
//   Bash(npm test)     exactly that command;   Bash(npm test:*)  that command and its arguments;
//   Bash(git * main)   `*` matches anything;   Edit(src/**)      files under src/ (Edit and Write);
//   Read(*.env)        gitignore style, any depth (Read, Grep, Glob, LS);
//   Edit(/docs/**)     relative to the project root;  Edit(//etc/**)  an absolute path;  ~/ home.
//   WebFetch(domain:example.com)  that host;  WebFetch(domain:*.example.com)  its subdomains.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { analyzeBash, type BashAnalysis } from './bash-analysis.js';
import { escapeGlob, matchGlob } from './tools/glob-match.js';

export interface Rule {
  readonly tool: string;
  readonly specifier: string | undefined;
  /** The rule as written, for messages ("blocked by Bash(rm:*)"). */
  readonly text: string;
}

const RULE = /^([A-Za-z][A-Za-z0-9_]*)(?:\((.*)\))?$/s;

export function parseRule(text: string): Rule | undefined {
  const m = RULE.exec(text.trim());
  if (!m) return undefined;
  const specifier = m[2]?.trim();
  return { tool: m[1] as string, specifier: specifier === '' || specifier === '*' ? undefined : specifier, text: text.trim() };
}

/** Tools whose calls a rule naming `ruleTool` covers. */
const COVERS: Record<string, readonly string[]> = {
  Edit: ['Edit', 'Write'],
  Read: ['Read', 'Grep', 'Glob', 'LS'],
};

export function ruleCoversTool(rule: Rule, toolName: string): boolean {
  return (COVERS[rule.tool] ?? [rule.tool]).includes(toolName);
}

function wildcardRegex(spec: string): RegExp {
  // `npm test:*` is a prefix rule: the command itself, or it followed by arguments.
  if (spec.endsWith(':*')) {
    const prefix = spec.slice(0, -2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^${prefix}(?:\\s.*)?$`, 's');
  }
  return starPattern(spec);
}

/** The whole text, `*` standing for any run of characters. */
function starPattern(spec: string): RegExp {
  // No newline reaches it: commands are matched with their spaces made single (bashSpecMatches).
  const body = spec.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** `domain:example.com` / `domain:*.example.com` against a WebFetch target `domain:<host>` (any case). */
function hostRuleMatches(spec: string, target: string): boolean {
  return starPattern(spec.toLowerCase()).test(target.toLowerCase());
}

/** Whether a Bash rule's specifier covers one simple command. */
function bashSpecMatches(spec: string, simple: string): boolean {
  const normalized = simple.replace(/\s+/g, ' ').trim();
  return wildcardRegex(spec).test(normalized);
}

export type BashMatchMode = 'all-parts' | 'any-part';

/**
 * `all-parts` (allow rules): every simple command, wrapped ones included, is covered by one of
 * `rules` as written, with no redirection into a file and nothing unclear; or one rule names the
 * whole line exactly. `any-part` (deny/ask rules): any spelling of any part is covered.
 */
export function bashRulesMatch(rules: readonly Rule[], command: string, analysis: BashAnalysis, mode: BashMatchMode): boolean {
  const bash = rules.filter((r) => r.tool === 'Bash');
  if (bash.some((r) => r.specifier === undefined)) return true;
  const whole = command.replace(/\s+/g, ' ').trim();
  if (bash.some((r) => r.specifier === whole)) return true;
  const matches = (text: string): boolean => bash.some((r) => bashSpecMatches(r.specifier as string, text));
  if (mode === 'any-part') return matches(whole) || analysis.parts.some((p) => matches(p.text) || p.aliases.some(matches));
  if (analysis.unclear !== undefined || analysis.redirected || analysis.parts.length === 0) return false;
  return analysis.parts.every((p) => matches(p.text));
}

function pathSpecMatches(spec: string, relPath: string, root: string): boolean {
  if (spec.startsWith('//')) return matchGlob(spec.slice(2), join(root, relPath).slice(1));
  if (spec.startsWith('~/')) return matchGlob(join(homedir(), spec.slice(2)), join(root, relPath).slice(1));
  // `src` alone also means the folder's contents.
  return matchGlob(spec, relPath, { matchBase: true }) || matchGlob(`${spec.replace(/\/+$/, '')}/**`, relPath);
}

export interface RuleSubject {
  readonly toolName: string;
  /** Command for Bash, project-relative path for file tools, undefined otherwise. */
  readonly target: string | undefined;
}

/** Whether a path rule's specifier covers a project-relative path. */
export function pathRuleMatches(rule: Rule, relPath: string, root: string): boolean {
  return rule.specifier === undefined || pathSpecMatches(rule.specifier, relPath, root);
}

/** The first rule in `rules` that covers the call (Bash calls need their `analysis`). */
export function findMatchingRule(rules: readonly Rule[], subject: RuleSubject, root: string, mode: BashMatchMode, analysis?: BashAnalysis): Rule | undefined {
  const relevant = rules.filter((r) => ruleCoversTool(r, subject.toolName));
  if (subject.toolName === 'Bash' && subject.target !== undefined) {
    const command = subject.target;
    const parsed = analysis ?? analyzeBash(command);
    if (!bashRulesMatch(relevant, command, parsed, mode)) return undefined;
    return relevant.find((r) => bashRulesMatch([r], command, parsed, 'any-part')) ?? relevant[0];
  }
  return relevant.find((r) => {
    if (r.specifier === undefined) return true;
    if (subject.target === undefined) return false;
    // WebFetch(domain:host): the host as a whole, `*` standing for any run of characters.
    if (subject.toolName === 'WebFetch') return hostRuleMatches(r.specifier, subject.target);
    return pathSpecMatches(r.specifier, subject.target, root);
  });
}

/** The rule "allow for this session" adds: exactly this command, or exactly this file. */
export function sessionRuleFor(subject: RuleSubject, kind: 'read' | 'edit' | 'execute' | 'web' | 'meta'): string {
  if (subject.target === undefined) return subject.toolName;
  if (subject.toolName === 'Bash') return `Bash(${subject.target.replace(/\s+/g, ' ').trim()})`;
  if (kind === 'web') return `${subject.toolName}(${subject.target})`;
  const family = kind === 'edit' ? 'Edit' : kind === 'read' ? 'Read' : subject.toolName;
  return `${family}(/${escapeGlob(subject.target)})`;
}
