// The tool registry: Claude Code's tool names and argument names, so CLAUDE.md files and
// habits written for Claude Code carry over.
import { bashTool } from './bash.js';
import { bashOutputTool, killShellTool } from './bash-output.js';
import { editTool } from './edit.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { lsTool } from './ls.js';
import { readTool } from './read.js';
import { todoWriteTool } from './todo-write.js';
import { skillTool, skillToolDefinition } from './skill.js';
import { agentTool, agentToolDefinition } from './agent-tool.js';
import { notebookEditTool } from './notebook-edit.js';
import type { AgentDefinition } from '../../agents.js';
import type { Tool } from './types.js';
import type { Skill } from '../../skills.js';
import { webFetchTool } from './web-fetch.js';
import { writeTool } from './write.js';

export const ALL_TOOLS: readonly Tool[] = [bashTool, bashOutputTool, killShellTool, globTool, grepTool, lsTool, readTool, editTool, writeTool, notebookEditTool, webFetchTool, todoWriteTool, skillTool, agentTool];

/**
 * Anthropic's web search, a server tool: it runs on Anthropic's side, so it is offered only when
 * the owner turned it on for the project (/websearch on), and never asks per search.
 */
export const WEB_SEARCH_TOOL = { type: 'web_search_20250305', name: 'web_search', max_uses: 5 } as const;

/**
 * The tools offered in a session: Skill only when there are skills, its description listing
 * them; Agent with the agent types (not inside a subagent); web search only when the owner
 * turned it on. `only`: a subagent's tool list.
 */
export function sessionToolDefinitions(skills: readonly Skill[], options: { readonly webSearch?: boolean; readonly agents?: readonly AgentDefinition[]; readonly only?: readonly string[] } = {}): object[] {
  const skill = skillToolDefinition(skills);
  const own = ALL_TOOLS.filter((t) => t !== skillTool && t !== agentTool && (!options.only || options.only.includes(t.name)));
  const offered = (name: string) => !options.only || options.only.includes(name);
  return [
    ...toolDefinitions(own),
    ...(skill && offered('Skill') ? [skill] : []),
    ...(options.agents && options.agents.length > 0 ? [agentToolDefinition(options.agents)] : []),
    ...(options.webSearch && offered('WebSearch') ? [WEB_SEARCH_TOOL] : []),
  ];
}

export function toolByName(name: string): Tool | undefined {
  return ALL_TOOLS.find((t) => t.name === name);
}

/** Tool definitions as the Messages API takes them (cache_control is added by context.ts). */
export function toolDefinitions(tools: readonly Tool[] = ALL_TOOLS): { name: string; description: string; input_schema: Tool['inputSchema'] }[] {
  return tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }));
}

export type { Tool, ToolContext, ToolResult, PreparedCall, Todo, ToolKind } from './types.js';
export { isToolResult } from './define.js';
export { revertFileChanges, FileChangeSchema, type FileChange } from '../../file-changes.js';
export { killProcessGroup } from '../../command-process.js';
