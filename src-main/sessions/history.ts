// The last N transcript entries of a session in memory (what the UI's session view and /history
// show first); everything stays in the steps table on disk.
import type { TranscriptEntry } from '../shared/api.js';
import { toolOutputText } from '../agent/content.js';
import { StepSchema, type Step } from '../agent/index.js';
import type { StoredStep } from '../store/steps-repo.js';
import { DESK_RESUME_TURN } from './desk-import.js';

const MAX_TEXT = 4000;

export class History {
  private entries: TranscriptEntry[] = [];

  constructor(private readonly limit: number) {}

  load(stored: readonly StoredStep[]): void {
    this.entries = [];
    for (const s of stored) {
      const parsed = StepSchema.safeParse(s.body);
      if (parsed.success) this.push(parsed.data);
    }
  }

  /** Adds the entries a step produces and returns them (for live events). */
  push(step: Step): TranscriptEntry[] {
    const added = entriesOf(step);
    this.entries.push(...added);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return added;
  }

  list(): TranscriptEntry[] {
    return [...this.entries];
  }
}

/** Entry seqs derive from the step's seq, so a page built from disk and live events agree. */
export function entriesOf(step: Step): TranscriptEntry[] {
  const at = new Date(step.at).toISOString();
  const out: TranscriptEntry[] = [];
  const add = (e: Omit<TranscriptEntry, 'seq' | 'at'>) => out.push({ seq: step.seq * 16 + out.length, at, ...e, text: clip(e.text) });
  switch (step.kind) {
    case 'user':
      if (step.origin === 'owner') add({ kind: 'user', text: step.content.map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join('\n') });
      break;
    case 'assistant':
      for (const b of step.content) {
        if (b.type === 'text' && b.text.trim()) add({ kind: 'assistant', text: b.text });
        if (b.type === 'tool_use') add({ kind: 'tool-call', tool: b.name, text: JSON.stringify(b.input) });
      }
      break;
    case 'tool_result':
      add({ kind: 'tool-result', tool: step.name, isError: step.isError, text: toolOutputText(step.output) });
      break;
    case 'compaction':
      add({ kind: 'notice', text: step.turnId === DESK_RESUME_TURN ? 'Continued from a Claude Code session at the desk.' : 'Older history was summarized for Claude (kept here in full).' });
      break;
    case 'turn_end':
      if (step.reason === 'cancelled') add({ kind: 'notice', text: 'Stopped.' });
      if (step.reason === 'error') add({ kind: 'error', text: step.error ?? 'The turn failed.' });
      break;
    default:
      break;
  }
  return out;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)` : text;
}
