// Skill {skill, args}: loads one of the skills (../skills.ts) into the conversation, as Claude
// Code's Skill tool does: the SKILL.md instructions with $ARGUMENTS filled in, and the folder its
// other files are in. Offered only when the project or the owner has skills, with their names
// and descriptions in the description (skillToolDefinition), so a session without skills pays
// nothing for it. Loading instructions changes nothing, so it needs no approval; what the
// instructions then lead Claude to do goes through permissions as always.
import { z } from 'zod';
import { isInside } from '../../paths.js';
import { skillBody, type Skill } from '../../skills.js';
import { defineTool } from './define.js';
import { failed, ok } from './types.js';

const MAX_BODY = 40_000;

const SkillInput = z.object({ skill: z.string().min(1), args: z.string().optional() });

const INPUT_SCHEMA = {
  type: 'object',
  properties: {
    skill: { type: 'string', description: 'The skill name, e.g. "pdf" (no leading slash)' },
    args: { type: 'string', description: 'Optional arguments for the skill' },
  },
  required: ['skill'],
  additionalProperties: false,
} as const;

export const skillTool = defineTool({
  name: 'Skill',
  kind: 'meta',
  description: 'Loads a skill (its instructions) into the conversation.',
  inputSchema: INPUT_SCHEMA,
  parse: SkillInput,
  summarize: (input) => `use the ${input.skill.replace(/^\//, '')} skill`,
  async run(input, ctx) {
    const name = input.skill.replace(/^\//, '').trim().toLowerCase();
    const skill = ctx.skills?.find((s) => s.name === name && s.modelInvocable);
    if (!skill) {
      const known = (ctx.skills ?? []).filter((s) => s.modelInvocable).map((s) => s.name);
      return failed(`Unknown skill: ${name}.${known.length ? ` Available: ${known.join(', ')}.` : ' There are no skills here.'}`);
    }
    const filled = await skillBody(skill, input.args ?? '');
    if (filled === undefined) return failed(`The ${name} skill's SKILL.md can no longer be read.`);
    const where = isInside(ctx.root, skill.dir)
      ? `Base directory for this skill: ${skill.dir}`
      : `Base directory for this skill: ${skill.dir} (outside the project: its other files cannot be read from here)`;
    const cut = filled.length > MAX_BODY ? `${filled.slice(0, MAX_BODY)}\n[… SKILL.md cut here]` : filled;
    return ok(`${where}\n\n${cut.trim()}`);
  },
});

/** The Skill tool as the API takes it, listing the skills Claude may load; undefined when there are none. */
export function skillToolDefinition(skills: readonly Skill[]): { name: string; description: string; input_schema: typeof INPUT_SCHEMA } | undefined {
  const usable = skills.filter((s) => s.modelInvocable);
  if (usable.length === 0) return undefined;
  const list = usable.map((s) => `- ${s.name}: ${s.description}${s.source === 'user' ? ' (the owner\'s)' : ''}`).join('\n');
  return {
    name: 'Skill',
    description:
      'Loads a skill into the conversation: instructions for a kind of task, written by the owner or the project. ' +
      'When a task matches a skill below, load it first and follow it.\n\nAvailable skills:\n' + list,
    input_schema: INPUT_SCHEMA,
  };
}
