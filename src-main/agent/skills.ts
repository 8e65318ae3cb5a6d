// Skills where Claude Code keeps them: a folder with a SKILL.md in `.claude/skills/` of the
// project (shared with the team) or in `~/.claude/skills/` (the owner's own), the project's
// winning when both have one of a name. SKILL.md starts with YAML front matter: `name` (default:
// the folder's name), `description` (what it does and when to use it; default: the first
// paragraph), `disable-model-invocation: true` (only the owner may start it). Claude sees each
// skill's name and description in the Skill tool's description and loads the instructions when
// a task calls for them (tools/skill.ts), so a skill costs a line until it is used.
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { firstParagraph, splitFrontMatter } from './front-matter.js';

export interface Skill {
  readonly name: string;
  readonly description: string;
  /** The skill's folder (real path): its other files live there. */
  readonly dir: string;
  readonly source: 'project' | 'user';
  /** False when the front matter says `disable-model-invocation: true`. */
  readonly modelInvocable: boolean;
}

const MAX_DESCRIPTION = 1024;
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

const FrontMatter = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    'disable-model-invocation': z.boolean().optional(),
  })
  .passthrough();

/** Front matter (checked) and body of a SKILL.md; a file without front matter is all body. */
export async function splitSkillFile(text: string): Promise<{ readonly meta: z.infer<typeof FrontMatter>; readonly body: string }> {
  const { fields, body } = await splitFrontMatter(text);
  const parsed = FrontMatter.safeParse(fields);
  return { meta: parsed.success ? parsed.data : {}, body };
}

async function skillsIn(base: string, source: Skill['source']): Promise<Skill[]> {
  const names = await readdir(base).catch(() => [] as string[]);
  const out: Skill[] = [];
  for (const folder of names.sort()) {
    const dir = await realpath(join(base, folder)).catch(() => undefined);
    const text = dir ? await readFile(join(dir, 'SKILL.md'), 'utf8').catch(() => undefined) : undefined;
    if (!dir || text === undefined) continue;
    const { meta, body } = await splitSkillFile(text);
    const name = (meta.name ?? folder).trim().toLowerCase();
    if (!NAME.test(name)) continue;
    const description = (meta.description ?? firstParagraph(body)).trim().replace(/\s+/g, ' ').slice(0, MAX_DESCRIPTION);
    out.push({ name, description: description || '(no description)', dir, source, modelInvocable: meta['disable-model-invocation'] !== true });
  }
  return out;
}

export async function loadSkills(root: string, home: string): Promise<Skill[]> {
  const project = await skillsIn(join(root, '.claude', 'skills'), 'project');
  const user = await skillsIn(join(home, '.claude', 'skills'), 'user');
  const names = new Set(project.map((s) => s.name));
  return [...project, ...user.filter((s) => !names.has(s.name))];
}

/** The body of a skill's SKILL.md with the arguments filled in ($ARGUMENTS, or appended). */
export async function skillBody(skill: Skill, args: string): Promise<string | undefined> {
  const text = await readFile(join(skill.dir, 'SKILL.md'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const { body } = await splitSkillFile(text);
  return body.includes('$ARGUMENTS') ? body.replaceAll('$ARGUMENTS', args) : args ? `${body.trimEnd()}\n\nARGUMENTS: ${args}` : body;
}

/**
 * What Claude gets when the owner starts a skill by its name (`/release 1.2` from the phone, as
 * `/release 1.2` in Claude Code): the skill's instructions as the turn's text. Any skill the
 * owner may start, those Claude may not start itself included; undefined when there is none.
 */
export async function ownerSkillTurn(root: string, home: string, name: string, args: string): Promise<{ readonly skill: Skill; readonly text: string } | undefined> {
  const skill = (await loadSkills(root, home)).find((s) => s.name === name.toLowerCase());
  const body = skill ? await skillBody(skill, args) : undefined;
  if (!skill || body === undefined) return undefined;
  return { skill, text: `The owner started the /${skill.name} skill${args ? ` with "${args}"` : ''}. Its instructions (${skill.source === 'project' ? `.claude/skills/${skill.name}` : `~/.claude/skills/${skill.name}`}, base directory ${skill.dir}):\n\n${body.trim()}` };
}
