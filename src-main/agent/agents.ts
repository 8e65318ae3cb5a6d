// Subagent definitions where Claude Code keeps them: Markdown files in the project's
// `.claude/agents/` (shared with the team) and in `~/.claude/agents/` (the owner's own), the
// project's winning on a name both have. Front matter: `name`, `description` (when Claude should
// hand a task to it), `tools` (a comma-separated list or a YAML list; omitted: every tool but
// Agent), `model` (sonnet, opus, haiku, inherit, or a model id); the body is the subagent's own
// instructions. `general-purpose` is always there: every tool, no instructions of its own.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { firstParagraph, splitFrontMatter } from './front-matter.js';
import { modelChoices } from './pricing.js';

export interface AgentDefinition {
  readonly name: string;
  readonly description: string;
  /** Tool names it may use; undefined: every tool but Agent. */
  readonly tools: readonly string[] | undefined;
  /** `inherit`/undefined: the session's model; an alias or a model id otherwise. */
  readonly model: string | undefined;
  /** Its own instructions (the file's body); '' for general-purpose. */
  readonly prompt: string;
  readonly source: 'built-in' | 'project' | 'user';
}

export const GENERAL_PURPOSE: AgentDefinition = {
  name: 'general-purpose',
  description: 'For researching complex questions, searching for code and running multi-step tasks on its own; it has every tool but Agent.',
  tools: undefined,
  model: undefined,
  prompt: '',
  source: 'built-in',
};

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const Fields = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    tools: z.union([z.string(), z.array(z.string())]).optional(),
    model: z.string().optional(),
  })
  .passthrough();

async function agentsIn(dir: string, source: 'project' | 'user'): Promise<AgentDefinition[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort();
  const out: AgentDefinition[] = [];
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const { fields, body } = await splitFrontMatter(text);
    const parsed = Fields.safeParse(fields);
    const meta = parsed.success ? parsed.data : {};
    const name = (meta.name ?? basename(file, '.md')).trim().toLowerCase();
    if (!NAME.test(name) || name === GENERAL_PURPOSE.name) continue;
    const list = typeof meta.tools === 'string' ? meta.tools.split(',') : meta.tools;
    const tools = list?.map((t) => t.trim()).filter((t) => t && t !== 'Agent' && t !== 'Task');
    const model = meta.model?.trim();
    out.push({
      name,
      description: (meta.description ?? firstParagraph(body)).trim().replace(/\s+/g, ' ').slice(0, 1024) || '(no description)',
      tools: tools && tools.length > 0 ? tools : undefined,
      model: model && model !== 'inherit' ? model : undefined,
      prompt: body.trim(),
      source,
    });
  }
  return out;
}

export async function loadAgents(root: string, home: string): Promise<AgentDefinition[]> {
  const project = await agentsIn(join(root, '.claude', 'agents'), 'project');
  const user = await agentsIn(join(home, '.claude', 'agents'), 'user');
  const names = new Set(project.map((a) => a.name));
  return [GENERAL_PURPOSE, ...project, ...user.filter((a) => !names.has(a.name))];
}

/** The model a subagent runs on: its own (an alias names that family's newest model in /model's list), or the session's. */
export function agentModel(definition: AgentDefinition, sessionModel: string): string {
  const m = definition.model;
  if (!m) return sessionModel;
  const alias = m.toLowerCase();
  if (alias === 'sonnet' || alias === 'opus' || alias === 'haiku') return modelChoices().find((c) => c.id.startsWith(`claude-${alias}`))?.id ?? sessionModel;
  return m;
}
