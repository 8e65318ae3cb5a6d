// A workload whose effects can be counted: each instruction "TASK <tag>" makes scripted Claude
// run one Bash command that appends "<tag>:a<attempt>" to effects.log in the project, then
// answer "DONE <tag>". When the app reports that command as interrupted (the process died while
// it ran), the script re-issues it as the next attempt: a new, visible execution, exactly what
// the crash semantics ask of Claude ("check its effects before retrying").
//
// Exactly once, then, means for every tag:
//   - no line appears twice (no tool call was ever executed a second time by the app);
//   - the attempt Claude was told completed has its line;
//   - every other line belongs to an attempt the app reported to Claude as interrupted;
//   - the phone shows the final answer exactly once (distinct Signal timestamps: Signal itself
//     drops a repeat with the same sender and timestamp).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolUse, type RecordedRequest, type Script } from '../../helpers/anthropic-server.js';
import type { ShownMessage } from '../../helpers/phone.js';

export const EFFECTS_FILE = 'effects.log';

type Block = { type: string; text?: string; tool_use_id?: string; content?: unknown };

function blocksOf(content: string | Block[]): Block[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c: { text?: string }) => c.text ?? '').join('');
  return '';
}

export class EffectScript {
  /** "tag:attempt" of calls the app reported as interrupted. */
  readonly interrupted = new Set<string>();
  /** The attempt Claude was told completed, per tag. */
  readonly completed = new Map<string, number>();
  private counter = 0;

  constructor(private readonly options: { finalText?: (tag: string) => string } = {}) {}

  private command(tag: string, attempt: number): Script {
    const id = `toolu_${tag}_a${attempt}_${(this.counter++).toString(36)}`;
    return reply([toolUse('Bash', { command: `echo '${tag}:a${attempt} ${id}' >> ${EFFECTS_FILE}` }, id)]);
  }

  /** The responder for the scripted Anthropic server. */
  readonly respond = (request: RecordedRequest): Script => {
    const last = request.body.messages.at(-1);
    if (!last || last.role !== 'user') return reply([text('(no user message)')]);
    const blocks = blocksOf(last.content as string | Block[]);
    // Consecutive user messages are merged: a turn that ended without an answer (failed,
    // stopped) is followed by the next instruction in the same message, its text last.
    const said = blocks.map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join(' ');
    const task = [...said.matchAll(/TASK (\S+)/g)].at(-1);
    if (task) return this.command(task[1]!, 0);
    const result = blocks.find((b) => b.type === 'tool_result');
    if (result) {
      const m = /^toolu_(.+)_a(\d+)_[0-9a-z]+$/.exec(result.tool_use_id ?? '');
      if (!m) return reply([text(`unexpected tool result ${result.tool_use_id}`)]);
      const tag = m[1]!;
      const attempt = Number(m[2]);
      if (/was interrupted/.test(textOf(result.content))) {
        this.interrupted.add(`${tag}:${attempt}`);
        return this.command(tag, attempt + 1);
      }
      this.completed.set(tag, attempt);
      return reply([text(this.options.finalText?.(tag) ?? `DONE ${tag}`)]);
    }
    return reply([text('Nothing to do.')]);
  };
}

/** The effect lines of a project folder. */
export function effectLines(projectDir: string): string[] {
  const file = join(projectDir, EFFECTS_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

export interface ExactlyOnceReport {
  readonly tags: number;
  readonly lines: number;
  readonly interruptedAttempts: number;
  readonly interruptedThatRan: number;
  readonly problems: string[];
}

/** Checks the effect lines of all projects against what the script told Claude. */
export function checkEffects(script: EffectScript, tags: readonly string[], lines: readonly string[]): ExactlyOnceReport {
  const problems: string[] = [];
  // "tag:aN toolUseId": the same call run twice shows the same id, a replayed turn a new one.
  const seen = new Map<string, number>();
  const ids = new Map<string, string[]>();
  for (const line of lines) {
    const [attempt = '', id = ''] = line.split(' ');
    seen.set(attempt, (seen.get(attempt) ?? 0) + 1);
    ids.set(attempt, [...(ids.get(attempt) ?? []), id]);
  }
  for (const [attempt, n] of seen) {
    if (n <= 1) continue;
    const calls = ids.get(attempt) ?? [];
    problems.push(`${attempt} ran ${n} times (${new Set(calls).size === 1 ? 'the same tool call' : `different tool calls: ${calls.join(', ')}`})`);
  }
  let interruptedThatRan = 0;
  for (const tag of tags) {
    const done = script.completed.get(tag);
    if (done === undefined) {
      problems.push(`${tag}: Claude never saw a completed run`);
      continue;
    }
    if (!seen.has(`${tag}:a${done}`)) problems.push(`${tag}: the completed attempt a${done} left no effect`);
    for (let a = 0; a < done; a++) {
      if (!script.interrupted.has(`${tag}:${a}`)) problems.push(`${tag}: attempt a${a} was re-issued without an interrupted report`);
    }
  }
  const tagSet = new Set(tags);
  for (const line of seen.keys()) {
    const [tag, a] = line.split(':a');
    if (!tag || !tagSet.has(tag)) problems.push(`unexpected effect line ${line}`);
    else if (Number(a) !== script.completed.get(tag)) {
      if (script.interrupted.has(`${tag}:${a}`)) interruptedThatRan++;
      else problems.push(`${line} ran but was neither completed nor reported interrupted`);
    }
  }
  return { tags: tags.length, lines: lines.length, interruptedAttempts: script.interrupted.size, interruptedThatRan, problems };
}

/** Final answers on the phone per tag: distinct timestamps (and raw deliveries, for the report). */
export function finalAnswers(shown: readonly ShownMessage[], tags: readonly string[], marker = 'DONE'): { distinct: Map<string, number>; raw: number } {
  const stamps = new Map<string, Set<number>>();
  let raw = 0;
  for (const m of shown) {
    if (m.kind !== 'notify') continue;
    const match = new RegExp(`${marker} (\\S+)`).exec(m.body);
    if (!match) continue;
    raw++;
    const set = stamps.get(match[1]!) ?? new Set<number>();
    set.add(m.timestamp);
    stamps.set(match[1]!, set);
  }
  const distinct = new Map<string, number>();
  for (const tag of tags) distinct.set(tag, stamps.get(tag)?.size ?? 0);
  return { distinct, raw };
}
