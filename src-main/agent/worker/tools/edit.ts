// Edit {file_path, old_string, new_string, replace_all}: exact string replacement. Fails
// clearly when the text is missing or not unique (unless replace_all), so the model adds
// context instead of editing the wrong place. An empty old_string creates a new file.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { systemErrorCode } from '../../../shared/errors.js';
import { defineTool } from './define.js';
import { captureBefore } from '../../file-changes.js';
import { projectRelative } from './file-target.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { failed, ok } from './types.js';

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** A few numbered lines around the first change, so the model sees the result. */
function snippet(text: string, at: number, length: number): string {
  const startLine = text.slice(0, at).split('\n').length;
  const endLine = startLine + text.slice(at, at + length).split('\n').length - 1;
  const lines = text.split('\n');
  const from = Math.max(1, startLine - 3);
  const to = Math.min(lines.length, endLine + 3);
  return lines
    .slice(from - 1, to)
    .map((l, i) => `${String(from + i).padStart(6)}\t${l}`)
    .join('\n');
}

export const editTool = defineTool({
  name: 'Edit',
  kind: 'edit',
  description:
    'Replaces exact text in a file. old_string must match the file exactly (including indentation) and be unique ' +
    'unless replace_all is true. Use an empty old_string to create a new file with new_string as its content.',
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'The path of the file to modify' },
      old_string: { type: 'string', description: 'The text to replace' },
      new_string: { type: 'string', description: 'The text to replace it with (must be different from old_string)' },
      replace_all: { type: 'boolean', description: 'Replace all occurrences of old_string (default false)' },
    },
    required: ['file_path', 'old_string', 'new_string'],
    additionalProperties: false,
  },
  parse: z.object({
    file_path: z.string().min(1),
    old_string: z.string(),
    new_string: z.string(),
    replace_all: z.boolean().optional(),
  }),
  ruleTarget: (input, root) => projectRelative(root, input.file_path),
  summarize: (input, target) => `edit ${target}${input.replace_all ? ' (all occurrences)' : ''}`,
  async run(input, ctx) {
    if (input.old_string === input.new_string) return failed('old_string and new_string are the same; nothing to change.');
    const abs = await resolveInProject(ctx.root, input.file_path);
    const rel = displayPath(ctx.root, abs);
    let text: string | undefined;
    try {
      text = await readFile(abs, 'utf8');
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    if (text === undefined) {
      if (input.old_string !== '') return failed(`File does not exist: ${rel}`);
      const change = await captureBefore(rel, abs);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, input.new_string);
      return ok(`Created ${rel}.`, [change]);
    }
    if (input.old_string === '') {
      if (text.length > 0) return failed(`old_string is empty but ${rel} already has content; give the text to replace.`);
      const change = await captureBefore(rel, abs);
      await writeFile(abs, input.new_string);
      return ok(`Updated ${rel}.`, [change]);
    }
    const count = countOccurrences(text, input.old_string);
    if (count === 0) return failed(`old_string was not found in ${rel}. Read the file and copy the text exactly.`);
    if (count > 1 && !input.replace_all) {
      return failed(
        `old_string occurs ${count} times in ${rel}. Include more surrounding lines to make it unique, or set replace_all to true.`,
      );
    }
    const change = await captureBefore(rel, abs);
    const at = text.indexOf(input.old_string);
    const updated = input.replace_all
      ? text.split(input.old_string).join(input.new_string)
      : text.slice(0, at) + input.new_string + text.slice(at + input.old_string.length);
    await writeFile(abs, updated);
    const what = count > 1 ? `Replaced ${count} occurrences in ${rel}.` : `Edited ${rel}:`;
    return ok(`${what}\n${snippet(updated, at, input.new_string.length)}`, [change]);
  },
});
