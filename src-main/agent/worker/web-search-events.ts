// Anthropic's web search runs on Anthropic's side, inside one model response: there is no call
// for this app to run, but the owner should still see it in the progress message like any other
// tool ("🔎 WebSearch "query" · 5 results"). This turns the searches in a response into the same
// tool_call / tool_result events a tool this app runs would give.
import type { AssistantBlock } from '../content.js';
import type { AgentEvent } from '../protocol.js';

/** What one search found, in a line: the result count and first titles, or why it failed. */
export function searchPreview(content: unknown): { readonly text: string; readonly isError: boolean } {
  if (Array.isArray(content)) {
    const titles = content.flatMap((r) => (r && typeof r === 'object' && typeof (r as { title?: unknown }).title === 'string' ? [(r as { title: string }).title] : []));
    return { text: `${content.length} result${content.length === 1 ? '' : 's'}${titles.length ? `: ${titles.slice(0, 3).join(' · ')}` : ''}`, isError: false };
  }
  const code = content && typeof content === 'object' ? (content as { error_code?: unknown }).error_code : undefined;
  return { text: `The search failed (${typeof code === 'string' ? code : 'unknown error'}).`, isError: true };
}

export function webSearchEvents(turnId: string, content: readonly AssistantBlock[]): AgentEvent[] {
  const events: AgentEvent[] = [];
  for (const block of content) {
    if (block.type !== 'server_tool_use' || block.name !== 'web_search') continue;
    events.push({ type: 'tool_call', turnId, toolUseId: block.id, name: 'WebSearch', input: block.input });
    const result = content.find((b) => b.type === 'web_search_tool_result' && b.tool_use_id === block.id);
    const preview = result?.type === 'web_search_tool_result' ? searchPreview(result.content) : { text: 'No results came back.', isError: true };
    events.push({ type: 'tool_result', turnId, toolUseId: block.id, name: 'WebSearch', isError: preview.isError, outcome: 'ran', preview: preview.text, changedFiles: [] });
  }
  return events;
}
