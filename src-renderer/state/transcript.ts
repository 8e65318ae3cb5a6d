// One session's transcript as it streams: stored entries by sequence number (an entry seen twice,
// from the first fetch and an event, counts once) plus the text Claude is writing right now.
import type { ApiEvent, TranscriptEntry } from '../../src-main/shared/api';

export interface TranscriptState {
  readonly entries: readonly TranscriptEntry[];
  /** Text deltas since the last stored assistant entry. */
  readonly streaming: string;
}

export const EMPTY_TRANSCRIPT: TranscriptState = { entries: [], streaming: '' };

export function withEntries(state: TranscriptState, entries: readonly TranscriptEntry[]): TranscriptState {
  const bySeq = new Map(state.entries.map((e) => [e.seq, e]));
  for (const e of entries) bySeq.set(e.seq, e);
  const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const endsWithAssistant = entries.some((e) => e.kind === 'assistant');
  return { entries: merged, streaming: endsWithAssistant ? '' : state.streaming };
}

export function transcriptReducer(sessionId: string) {
  return (state: TranscriptState, event: ApiEvent | { type: 'loaded'; entries: TranscriptEntry[] }): TranscriptState => {
    if (event.type === 'loaded') return withEntries(state, event.entries);
    if (event.type === 'transcript' && event.sessionId === sessionId) return withEntries(state, [event.entry]);
    if (event.type === 'text-delta' && event.sessionId === sessionId) return { ...state, streaming: state.streaming + event.text };
    return state;
  };
}

export type DiffLine = { kind: 'add' | 'del' | 'hunk' | 'file' | 'ctx'; text: string };

/** A tool result that is a unified diff is shown as one; anything else as plain text. */
export function parseDiff(text: string): DiffLine[] | undefined {
  const lines = text.split('\n');
  if (!lines.some((l) => l.startsWith('@@ ')) || !lines.some((l) => /^[+-]/.test(l))) return undefined;
  return lines.map((l) => {
    if (l.startsWith('+++ ') || l.startsWith('--- ')) return { kind: 'file', text: l };
    if (l.startsWith('@@')) return { kind: 'hunk', text: l };
    if (l.startsWith('+')) return { kind: 'add', text: l };
    if (l.startsWith('-')) return { kind: 'del', text: l };
    return { kind: 'ctx', text: l };
  });
}
