// What the turn loop, the tool runner and compaction share: the session's configuration and
// services, its committed steps, and the bookkeeping that decides when to compact.
import type { AgentLog } from './agent-log.js';
import type { Approvals } from './approvals.js';
import type { Clock } from '../../shared/clock.js';
import { lastBlockPosition, withMessageBreakpoints, type BlockPosition, type TextBlockParamLike } from './context.js';
import type { ModelClient, ModelRequest } from './model-client.js';
import type { Permissions } from './permissions.js';
import type { SandboxPlan } from './sandbox-plan.js';
import type { ShellState } from './shell-state.js';
import type { Reach } from '../paths.js';
import type { SessionHooks } from './hooks/session-hooks.js';
import type { AgentEvent, ResolvedAgentConfig } from '../protocol.js';
import type { ToolContext } from './tools/types.js';
import { buildMessages, type NewStep, type Step } from '../transcript.js';
import type { Effort, ThinkingParam } from '../thinking.js';
import { addUsage, costOf, ZERO_USAGE, type Usage } from '../pricing.js';

export interface ContextSize {
  /** Tokens the context held after the response that ended with step `afterSeq`. */
  readonly tokens: number;
  readonly afterSeq: number;
}

export interface TurnEnv {
  readonly config: ResolvedAgentConfig;
  readonly root: string;
  /** The added folders the file tools may use now (additionalDirectories the owner confirmed). */
  reach(): Reach;
  readonly system: TextBlockParamLike[];
  readonly tools: readonly object[];
  readonly model: ModelClient;
  readonly permissions: Permissions;
  readonly approvals: Approvals;
  /** Which commands run sandboxed; unsandboxed ones always need the owner's approval. */
  readonly sandbox: SandboxPlan;
  /** Bash's working directory and variables (permission checks resolve written files from it). */
  readonly shell: ShellState;
  /** The settings files' hooks, each confirmed by the owner before its first run. */
  readonly hooks: SessionHooks;
  readonly clock: Clock;
  readonly log: AgentLog;
  /** Output limit of a turn's request (grown by the thinking budget when thinking is on). */
  readonly maxTokens: number;
  /** The request's thinking parameter (/think); undefined: off. */
  readonly thinking: ThinkingParam | undefined;
  /** The request's effort (/effort), only where the model takes it; undefined: the API's default. */
  readonly effort?: Effort | undefined;
  /** The model's own output limit: a request whose tool call max_tokens cut is sent again with it. */
  readonly maxOutputTokens: number;
  readonly contextWindow: number;
  /** Compact before a request whose input would exceed this many tokens. */
  readonly compactAtTokens: number;
  steps(): readonly Step[];
  commit(step: NewStep): Step;
  /** Resolves once step `seq` is stored by the main process (or `signal` aborted). */
  stored(seq: number, signal: AbortSignal): Promise<void>;
  emit(event: AgentEvent): void;
  toolContext(turnId: string, signal: AbortSignal): ToolContext;
  /** Where the previous request's last breakpoint sat (reset by compaction). */
  previousBreakpoint: BlockPosition | undefined;
  contextSize: ContextSize | undefined;
  /** The running turn's totals (set by runTurn): a subagent's requests count in them. */
  totals?: TurnTotals | undefined;
}

/** The request for the current working steps, with all four cache breakpoints placed. */
export function buildRequest(env: TurnEnv, maxTokens = env.maxTokens): { request: ModelRequest; last: BlockPosition | undefined } {
  const messages = buildMessages(env.steps());
  const previous = env.previousBreakpoint;
  const [mi, bi] = previous ? previous.split(':').map(Number) : [];
  const stillThere = mi !== undefined && bi !== undefined && (messages[mi]?.content.length ?? 0) > bi;
  return {
    request: {
      model: env.config.model,
      max_tokens: maxTokens,
      system: env.system,
      tools: env.tools,
      messages: withMessageBreakpoints(messages, stillThere ? previous : undefined),
      ...(env.thinking ? { thinking: env.thinking } : {}),
      ...(env.effort ? { output_config: { effort: env.effort } } : {}),
    },
    last: lastBlockPosition(messages),
  };
}

/** Usage and cost accumulated over one turn (all its requests, summaries included). */
export class TurnTotals {
  usage: Usage = { ...ZERO_USAGE };
  cost: number | null = 0;

  add(model: string, usage: Usage): number | null {
    this.usage = addUsage(this.usage, usage);
    const cost = costOf(model, usage);
    this.cost = cost === undefined || this.cost === null ? null : this.cost + cost;
    return cost ?? null;
  }
}
