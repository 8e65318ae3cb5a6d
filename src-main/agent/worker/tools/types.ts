// What a tool is: Claude Code's name and argument names, a JSON schema for the model, a zod
// schema for what the model sends back, a kind the permission modes reason about, and a run
// function confined to the project folder.
import type { z } from 'zod';
import type { ApprovalSubject } from '../../approval-subject.js';
import type { ToolOutput } from '../../content.js';
import type { CommandSpawner } from '../../command-process.js';
import type { FileChange } from '../../file-changes.js';
import type { SandboxPolicy } from '../../sandbox/policy.js';
import type { FileReads } from './read-state.js';
import type { ShellState } from '../shell-state.js';
import type { BackgroundShells } from './background-shells.js';
import type { Skill } from '../../skills.js';
import type { Reach } from '../../paths.js';

/**
 * read: never changes anything; edit: changes files; execute: runs commands; web: reads from the
 * network (asks, but plan mode allows it); meta: agent bookkeeping.
 */
export type ToolKind = 'read' | 'edit' | 'execute' | 'web' | 'meta';

export interface Todo {
  readonly content: string;
  readonly status: 'pending' | 'in_progress' | 'completed';
  readonly activeForm?: string | undefined;
}

export interface ToolContext {
  /** Real path of the project root (symlinks resolved). */
  readonly root: string;
  /** The added folders the file tools may use besides the root (absent: none). */
  readonly reach?: Reach | undefined;
  /** Aborted when the owner stops the turn; tools end promptly (Bash kills its process group). */
  readonly signal: AbortSignal;
  /** Environment for commands, secrets already removed. */
  readonly env: Readonly<Record<string, string>>;
  readonly bash: { readonly defaultTimeoutMs: number; readonly maxTimeoutMs: number; readonly outputCapChars: number };
  /** How Bash starts commands: through the command host when there is one, else directly. */
  readonly spawn: CommandSpawner;
  /** The OS sandbox policy a command runs under (undefined: unsandboxed, approved by the owner). */
  readonly sandboxFor: (command: string) => SandboxPolicy | undefined;
  /** Reports child process groups so the main process can kill them if the worker dies. */
  readonly onProcess: (pid: number, state: 'started' | 'ended') => void;
  readonly setTodos: (todos: readonly Todo[]) => void;
  /**
   * Whether a deny rule forbids reading this absolute path. Tools that read or list many files
   * (Grep, Glob, LS) leave such files out, so `Read(.env)` denied also keeps .env out of a
   * search over the whole project.
   */
  readonly readDenied: (absPath: string) => boolean;
  /** The files Claude has seen this session: Write and Edit refuse files it has not (or that changed since). */
  readonly files: FileReads;
  /** Bash's working directory and exported variables, kept from one call to the next. */
  readonly shell: ShellState;
  /** Commands started with run_in_background (BashOutput, KillShell). */
  readonly background: BackgroundShells;
  /** CLAUDE.md files of the folders down to this file not loaded yet this session (nested-memory.ts). */
  readonly nestedMemory?: (absPath: string) => Promise<string | undefined>;
  /** The skills Claude may load with the Skill tool (skills.ts). */
  readonly skills?: readonly Skill[];
  /** Runs a subagent to its final answer (../subagent.ts); absent inside a subagent (no nesting). */
  readonly runSubagent?: (type: string, prompt: string, signal: AbortSignal) => Promise<ToolResult>;
}

export interface ToolResult {
  readonly output: ToolOutput;
  readonly isError: boolean;
  /** Before-images of files this call changed (for undo). */
  readonly fileChanges: readonly FileChange[];
}

export interface JsonSchemaObject {
  readonly type: 'object';
  readonly properties: Record<string, unknown>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}

/** How a tool is written: typed input, parsed by zod before anything runs. */
export interface ToolSpec<Input> {
  readonly name: string;
  readonly kind: ToolKind;
  readonly description: string;
  readonly inputSchema: JsonSchemaObject;
  readonly parse: z.ZodType<Input>;
  /**
   * What permission rules match against: the command for Bash, the project-relative path for
   * file tools (undefined: only a rule naming the tool alone matches, e.g. `TodoWrite`).
   * May throw ConfinementError, which fails the call without asking anyone.
   */
  readonly ruleTarget?: (input: Input, root: string, reach: Reach | undefined) => Promise<string | undefined>;
  /** One line for an approval request: "npm test", "src/app.ts". */
  readonly summarize: (input: Input, target: string | undefined) => string;
  /** What the call would do, in full, for an approval request (reads files, changes nothing). */
  readonly subject?: (input: Input, ctx: SubjectContext) => Promise<ApprovalSubject | undefined>;
  run(input: Input, ctx: ToolContext): Promise<ToolResult>;
}

export interface SubjectContext {
  /** Real path of the project root. */
  readonly root: string;
  readonly reach?: Reach | undefined;
  /** Whether this Bash command would run inside the OS sandbox (shown to the owner with it). */
  readonly bashSandboxed: (command: string) => boolean;
  /** Where the next Bash command starts (the session's working directory). */
  readonly bashCwd: string;
}

/** A call whose arguments passed validation, ready for the permission check and to run. */
export interface PreparedCall {
  readonly tool: Tool;
  readonly ruleTarget: string | undefined;
  readonly summary: string;
  /** What the call would do, for the owner to judge; undefined when the tool cannot say. */
  subject(ctx: SubjectContext): Promise<ApprovalSubject | undefined>;
  run(ctx: ToolContext): Promise<ToolResult>;
}

/** A tool with its input type erased: the registry holds these. */
export interface Tool {
  readonly name: string;
  readonly kind: ToolKind;
  readonly description: string;
  readonly inputSchema: JsonSchemaObject;
  /** Parses the model's arguments; a ToolResult (is_error) when they are invalid or escape the project. */
  prepare(rawInput: unknown, root: string, reach?: Reach): Promise<PreparedCall | ToolResult>;
}

export function ok(output: ToolOutput, fileChanges: readonly FileChange[] = []): ToolResult {
  return { output, isError: false, fileChanges };
}

export function failed(message: string): ToolResult {
  return { output: message, isError: true, fileChanges: [] };
}
